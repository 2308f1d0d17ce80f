#pragma once

#include <string>

namespace lapor::store {

// A Lua script run with EVALSHA. The digest is computed here, so a call never needs SCRIPT LOAD's
// answer first.
struct LuaScript {
  std::string name;    // for logs: "dialog_step"
  std::string source;  // the Lua text
  std::string sha1;    // lowercase hex SHA-1 of source, as Redis names the script

  static LuaScript FromSource(std::string name, std::string source);
};

}  // namespace lapor::store
