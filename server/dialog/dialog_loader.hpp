#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "dialog/dialog.hpp"

namespace lapor::dialog {

// Reads a dialog (dialogs/*.json) and checks its structure: node types and fields, every `next`
// names a node, every node is reachable from `start`, no cycle of action nodes, RE2 patterns
// compile, `options_from` names a source in `sources` (and takes its options from there).
// Throws ConfigError listing every problem with its JSON path ("lapor.json: /nodes/x/next: ...").
// Screens and templates are checked when the Engine is built from the result.
Dialog ParseDialog(const nlohmann::json& doc, const OptionSources& sources,
                   std::string_view source_name);
Dialog LoadDialogFile(const std::string& path, const OptionSources& sources);

}  // namespace lapor::dialog
