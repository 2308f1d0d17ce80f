#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dialog/engine.hpp"

namespace lapor::dialog {

// Options for a menu of place names: label as written, value a lowercase slug ("Gunung Putri" ->
// "gunung-putri").
std::vector<Option> PlaceOptions(const std::vector<std::string>& names);

// Loads templates and a dialog and builds the engine, checking all of it. Throws ConfigError
// listing every problem found.
std::shared_ptr<const Engine> LoadEngine(const std::string& dialog_file,
                                         const std::string& templates_dir,
                                         const std::vector<std::string>& languages,
                                         const OptionSources& sources, EngineOptions options);

}  // namespace lapor::dialog
