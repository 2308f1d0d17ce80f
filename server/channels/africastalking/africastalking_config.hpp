#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "channels/outbound.hpp"
#include "common/json_reader.hpp"
#include "common/network.hpp"

namespace lapor::channels::africastalking {

// The config's "channels.africastalking" section: the USSD and SMS callbacks and the messaging
// API account.
struct AfricasTalkingConfig {
  bool enabled = true;
  std::vector<std::string> service_codes;  // USSD codes served here; empty: any
  // Every callback URL carries token=<it> in its query; "" accepts any request, allowed only
  // while the webhooks listen on loopback.
  std::string token;
  std::vector<Network> allow_networks;  // callers' networks; empty: any address
  // Outbound SMS through the messaging API (username "" sends nothing).
  std::string username;
  std::string api_key;
  std::string messaging_url = "https://api.africastalking.com/version1/messaging";
  std::string from;  // registered short code or sender id; "" = the account's default
  OutboundOptions outbound{.max_parts = 3};
};

// Reads the section at "/channels/africastalking". Problems go to `r` with their JSON path.
AfricasTalkingConfig ReadAfricasTalkingConfig(JsonReader& r, const nlohmann::json& section);

// On the config as the environment left it: a token when the webhooks listen beyond loopback
// (`exposed`), and an API key with a username.
void CheckAfricasTalkingConfig(JsonReader& r, const AfricasTalkingConfig& config, bool exposed);

}  // namespace lapor::channels::africastalking
