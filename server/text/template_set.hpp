#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace lapor::text {

using Vars = std::map<std::string, std::string, std::less<>>;

// Every text the bot sends, by language and key (templates/<lang>.json). Immutable once built;
// checked at load so a missing or broken text stops the server at start, not mid-session.
class TemplateSet {
 public:
  // Builds from one JSON object per language. Throws ConfigError naming each problem as
  // "<source>/<lang>.json: <key>: ..." (not an object, non-string value, bad placeholder, a key
  // present in one language and missing in another).
  static TemplateSet FromJson(const std::map<std::string, nlohmann::json>& by_language,
                              std::string_view source = "templates");
  // Reads <dir>/<lang>.json for each language. Throws ConfigError.
  static TemplateSet LoadDir(const std::string& dir, const std::vector<std::string>& languages);

  // The same set with `changes` (language -> key -> text) put over its texts, checked as
  // FromJson checks. Throws ConfigError.
  TemplateSet With(const std::map<std::string, std::map<std::string, std::string>>& changes,
                   std::string_view source = "templates") const;

  const std::vector<std::string>& languages() const { return languages_; }
  // Every key and text of `lang` (empty for an unknown language).
  const std::map<std::string, std::string, std::less<>>& Texts(std::string_view lang) const;
  bool Has(std::string_view lang, std::string_view key) const;
  // The raw text; the key of a missing text (never after a successful load of checked keys).
  std::string Raw(std::string_view lang, std::string_view key) const;
  std::string Render(std::string_view lang, std::string_view key, const Vars& vars) const;

 private:
  // Raw as a view into the set (or of `key`).
  std::string_view RawView(std::string_view lang, std::string_view key) const;

  std::vector<std::string> languages_;
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> texts_;
};

}  // namespace lapor::text
