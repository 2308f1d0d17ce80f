#include "store/lua_library.hpp"

#include <stdexcept>
#include <string>

#include "store/lua_sources.hpp"

namespace lapor::store {
namespace {

std::string_view Source(std::string_view name) {
  for (const EmbeddedLua& script : EmbeddedLuaScripts()) {
    if (script.name == name) {
      return script.source;
    }
  }
  throw std::logic_error("no Lua script \"" + std::string(name) + "\" in server/store/lua/");
}

}  // namespace

LuaScript LibraryScript(std::string_view name) {
  // One chunk: the prelude's local functions are in scope for the script below them.
  std::string source(Source("prelude"));
  source += "\n-- ---- ";
  source += name;
  source += ".lua\n";
  source += Source(name);
  return LuaScript::FromSource(std::string(name), std::move(source));
}

}  // namespace lapor::store
