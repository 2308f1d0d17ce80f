#include "store/redis_config.hpp"

namespace lapor::store {

RedisConfig ReadRedisConfig(JsonReader& r, const nlohmann::json& section) {
  constexpr size_t kMinuteMs = 60 * 1000;
  RedisConfig c;
  c.url = r.String(section, "/redis", "url", false, c.url);
  c.prefix = r.String(section, "/redis", "prefix", false, c.prefix);
  c.connections = r.Count(section, "/redis", "connections", c.connections, 1, 64);
  c.connect_timeout_ms =
      r.Count(section, "/redis", "connect_timeout_ms", c.connect_timeout_ms, 10, kMinuteMs);
  c.command_timeout_ms =
      r.Count(section, "/redis", "command_timeout_ms", c.command_timeout_ms, 10, kMinuteMs);
  c.reconnect_delay_ms =
      r.Count(section, "/redis", "reconnect_delay_ms", c.reconnect_delay_ms, 10, kMinuteMs);
  c.memory_alert_percent =
      r.Count(section, "/redis", "memory_alert_percent", c.memory_alert_percent, 1, 100);
  return c;
}

Result<RedisOptions> ToRedisOptions(const RedisConfig& config) {
  auto parsed = ParseRedisUrl(config.url);
  if (!parsed) {
    return parsed.error();
  }
  RedisOptions options = *parsed;
  options.connections = static_cast<int>(config.connections);
  options.connect_timeout_ms = static_cast<int>(config.connect_timeout_ms);
  options.command_timeout_ms = static_cast<int>(config.command_timeout_ms);
  options.reconnect_delay_ms = static_cast<int>(config.reconnect_delay_ms);
  return options;
}

}  // namespace lapor::store
