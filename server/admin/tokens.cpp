#include "admin/tokens.hpp"

#include <fcntl.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "common/config_error.hpp"
#include "common/constant_time.hpp"
#include "common/digest.hpp"
#include "common/json_reader.hpp"

namespace lapor::admin {
namespace {

constexpr size_t kTokenBytes = 32;
constexpr std::string_view kTokenPrefix = "l1708_";
constexpr size_t kMaxNameLength = 64;
constexpr std::string_view kUnknownToken = "missing or unknown token";
constexpr std::string_view kRoles =
    "verifier, ombudsman, auditor, template_editor, token_admin, region_admin:<region>, "
    "inspectorate:<region>, "
    "regent:<region>, opd:<region>/<opd>; a region is its code, e.g. 19.04";

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-' ||
         c == '@';
}

// Empty when `name` is fine, otherwise what is wrong with it.
std::string NameProblem(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength) {
    return "must be 1 to 64 characters";
  }
  for (char c : name) {
    if (!IsNameChar(c)) {
      return "may hold only letters, digits and . _ - @";
    }
  }
  return "";
}

bool IsLowerHex64(std::string_view text) {
  if (text.size() != 64) {
    return false;
  }
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

// Writes `text` to a new file beside `path`, flushes it to disk and renames it over `path`.
Result<Ok> ReplaceFile(const std::string& path, const std::string& text) {
  std::string temp = path + ".tmp-" + std::to_string(getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Error{Errc::kInternal, Errno("cannot create " + temp)};
  }
  size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      auto error = Errno("cannot write " + temp);
      ::close(fd);
      ::unlink(temp.c_str());
      return Error{Errc::kInternal, error};
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    auto error = Errno("cannot flush " + temp);
    ::unlink(temp.c_str());
    return Error{Errc::kInternal, error};
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    auto error = Errno("cannot rename " + temp + " to " + path);
    ::unlink(temp.c_str());
    return Error{Errc::kInternal, error};
  }
  return Ok{};
}

// One entry of the file; nullopt (and its problems reported) when it is not good.
std::optional<TokenEntry> ReadEntry(
    const nlohmann::json& item, const std::string& at, std::set<std::string>& names,
    std::set<std::string>& hashes,
    const std::function<void(const std::string&, std::string_view)>& problem) {
  auto text = [&](const char* key) -> std::string {
    auto it = item.find(key);
    if (it == item.end() || !it->is_string()) {
      problem(at + "." + key, "must be a string");
      return "";
    }
    return it->get<std::string>();
  };
  std::string name = text("name");
  std::string role = text("role");
  std::string sha256 = text("sha256");
  bool good = true;
  if (auto why = NameProblem(name); !why.empty()) {
    problem(at + ".name", why);
    good = false;
  } else if (!names.insert(name).second) {
    problem(at + ".name", "\"" + name + "\" appears twice");
    good = false;
  }
  auto actor = cases::ParseRole(role, name);
  if (!actor) {
    problem(at + ".role", "\"" + role + "\" is not a role (" + std::string(kRoles) + ")");
    good = false;
  }
  if (!IsLowerHex64(sha256)) {
    problem(at + ".sha256", "must be 64 lowercase hex digits (SHA-256 of the token)");
    good = false;
  } else if (!hashes.insert(sha256).second) {
    problem(at + ".sha256", "the same token appears twice");
    good = false;
  }
  if (!good) {
    return std::nullopt;
  }
  return TokenEntry{sha256, std::move(*actor)};
}

}  // namespace

TokenSet TokenSet::FromJson(const nlohmann::json& doc, std::string_view source) {
  std::vector<std::string> problems;
  auto problem = [&](const std::string& where, std::string_view what) {
    problems.push_back(std::string(source) + ": " + where + ": " + std::string(what));
  };
  TokenSet set;
  if (!doc.is_array()) {
    problems.push_back(std::string(source) +
                       ": must be a JSON array of {\"name\", \"role\", \"sha256\"} objects");
    throw ConfigError(std::move(problems));
  }
  std::set<std::string> names;
  std::set<std::string> hashes;
  for (size_t i = 0; i < doc.size(); ++i) {
    const auto& item = doc[i];
    std::string at = "[" + std::to_string(i) + "]";
    if (!item.is_object()) {
      problem(at, "must be an object with name, role and sha256");
      continue;
    }
    if (auto entry = ReadEntry(item, at, names, hashes, problem)) {
      set.entries.push_back(std::move(*entry));
    }
  }
  if (!problems.empty()) {
    throw ConfigError(std::move(problems));
  }
  return set;
}

TokenSet TokenSet::Load(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && !ec) {
    return TokenSet{};
  }
  return FromJson(ReadJsonFile(path), path);
}

std::string TokenHash(std::string_view token) { return LowerHex(Sha256(token)); }

std::optional<std::string> BearerTokenHash(std::string_view header) {
  // RFC 6750: "Bearer" 1*SP token; the scheme name is case-insensitive (RFC 9110).
  constexpr std::string_view kScheme = "bearer ";
  if (header.size() <= kScheme.size()) {
    return std::nullopt;
  }
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) {
      return std::nullopt;
    }
  }
  std::string_view token = header.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') {
    token.remove_prefix(1);
  }
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) {
    token.remove_suffix(1);
  }
  if (token.empty()) {
    return std::nullopt;
  }
  return TokenHash(token);
}

const TokenEntry* FindToken(const std::vector<TokenEntry>& entries, const std::string& hash,
                            const TokenEntry* found) {
  // Every entry is compared, so the time taken does not tell which one matched, or how many
  // were looked at before it.
  for (const auto& entry : entries) {
    bool same = ConstantTimeEquals(hash, entry.sha256);
    found = same ? &entry : found;
  }
  return found;
}

Result<cases::Actor> Authenticate(const TokenSet& tokens, std::string_view header) {
  auto hash = BearerTokenHash(header);
  const TokenEntry* found = hash ? FindToken(tokens.entries, *hash, nullptr) : nullptr;
  if (found == nullptr) {
    return Error{Errc::kUnauthorized, std::string(kUnknownToken)};
  }
  return found->actor;
}

Result<Ok> CheckNewToken(std::string_view name, std::string_view role) {
  if (auto why = NameProblem(name); !why.empty()) {
    return Error{Errc::kBadRequest, "name \"" + std::string(name) + "\": " + why};
  }
  if (!cases::ParseRole(role, std::string(name))) {
    return Error{Errc::kBadRequest,
                 "role \"" + std::string(role) + "\" is not a role (" + std::string(kRoles) + ")"};
  }
  return Ok{};
}

Result<std::string> NewToken() {
  std::array<unsigned char, kTokenBytes> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
    return Error{Errc::kInternal, "no random bytes from OpenSSL"};
  }
  return std::string(kTokenPrefix) +
         Base64Url(std::string_view(reinterpret_cast<const char*>(random.data()), random.size()));
}

Result<std::string> AddToken(const std::string& path, std::string_view name,
                             std::string_view role) {
  if (auto checked = CheckNewToken(name, role); !checked) {
    return checked.error();
  }

  // The entries already there, kept as written (fields we do not know stay).
  nlohmann::json doc = nlohmann::json::array();
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    std::ifstream in(path);
    if (!in) {
      return Error{Errc::kInternal, Errno(path + ": cannot be read")};
    }
    doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded()) {
      return Error{Errc::kUnprocessable, path + ": not valid JSON"};
    }
    try {
      auto existing = TokenSet::FromJson(doc, path);
      for (const auto& entry : existing.entries) {
        if (entry.actor.name == name) {
          return Error{Errc::kConflict,
                       "a token named \"" + std::string(name) + "\" exists already in " + path};
        }
      }
    } catch (const ConfigError& e) {
      std::string what = e.what();
      while (!what.empty() && what.back() == '\n') {
        what.pop_back();
      }
      return Error{Errc::kUnprocessable, what};
    }
  } else if (ec) {
    return Error{Errc::kInternal, path + ": " + ec.message()};
  } else if (auto folder = std::filesystem::path(path).parent_path(); !folder.empty()) {
    std::filesystem::create_directories(folder, ec);
    if (ec) {
      return Error{Errc::kInternal, "cannot create " + folder.string() + ": " + ec.message()};
    }
  }

  auto token = NewToken();
  if (!token) {
    return token.error();
  }
  doc.push_back({{"name", name}, {"role", role}, {"sha256", TokenHash(*token)}});
  auto written = ReplaceFile(path, doc.dump(2) + "\n");
  if (!written) {
    return written.error();
  }
  return *token;
}

}  // namespace lapor::admin
