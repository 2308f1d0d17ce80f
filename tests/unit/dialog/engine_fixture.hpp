#pragma once

#include <memory>
#include <string>

#include "app/config.hpp"
#include "dialog/engine.hpp"
#include "dialog/load.hpp"

namespace lapor::test {

inline std::string SourceDir() { return LAPOR_SOURCE_DIR; }

// The engine exactly as the server builds it from config/default.json.
inline std::shared_ptr<const dialog::Engine> DefaultEngine() {
  auto config = app::LoadConfig(SourceDir() + "/config/default.json", {});
  dialog::OptionSources sources{{"kecamatan", dialog::PlaceOptions(config.kecamatan)}};
  return dialog::LoadEngine(config.dialog_file, config.templates_dir, config.languages, sources,
                            {});
}

}  // namespace lapor::test
