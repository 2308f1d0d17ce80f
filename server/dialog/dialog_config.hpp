#pragma once

#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/json_reader.hpp"
#include "dialog/engine.hpp"

namespace lapor::dialog {

// The config's "dialog" section: which dialog and texts, in which languages, and the limits of a
// conversation.
struct DialogConfig {
  std::string file;                                   // dialogs/*.json
  std::string templates_dir;                          // <lang>.json per language
  std::vector<std::string> languages = {"id", "en"};  // the first is the default
  size_t screen_limit = 182;                          // characters per USSD screen
  size_t sms_idle_minutes = 30;     // an SMS conversation idle this long starts over
  size_t ussd_resume_minutes = 10;  // a dropped USSD dialog can be resumed this long
  size_t dedupe_hours = 24;         // a provider message id is remembered this long
};

// Reads the section at `path` ("/dialog") of the config file `config_path`; relative file names
// are resolved against that file's folder. Problems go to `r` with their JSON path.
DialogConfig ReadDialogConfig(JsonReader& r, const nlohmann::json& section, const std::string& path,
                              const std::string& config_path);

// Loads templates and dialog as `config` says and builds the engine, checking all of it; `places`
// serves the dialog's place node. Throws ConfigError listing every problem found.
std::shared_ptr<const Engine> BuildEngine(const DialogConfig& config, const OptionSources& sources,
                                          std::shared_ptr<const places::PlaceIndex> places);

}  // namespace lapor::dialog
