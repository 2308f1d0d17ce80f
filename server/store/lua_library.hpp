#pragma once

#include <string_view>

#include "store/lua_script.hpp"
#include "store/redis_client.hpp"

namespace lapor::store {

// The script `name` of server/store/lua/ (embedded at build time) with the shared prelude
// (prelude.lua) in front of it, so what several scripts do is written once. Throws
// std::logic_error for a name that is not there: a bug, found at start.
LuaScript LibraryScript(std::string_view name);

}  // namespace lapor::store
