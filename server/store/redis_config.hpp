#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "common/json_reader.hpp"
#include "common/result.hpp"
#include "store/redis_url.hpp"

namespace lapor::store {

// The config's "redis" section.
struct RedisConfig {
  std::string url = "redis://127.0.0.1:6379/0";  // redis://[[user]:password@]host[:port][/db]
  std::string prefix = "l1708:";                 // put before every key
  size_t connections = 2;
  size_t connect_timeout_ms = 1000;
  size_t command_timeout_ms = 1000;
  size_t reconnect_delay_ms = 250;
  // lapor1708_redis_memory_alert turns 1 when Redis uses this share of its maxmemory.
  size_t memory_alert_percent = 80;
};

// Reads the section at "/redis". Problems go to `r` with their JSON path.
RedisConfig ReadRedisConfig(JsonReader& r, const nlohmann::json& section);

// The client options: the url parsed, the limits copied. kBadRequest for a bad url (the message
// names what is wrong, never the password).
Result<RedisOptions> ToRedisOptions(const RedisConfig& config);

}  // namespace lapor::store
