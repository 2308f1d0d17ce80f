#include "channels/kannel/kannel_config.hpp"

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
  return c;
}

}  // namespace lapor::channels::kannel
