#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace lapor::text {

// Message templates: "{name}" is a placeholder (name: one or more of a-z, 0-9, _), "{{" and
// "}}" are a literal brace. Example: "Laporan {tracking_no} diterima. Balas {{INFO}}".

// Replaces each placeholder that has a value in `vars`. Values are inserted as they are and not
// scanned again. A placeholder with no value, and any brace that is not part of a placeholder
// or an escape, is left as is, so a broken template still renders something readable.
std::string Render(std::string_view tpl,
                   const std::map<std::string, std::string, std::less<>>& vars);

// Names of the well-formed placeholders in `tpl`, in order of first appearance, each once.
std::vector<std::string> Placeholders(std::string_view tpl);

// Ok if `tpl` is valid UTF-8, every '{' opens a placeholder with a good name or is doubled, and
// every '}' closes one or is doubled. Otherwise Errc::kUnprocessable with every problem found,
// each with its byte offset, joined by "; ".
Result<Ok> CheckTemplate(std::string_view tpl);

}  // namespace lapor::text
