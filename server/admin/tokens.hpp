#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/workflow.hpp"
#include "common/result.hpp"

namespace lapor::admin {

// One official's bearer token as the tokens file keeps it: who, which role, and the SHA-256 of
// the token. The token itself is never stored; it is shown once, by AddToken.
struct TokenEntry {
  std::string sha256;  // 64 lowercase hex digits
  cases::Actor actor;  // name and role (an OPD's code) of the official
};

// The tokens file (`admin.tokens_file`): a JSON array of {"name", "role", "sha256"} objects.
// Names are unique, 1 to 64 of A-Z a-z 0-9 . _ - @; roles as cases::ParseRole reads them.
struct TokenSet {
  std::vector<TokenEntry> entries;

  // Reads the file at `path`. A missing file is an empty set (no official can sign in). Throws
  // ConfigError naming the path and the index of each bad entry ("<path>: [2].role: ...").
  static TokenSet Load(const std::string& path);
  // The same checks on a parsed document; `source` names it in the errors.
  static TokenSet FromJson(const nlohmann::json& doc, std::string_view source);
};

// Lowercase hex SHA-256 of `token`, as the tokens file stores it.
std::string TokenHash(std::string_view token);

// The official behind an `Authorization: Bearer <token>` header value. The token's hash is
// compared in constant time with every entry, without stopping at a match. Errors:
// kUnauthorized "missing or unknown token" (no header, another scheme, an unknown token).
Result<cases::Actor> Authenticate(const TokenSet& tokens, std::string_view authorization_header);

// The SHA-256 of the token in an `Authorization: Bearer <token>` header value; nullopt for no
// header, another scheme or an empty token.
std::optional<std::string> BearerTokenHash(std::string_view authorization_header);
// The entry of `entries` whose hash is `hash`, else `found`. Compares with every entry, in
// constant time, without stopping at a match.
const TokenEntry* FindToken(const std::vector<TokenEntry>& entries, const std::string& hash,
                            const TokenEntry* found);
// kBadRequest naming the problem for a bad name or an unknown role.
Result<Ok> CheckNewToken(std::string_view name, std::string_view role);
// A new random token: 32 bytes from the OS's CSPRNG, base64url, prefixed "l1708_".
Result<std::string> NewToken();

// Makes a new random token (32 bytes from the OS's CSPRNG, base64url, prefixed "l1708_") for
// `name` in `role`, appends its hash to the tokens file at `path` (created with its folder if
// missing; written to a temporary file and renamed over, so a reader never sees half a file)
// and returns the token, to be shown once. Errors: kBadRequest for an unknown role or a bad
// name, kConflict when the name is taken, kUnprocessable when the file holds bad entries,
// kInternal when it cannot be read or written (the message says why).
Result<std::string> AddToken(const std::string& path, std::string_view name, std::string_view role);

}  // namespace lapor::admin
