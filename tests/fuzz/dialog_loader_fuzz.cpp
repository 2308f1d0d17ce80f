// libFuzzer target: a dialog file as an official could upload it. Whatever the bytes, the
// loader either builds a dialog or lists problems (ConfigError); an engine built from a dialog
// that loaded either refuses it (ConfigError) or answers a short conversation. Never a crash.
// Built by the CMake option LAPOR_FUZZ; run by scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/config_error.hpp"
#include "dialog/dialog_loader.hpp"
#include "dialog/engine.hpp"
#include "places/place_index.hpp"
#include "places/wilayah.hpp"
#include "text/template_set.hpp"

namespace {

const lapor::dialog::OptionSources& Sources() {
  static const lapor::dialog::OptionSources sources = [] {
    std::vector<lapor::dialog::Option> kecamatan;
    for (const char* name : {"Koba", "Namang", "Lubuk Besar"}) {
      kecamatan.push_back({.value = name, .label_text = name});
    }
    return lapor::dialog::OptionSources{{"kecamatan", std::move(kecamatan)}};
  }();
  return sources;
}

std::shared_ptr<const lapor::text::TemplateSet> Templates() {
  static const auto templates = std::make_shared<const lapor::text::TemplateSet>(
      lapor::text::TemplateSet::LoadDir(std::string(LAPOR_SOURCE_DIR) + "/templates", {"id"}));
  return templates;
}

// The map of Indonesia as committed, so a place node has something to search.
std::shared_ptr<const lapor::places::PlaceIndex> Places() {
  static const auto index = std::make_shared<const lapor::places::PlaceIndex>(
      lapor::places::Wilayah::Load(std::string(LAPOR_SOURCE_DIR) + "/data/wilayah"),
      std::vector<std::string>{"19.04"});
  return index;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return 0;
  }
  try {
    auto dialog = std::make_shared<const lapor::dialog::Dialog>(
        lapor::dialog::ParseDialog(doc, Sources(), "fuzz.json"));
    lapor::dialog::Engine engine(dialog, Templates(), {}, Places());
    std::optional<lapor::dialog::Session> session;
    for (const char* text :
         {"", "1", "0", "98", "koba", "1", "Jalan rusak parah sekali di sini", "1", "00"}) {
      lapor::dialog::StepInput input{.channel = lapor::dialog::Channel::kUssd,
                                     .msisdn = "+6281234567890",
                                     .text = text,
                                     .ussd_dial = session == std::nullopt};
      auto step = engine.Step(std::move(session), input, 1795827600000);
      session = std::move(step.session);
    }
  } catch (const lapor::ConfigError&) {
    // A problem listed with its path: what the loader is for.
  }
  return 0;
}
