#include "admin/token_book.hpp"

#include "common/constant_time.hpp"

namespace lapor::admin {
namespace {

nlohmann::json When(const std::map<std::string, TimeMs, std::less<>>& times,
                    std::string_view name) {
  auto it = times.find(name);
  return it == times.end() ? nlohmann::json(nullptr) : nlohmann::json(it->second);
}

}  // namespace

std::string StoredTokenRecord(const StoredToken& token) {
  return nlohmann::json{{"name", token.entry.actor.name},
                        {"role", cases::RoleText(token.entry.actor)},
                        {"sha256", token.entry.sha256},
                        {"created_at", token.created_at},
                        {"created_by", token.created_by}}
      .dump();
}

std::optional<StoredToken> ParseStoredToken(std::string_view record) {
  auto doc = nlohmann::json::parse(record, nullptr, false);
  if (!doc.is_object() || !doc["name"].is_string() || !doc["role"].is_string() ||
      !doc["sha256"].is_string() || !doc["created_at"].is_number_integer() ||
      !doc["created_by"].is_string()) {
    return std::nullopt;
  }
  auto actor = cases::ParseRole(doc["role"].get<std::string>(), doc["name"].get<std::string>());
  if (!actor) {
    return std::nullopt;
  }
  return StoredToken{.entry = {.sha256 = doc["sha256"], .actor = std::move(*actor)},
                     .created_at = doc["created_at"],
                     .created_by = doc["created_by"]};
}

bool TokenBook::HasName(std::string_view name) const {
  for (const auto& e : file.entries) {
    if (e.actor.name == name) {
      return true;
    }
  }
  for (const auto& t : stored) {
    if (t.entry.actor.name == name) {
      return true;
    }
  }
  return revoked.contains(name);
}

nlohmann::json TokenBook::ListJson() const {
  nlohmann::json list = nlohmann::json::array();
  auto add = [&](const TokenEntry& e, std::string_view source, nlohmann::json created_at,
                 nlohmann::json created_by) {
    list.push_back({{"name", e.actor.name},
                    {"role", cases::RoleText(e.actor)},
                    {"source", source},
                    {"created_at", std::move(created_at)},
                    {"created_by", std::move(created_by)},
                    {"last_used_at", When(last_use, e.actor.name)},
                    {"revoked_at", When(revoked, e.actor.name)}});
  };
  for (const auto& e : file.entries) {
    add(e, "file", nullptr, nullptr);
  }
  for (const auto& t : stored) {
    add(t.entry, "api", t.created_at, t.created_by);
  }
  return {{"tokens", std::move(list)}};
}

TokenBook BookFrom(const TokenSet& file, const std::vector<std::string>& records,
                   std::map<std::string, TimeMs, std::less<>> revoked,
                   std::map<std::string, TimeMs, std::less<>> last_use, size_t* skipped) {
  TokenBook book{.file = file, .revoked = std::move(revoked), .last_use = std::move(last_use)};
  for (const auto& record : records) {
    if (auto token = ParseStoredToken(record)) {
      book.stored.push_back(std::move(*token));
    } else if (skipped != nullptr) {
      ++*skipped;
    }
  }
  return book;
}

Result<cases::Actor> Authenticate(const TokenBook& book, std::string_view authorization_header) {
  auto hash = BearerTokenHash(authorization_header);
  const TokenEntry* found = nullptr;
  if (hash) {
    found = FindToken(book.file.entries, *hash, nullptr);
    // As FindToken: every entry compared, in constant time.
    for (const auto& t : book.stored) {
      bool same = ConstantTimeEquals(*hash, t.entry.sha256);
      found = same ? &t.entry : found;
    }
  }
  if (found == nullptr || book.revoked.contains(found->actor.name)) {
    return Error{Errc::kUnauthorized, "missing or unknown token"};
  }
  return found->actor;
}

}  // namespace lapor::admin
