#pragma once

#include <memory>
#include <string>

#include "common/config_error.hpp"
#include "common/json_reader.hpp"
#include "dialog/dialog_config.hpp"
#include "dialog/engine.hpp"
#include "dialog/load.hpp"

namespace lapor::test {

inline std::string SourceDir() { return LAPOR_SOURCE_DIR; }

// The kecamatan of config/default.json's region, as the kecamatan menu's options.
inline dialog::OptionSources DefaultSources() {
  const std::string path = SourceDir() + "/config/default.json";
  JsonReader r(path);
  auto doc = ReadJsonFile(path);
  auto kecamatan = r.Strings(r.Object(doc, "", "region", true), "/region", "kecamatan", true);
  r.ThrowIfAny();
  return {{"kecamatan", dialog::PlaceOptions(kecamatan)}};
}

// The engine exactly as the server builds it from config/default.json.
inline std::shared_ptr<const dialog::Engine> DefaultEngine() {
  const std::string path = SourceDir() + "/config/default.json";
  JsonReader r(path);
  auto doc = ReadJsonFile(path);
  auto config = dialog::ReadDialogConfig(r, r.Object(doc, "", "dialog", true), "/dialog", path);
  r.ThrowIfAny();
  return dialog::BuildEngine(config, DefaultSources());
}

}  // namespace lapor::test
