#include "admin/template_edits.hpp"

#include "common/config_error.hpp"

namespace lapor::admin {

Error Unprocessable(const std::vector<std::string>& problems) {
  std::string joined;
  for (const auto& p : problems) {
    joined += (joined.empty() ? "" : "; ") + p;
  }
  return {Errc::kUnprocessable, joined};
}

Result<std::shared_ptr<const dialog::Engine>> EngineWith(const dialog::Engine& shipped,
                                                         const dialog::Engine& in_force,
                                                         const TemplateTexts& edits) {
  try {
    auto templates =
        std::make_shared<const text::TemplateSet>(shipped.templates().With(edits, "templates"));
    return in_force.WithTemplates(std::move(templates));
  } catch (const ConfigError& e) {
    return Unprocessable(e.problems());
  }
}

nlohmann::json ExportJson(const text::TemplateSet& current, int64_t version) {
  nlohmann::json all = nlohmann::json::object();
  for (const auto& lang : current.languages()) {
    auto& texts = all[lang] = nlohmann::json::object();
    for (const auto& [key, text] : current.Texts(lang)) {
      texts[key] = text;
    }
  }
  return {{"version", version}, {"templates", std::move(all)}};
}

Result<TemplateTexts> ImportChanges(const TemplateCatalog& catalog,
                                    const text::TemplateSet& current, const nlohmann::json& doc) {
  if (!doc.is_object() || !doc.contains("templates") || !doc["templates"].is_object()) {
    return Error{Errc::kBadRequest, "expected {\"templates\": {\"<lang>\": {\"<key>\": text}}}"};
  }
  TemplateTexts changes;
  std::vector<std::string> problems;
  for (const auto& [lang, texts] : doc["templates"].items()) {
    if (!texts.is_object()) {
      problems.push_back("/templates/" + lang + ": must be an object of key -> text");
      continue;
    }
    for (const auto& [key, value] : texts.items()) {
      std::string where = "/templates/" + lang + "/" + key + ": ";
      if (!value.is_string()) {
        problems.push_back(where + "must be a string");
        continue;
      }
      const auto& text = value.get_ref<const std::string&>();
      if (current.Has(lang, key) && current.Raw(lang, key) == text) {
        continue;
      }
      auto check = CheckEdit(catalog, lang, key, text, current.Raw(lang, key));
      if (!check) {
        problems.push_back(where + check.error().message);
        continue;
      }
      changes[lang][key] = text;
    }
  }
  if (!problems.empty()) {
    return Unprocessable(problems);
  }
  return changes;
}

}  // namespace lapor::admin
