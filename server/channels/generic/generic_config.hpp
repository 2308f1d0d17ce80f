#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "channels/outbound.hpp"
#include "common/json_reader.hpp"

namespace lapor::channels::generic {

// The config's "channels.generic" section: any gateway that speaks our JSON, both ways signed
// with one shared secret.
struct GenericConfig {
  bool enabled = false;
  std::string secret;             // HMAC-SHA256 key; required when enabled
  int64_t replay_window_s = 300;  // a request's timestamp may be this far from our clock
  std::string send_url;           // where outbound SMS are POSTed; "" sends nothing
  std::string from = "1708";      // the "from" of outbound SMS
  OutboundOptions outbound{.max_parts = 3};
};

// Reads the section at "/channels/generic". Problems go to `r`.
GenericConfig ReadGenericConfig(JsonReader& r, const nlohmann::json& section);

// On the config as the environment left it: an enabled gateway needs its secret.
void CheckGenericConfig(JsonReader& r, const GenericConfig& config);

}  // namespace lapor::channels::generic
