#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "admin/template_catalog.hpp"
#include "common/result.hpp"
#include "dialog/engine.hpp"

namespace lapor::admin {

// language -> key -> text
using TemplateTexts = std::map<std::string, std::map<std::string, std::string>>;

// The engine in force (its dialog and dialog version) speaking the shipped texts with `edits`
// over them, every screen checked at its worst against the screen limit as at start. Errors:
// kUnprocessable with every problem.
Result<std::shared_ptr<const dialog::Engine>> EngineWith(const dialog::Engine& shipped,
                                                         const dialog::Engine& in_force,
                                                         const TemplateTexts& edits);

// The whole set as export gives it and import takes it:
// {"version": <n>, "templates": {"<lang>": {"<key>": "<text>"}}}.
nlohmann::json ExportJson(const text::TemplateSet& current, int64_t version);

// The texts of an exported document that differ from `current`, each checked as CheckEdit
// checks it. Errors: kBadRequest for a document of the wrong shape, kUnprocessable with every
// problem as "/templates/<lang>/<key>: ..." joined by "; ".
Result<TemplateTexts> ImportChanges(const TemplateCatalog& catalog,
                                    const text::TemplateSet& current, const nlohmann::json& doc);

// Every problem of a ConfigError, joined by "; ", as one kUnprocessable error.
Error Unprocessable(const std::vector<std::string>& problems);

}  // namespace lapor::admin
