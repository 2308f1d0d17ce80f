#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "channels/outbound.hpp"
#include "common/json_reader.hpp"

namespace lapor::channels::twilio {

// The config's "channels.twilio" section: the messaging webhook and the REST account.
struct TwilioConfig {
  bool enabled = false;
  std::string account_sid;  // AC...
  std::string auth_token;   // signs Twilio's webhooks (X-Twilio-Signature) and our API calls
  // This server's public base URL as Twilio calls it ("https://lapor1708.example.go.id"): the
  // signature covers the full URL, which a proxy in between changes, so it is not guessed.
  std::string public_base_url;
  std::string api_base_url = "https://api.twilio.com";
  std::string from;                   // our Twilio number (E.164), or
  std::string messaging_service_sid;  // MG...: a Messaging Service picks the sender
  bool status_callbacks = true;       // ask for MessageStatus callbacks on each message
  // Twilio splits a long Body itself, up to 1,600 characters; it advises at most 10 segments.
  OutboundOptions outbound{.max_parts = 10};
};

// Reads the section at "/channels/twilio". Problems go to `r`.
TwilioConfig ReadTwilioConfig(JsonReader& r, const nlohmann::json& section);

// On the config as the environment left it: an enabled Twilio needs account_sid, auth_token
// (there is no unauthenticated Twilio) and public_base_url, and from or messaging_service_sid.
void CheckTwilioConfig(JsonReader& r, const TwilioConfig& config);

}  // namespace lapor::channels::twilio
