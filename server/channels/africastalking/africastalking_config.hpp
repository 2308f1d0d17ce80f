#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/json_reader.hpp"

namespace lapor::channels::africastalking {

// The config's "channels.africastalking" section.
struct AfricasTalkingConfig {
  bool enabled = true;
  std::vector<std::string> service_codes;  // USSD codes served here; empty: any
};

// Reads the section at "/channels/africastalking". Problems go to `r` with their JSON path.
AfricasTalkingConfig ReadAfricasTalkingConfig(JsonReader& r, const nlohmann::json& section);

}  // namespace lapor::channels::africastalking
