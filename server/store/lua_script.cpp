#include "store/lua_script.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace lapor::store {

LuaScript LuaScript::FromSource(std::string name, std::string source) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(source.data(), source.size(), digest, &length, EVP_sha1(), nullptr) != 1) {
    throw std::runtime_error("SHA-1 of Lua script " + name + " failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string sha1;
  sha1.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    sha1.push_back(kHex[digest[i] >> 4]);
    sha1.push_back(kHex[digest[i] & 0xf]);
  }
  return LuaScript{std::move(name), std::move(source), std::move(sha1)};
}

}  // namespace lapor::store
