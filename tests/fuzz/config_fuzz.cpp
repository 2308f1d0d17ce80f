// libFuzzer target: a config file. ParseConfig either gives a Config or throws ConfigError with
// every problem's JSON path; never a crash, never another exception. Built by the CMake option
// LAPOR_FUZZ; run by scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "app/config.hpp"
#include "common/config_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return 0;
  }
  try {
    lapor::app::ParseConfig(doc, "/srv/lapor/config/fuzz.json",
                            {{"LAPOR1708_HTTP_THREADS", size % 2 == 0 ? "4" : "-1"}});
  } catch (const lapor::ConfigError&) {
  }
  return 0;
}
