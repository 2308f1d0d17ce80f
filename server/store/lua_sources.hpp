#pragma once

#include <span>
#include <string_view>

namespace lapor::store {

// One Lua script of server/store/lua/, compiled into the binary (cmake/embed_lua.cmake).
struct EmbeddedLua {
  std::string_view name;    // the file name without .lua: "dialog_step"
  std::string_view source;  // the file's text
};

// Every script of server/store/lua/, the prelude included, in file-name order.
std::span<const EmbeddedLua> EmbeddedLuaScripts();

}  // namespace lapor::store
