#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "admin/tokens.hpp"
#include "common/clock.hpp"

namespace lapor::admin {

// A token made through the tokens API, as the store keeps it.
struct StoredToken {
  TokenEntry entry;
  TimeMs created_at = 0;
  std::string created_by;  // the token admin's name
};
// {"name", "role", "sha256", "created_at", "created_by"} and back; nullopt for a bad record.
std::string StoredTokenRecord(const StoredToken& token);
std::optional<StoredToken> ParseStoredToken(std::string_view record);

// Every token that may sign in: those of the tokens file, those made through the API, less the
// names revoked. Immutable; the live state loop builds a new one when the store's tokens change.
struct TokenBook {
  TokenSet file;
  std::vector<StoredToken> stored;
  std::map<std::string, TimeMs, std::less<>> revoked;   // name -> when
  std::map<std::string, TimeMs, std::less<>> last_use;  // name -> when, for the list only

  bool HasName(std::string_view name) const;
  // {"tokens": [{"name", "role", "source": "file"|"api", "created_at", "created_by",
  // "last_used_at", "revoked_at"}]}: never a hash.
  nlohmann::json ListJson() const;
};

// The book of the file's tokens and what the store holds; records that cannot be read are left
// out (and counted in `skipped`).
TokenBook BookFrom(const TokenSet& file, const std::vector<std::string>& records,
                   std::map<std::string, TimeMs, std::less<>> revoked,
                   std::map<std::string, TimeMs, std::less<>> last_use, size_t* skipped = nullptr);

// As Authenticate(TokenSet, ...), over the whole book: a revoked name is refused like an unknown
// token. Errors: kUnauthorized "missing or unknown token".
Result<cases::Actor> Authenticate(const TokenBook& book, std::string_view authorization_header);

}  // namespace lapor::admin
