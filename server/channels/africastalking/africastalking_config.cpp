#include "channels/africastalking/africastalking_config.hpp"

#include "channels/webhook_auth.hpp"

namespace lapor::channels::africastalking {

AfricasTalkingConfig ReadAfricasTalkingConfig(JsonReader& r, const nlohmann::json& section) {
  const std::string path = "/channels/africastalking";
  AfricasTalkingConfig c;
  c.enabled = r.Bool(section, path, "enabled", c.enabled);
  c.service_codes = r.Strings(section, path, "service_codes", false);
  c.token = r.String(section, path, "token", false);
  c.allow_networks = ReadNetworks(r, section, path, "allow_networks");
  c.username = r.String(section, path, "username", false);
  c.api_key = r.String(section, path, "api_key", false);
  c.messaging_url = r.String(section, path, "messaging_url", false, c.messaging_url);
  c.from = r.String(section, path, "from", false);
  c.outbound = ReadOutboundOptions(r, section, path, c.outbound);
  return c;
}

void CheckAfricasTalkingConfig(JsonReader& r, const AfricasTalkingConfig& config, bool exposed) {
  if (config.enabled && !config.username.empty() && config.api_key.empty()) {
    r.Problem(
        "/channels/africastalking/api_key",
        "is required to send through the messaging API (env LAPOR1708_AFRICASTALKING_API_KEY)");
  }
  RequireSecret(r, exposed && config.enabled, "/channels/africastalking/token", config.token,
                "set it with LAPOR1708_AFRICASTALKING_TOKEN=<token> and end each callback URL "
                "in the Africa's Talking dashboard with ?token=<token>");
}

}  // namespace lapor::channels::africastalking
