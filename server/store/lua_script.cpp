#include "store/lua_script.hpp"

#include "common/digest.hpp"

namespace lapor::store {

LuaScript LuaScript::FromSource(std::string name, std::string source) {
  std::string sha1 = LowerHex(Sha1(source));
  return LuaScript{std::move(name), std::move(source), std::move(sha1)};
}

}  // namespace lapor::store
