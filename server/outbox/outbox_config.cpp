#include "outbox/outbox_config.hpp"

#include <algorithm>

namespace lapor::outbox {

OutboxConfig ReadOutboxConfig(JsonReader& r, const nlohmann::json& section) {
  constexpr size_t kHourMs = 3600 * 1000;
  const std::string path = "/outbox";
  OutboxConfig c;
  c.max_attempts = r.Count(section, path, "max_attempts", c.max_attempts, 1, 100);
  c.backoff_ms = r.Count(section, path, "backoff_ms", c.backoff_ms, 1, kHourMs);
  c.max_backoff_ms = r.Count(section, path, "max_backoff_ms", c.max_backoff_ms, 1, 24 * kHourMs);
  c.send_timeout_ms = r.Count(section, path, "send_timeout_ms", c.send_timeout_ms, 10, 600000);
  c.poll_ms = r.Count(section, path, "poll_ms", c.poll_ms, 1, 600000);
  c.from = r.String(section, path, "from", false, c.from);
  const auto& routes = r.Object(section, path, "routes", false);
  c.citizen_route = r.String(routes, path + "/routes", "citizen", false, c.citizen_route);
  c.official_route = r.String(routes, path + "/routes", "official", false, c.official_route);
  if (c.max_backoff_ms < c.backoff_ms) {
    r.Problem(path + "/max_backoff_ms", "must be at least backoff_ms");
  }
  return c;
}

int64_t ClaimIdleMs(const OutboxConfig& config) {
  return static_cast<int64_t>(std::max<size_t>(60000, 3 * config.send_timeout_ms));
}

}  // namespace lapor::outbox
