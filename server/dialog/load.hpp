#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dialog/engine.hpp"

namespace lapor::dialog {

// Loads templates and a dialog and builds the engine, checking all of it; `places` serves the
// dialog's place node. Throws ConfigError listing every problem found.
std::shared_ptr<const Engine> LoadEngine(
    const std::string& dialog_file, const std::string& templates_dir,
    const std::vector<std::string>& languages, const OptionSources& sources, EngineOptions options,
    std::shared_ptr<const places::PlaceIndex> places = nullptr);

}  // namespace lapor::dialog
