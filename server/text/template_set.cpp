#include "text/template_set.hpp"

#include <fstream>
#include <set>

#include "common/config_error.hpp"
#include "common/json_reader.hpp"
#include "text/template.hpp"

namespace lapor::text {

TemplateSet TemplateSet::FromJson(const std::map<std::string, nlohmann::json>& by_language,
                                  std::string_view source) {
  std::vector<std::string> problems;
  TemplateSet set;
  std::set<std::string> all_keys;
  for (const auto& [lang, doc] : by_language) {
    std::string where = std::string(source) + "/" + lang + ".json";
    set.languages_.push_back(lang);
    auto& texts = set.texts_[lang];
    if (!doc.is_object()) {
      problems.push_back(where + ": must be a JSON object of key -> text");
      continue;
    }
    for (const auto& [key, value] : doc.items()) {
      all_keys.insert(key);
      if (!value.is_string()) {
        problems.push_back(where + ": " + key + ": must be a string");
        continue;
      }
      auto text = value.get<std::string>();
      if (auto check = CheckTemplate(text); !check) {
        problems.push_back(where + ": " + key + ": " + check.error().message);
      }
      texts.emplace(key, std::move(text));
    }
  }
  for (const auto& [lang, texts] : set.texts_) {
    for (const auto& key : all_keys) {
      if (!texts.contains(key)) {
        problems.push_back(std::string(source) + "/" + lang + ".json: " + key +
                           ": missing (present in another language)");
      }
    }
  }
  if (!problems.empty()) {
    throw ConfigError(std::move(problems));
  }
  return set;
}

TemplateSet TemplateSet::LoadDir(const std::string& dir,
                                 const std::vector<std::string>& languages) {
  std::map<std::string, nlohmann::json> docs;
  std::vector<std::string> problems;
  for (const auto& lang : languages) {
    try {
      docs[lang] = ReadJsonFile(dir + "/" + lang + ".json");
    } catch (const ConfigError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) {
    throw ConfigError(std::move(problems));
  }
  return FromJson(docs, dir);
}

TemplateSet TemplateSet::With(
    const std::map<std::string, std::map<std::string, std::string>>& changes,
    std::string_view source) const {
  std::map<std::string, nlohmann::json> docs;
  for (const auto& lang : languages_) {
    auto& doc = docs[lang] = nlohmann::json::object();
    for (const auto& [key, text] : Texts(lang)) {
      doc[key] = text;
    }
  }
  for (const auto& [lang, texts] : changes) {
    auto& doc = docs[lang];
    for (const auto& [key, text] : texts) {
      doc[key] = text;
    }
  }
  return FromJson(docs, source);
}

const std::map<std::string, std::string, std::less<>>& TemplateSet::Texts(
    std::string_view lang) const {
  static const std::map<std::string, std::string, std::less<>> kNone;
  auto texts = texts_.find(lang);
  return texts == texts_.end() ? kNone : texts->second;
}

bool TemplateSet::Has(std::string_view lang, std::string_view key) const {
  auto texts = texts_.find(lang);
  return texts != texts_.end() && texts->second.contains(key);
}

std::string_view TemplateSet::RawView(std::string_view lang, std::string_view key) const {
  auto texts = texts_.find(lang);
  if (texts == texts_.end()) {
    return key;
  }
  auto text = texts->second.find(key);
  return text == texts->second.end() ? key : std::string_view(text->second);
}

std::string TemplateSet::Raw(std::string_view lang, std::string_view key) const {
  return std::string(RawView(lang, key));
}

std::string TemplateSet::Render(std::string_view lang, std::string_view key,
                                const Vars& vars) const {
  // Rendered from the stored text itself: a copy of it first was one more allocation a notice.
  return text::Render(RawView(lang, key), vars);
}

}  // namespace lapor::text
