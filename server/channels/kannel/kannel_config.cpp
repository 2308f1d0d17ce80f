#include "channels/kannel/kannel_config.hpp"

#include "channels/webhook_auth.hpp"

namespace lapor::channels::kannel {

KannelConfig ReadKannelConfig(JsonReader& r, const nlohmann::json& section) {
  const std::string path = "/channels/kannel";
  KannelConfig c;
  c.enabled = r.Bool(section, path, "enabled", c.enabled);
  c.secret = r.String(section, path, "secret", false);
  c.sendsms_url = r.String(section, path, "sendsms_url", false);
  c.username = r.String(section, path, "username", false);
  c.password = r.String(section, path, "password", false);
  c.dlr_url = r.String(section, path, "dlr_url", false);
  c.outbound = ReadOutboundOptions(r, section, path, c.outbound);
  return c;
}

void CheckKannelConfig(JsonReader& r, const KannelConfig& config, bool exposed) {
  RequireSecret(r, exposed && config.enabled, "/channels/kannel/secret", config.secret,
                "set it with LAPOR1708_KANNEL_SECRET=<secret> and append &secret=<secret> to "
                "Kannel's get-url (config/kannel.conf); the dlr-url gets it by itself");
}

}  // namespace lapor::channels::kannel
