#include "channels/generic/generic_config.hpp"

#include "channels/webhook_auth.hpp"

namespace lapor::channels::generic {

GenericConfig ReadGenericConfig(JsonReader& r, const nlohmann::json& section) {
  const std::string path = "/channels/generic";
  GenericConfig c;
  c.enabled = r.Bool(section, path, "enabled", c.enabled);
  c.secret = r.String(section, path, "secret", false);
  c.replay_window_s = static_cast<int64_t>(
      r.Count(section, path, "replay_window_s", static_cast<size_t>(c.replay_window_s), 1, 3600));
  c.send_url = r.String(section, path, "send_url", false);
  c.from = r.String(section, path, "from", false, c.from);
  c.outbound = ReadOutboundOptions(r, section, path, c.outbound);
  return c;
}

void CheckGenericConfig(JsonReader& r, const GenericConfig& c) {
  if (c.enabled && c.secret.size() < kMinSecretLength) {
    r.Problem("/channels/generic/secret",
              "required when the generic gateway is enabled: at least " +
                  std::to_string(kMinSecretLength) + " characters (env LAPOR1708_GENERIC_SECRET)");
  }
}

}  // namespace lapor::channels::generic
