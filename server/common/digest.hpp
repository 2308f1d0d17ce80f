#pragma once

#include <string>
#include <string_view>

// Hashes, message authentication codes and their text forms (OpenSSL underneath), for secrets,
// signatures and script ids.
namespace lapor {

// Raw digests (20 and 32 bytes).
std::string Sha1(std::string_view data);
std::string Sha256(std::string_view data);

// Raw HMACs of `data` under `key` (RFC 2104): 20 and 32 bytes.
std::string HmacSha1(std::string_view key, std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);

// Lower-case hexadecimal, two digits a byte.
std::string LowerHex(std::string_view bytes);
// LowerHex of the first `bytes` bytes of Sha1(data), with neither the digest nor its whole hex
// built as a string: a short id (12 digits fit a string's own buffer) costs no allocation.
std::string Sha1HexPrefix(std::string_view data, size_t bytes);

// Base64 (RFC 4648 section 4) with '=' padding, as Twilio signs; and the URL-safe alphabet
// (section 5) without padding, for tokens.
std::string Base64(std::string_view bytes);
std::string Base64Url(std::string_view bytes);

}  // namespace lapor
