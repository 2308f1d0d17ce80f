#pragma once

#include <openssl/crypto.h>

#include <string_view>

namespace lapor {

// Equal contents, compared in time that does not depend on where they differ (secrets, tokens).
inline bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace lapor
