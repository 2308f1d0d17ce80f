#include "common/digest.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cstdint>

namespace lapor {
namespace {

// OpenSSL 3 fetches the algorithm and allocates a context on every EVP_Digest (and SHA1(),
// which calls it): ~14 allocations a hash, and a USSD step hashes twice (its session's short id,
// its report's message id). Here the algorithm is fetched once and each thread keeps a context.
const EVP_MD* Sha1Algorithm() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA1", nullptr);
  return md;
}
const EVP_MD* Sha256Algorithm() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

// The digest of `data` as bytes in `out`; empty only on a broken OpenSSL (an empty digest
// matches nothing).
std::string_view DigestInto(std::string_view data, const EVP_MD* md,
                            std::array<unsigned char, EVP_MAX_MD_SIZE>& out) {
  struct Context {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(ctx); }
  };
  thread_local Context context;
  unsigned int length = 0;
  if (md == nullptr || context.ctx == nullptr ||
      EVP_DigestInit_ex2(context.ctx, md, nullptr) != 1 ||
      EVP_DigestUpdate(context.ctx, data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(context.ctx, out.data(), &length) != 1) {
    return {};
  }
  return {reinterpret_cast<const char*>(out.data()), length};
}

std::string Digest(std::string_view data, const EVP_MD* md) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  return std::string(DigestInto(data, md, digest));
}

std::string Mac(std::string_view key, std::string_view data, const EVP_MD* md) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int length = 0;
  const auto* out =
      HMAC(md, key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac.data(), &length);
  if (out == nullptr) {
    return "";  // as above: an empty MAC verifies nothing
  }
  return std::string(reinterpret_cast<const char*>(mac.data()), length);
}

std::string Encode64(std::string_view bytes, std::string_view alphabet, bool pad) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  auto at = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])); };
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t n = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    for (int shift : {18, 12, 6, 0}) {
      out += alphabet[(n >> shift) & 63];
    }
  }
  const size_t left = bytes.size() - i;
  if (left > 0) {
    const uint32_t n = (at(i) << 16) | (left == 2 ? at(i + 1) << 8 : 0);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    if (left == 2) {
      out += alphabet[(n >> 6) & 63];
    }
    if (pad) {
      out.append(3 - left, '=');
    }
  }
  return out;
}

}  // namespace

std::string Sha1(std::string_view data) { return Digest(data, Sha1Algorithm()); }
std::string Sha256(std::string_view data) { return Digest(data, Sha256Algorithm()); }

std::string HmacSha1(std::string_view key, std::string_view data) {
  return Mac(key, data, EVP_sha1());
}
std::string HmacSha256(std::string_view key, std::string_view data) {
  return Mac(key, data, EVP_sha256());
}

std::string LowerHex(std::string_view bytes) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * bytes.size());
  for (unsigned char c : bytes) {
    hex += kHex[c >> 4];
    hex += kHex[c & 15];
  }
  return hex;
}

std::string Sha1HexPrefix(std::string_view data, size_t bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  const std::string_view whole = DigestInto(data, Sha1Algorithm(), digest);
  return LowerHex(whole.substr(0, bytes));
}

std::string Base64(std::string_view bytes) {
  return Encode64(bytes, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", true);
}

std::string Base64Url(std::string_view bytes) {
  return Encode64(bytes, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", false);
}

}  // namespace lapor
