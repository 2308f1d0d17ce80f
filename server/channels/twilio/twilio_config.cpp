#include "channels/twilio/twilio_config.hpp"

namespace lapor::channels::twilio {

TwilioConfig ReadTwilioConfig(JsonReader& r, const nlohmann::json& section) {
  const std::string path = "/channels/twilio";
  TwilioConfig c;
  c.enabled = r.Bool(section, path, "enabled", c.enabled);
  c.account_sid = r.String(section, path, "account_sid", false);
  c.auth_token = r.String(section, path, "auth_token", false);
  c.public_base_url = r.String(section, path, "public_base_url", false);
  c.api_base_url = r.String(section, path, "api_base_url", false, c.api_base_url);
  c.from = r.String(section, path, "from", false);
  c.messaging_service_sid = r.String(section, path, "messaging_service_sid", false);
  c.status_callbacks = r.Bool(section, path, "status_callbacks", c.status_callbacks);
  c.outbound = ReadOutboundOptions(r, section, path, c.outbound);
  while (c.public_base_url.ends_with('/')) {
    c.public_base_url.pop_back();
  }
  return c;
}

void CheckTwilioConfig(JsonReader& r, const TwilioConfig& c) {
  const std::string path = "/channels/twilio";
  if (!c.enabled) {
    return;
  }
  // The signature is checked on every request: there is no unauthenticated Twilio.
  for (const auto& [key, value] :
       {std::pair{"account_sid", &c.account_sid}, std::pair{"auth_token", &c.auth_token},
        std::pair{"public_base_url", &c.public_base_url}}) {
    if (value->empty()) {
      r.Problem(path + "/" + key,
                std::string("is required when Twilio is enabled") +
                    (std::string(key) == "auth_token" ? " (env LAPOR1708_TWILIO_AUTH_TOKEN)" : ""));
    }
  }
  if (!c.public_base_url.empty() && !c.public_base_url.starts_with("https://") &&
      !c.public_base_url.starts_with("http://")) {
    r.Problem(path + "/public_base_url", "must start with https:// (or http://)");
  }
  if (c.from.empty() == c.messaging_service_sid.empty()) {
    r.Problem(path + "/from", "set from (our Twilio number) or messaging_service_sid, not both");
  }
}

}  // namespace lapor::channels::twilio
