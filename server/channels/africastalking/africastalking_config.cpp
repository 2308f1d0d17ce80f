#include "channels/africastalking/africastalking_config.hpp"

namespace lapor::channels::africastalking {

AfricasTalkingConfig ReadAfricasTalkingConfig(JsonReader& r, const nlohmann::json& section) {
  const std::string path = "/channels/africastalking";
  AfricasTalkingConfig c;
  c.enabled = r.Bool(section, path, "enabled", c.enabled);
  c.service_codes = r.Strings(section, path, "service_codes", false);
  return c;
}

}  // namespace lapor::channels::africastalking
