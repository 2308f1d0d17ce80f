#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "common/json_reader.hpp"
#include "http/server.hpp"

namespace lapor::http {

// The config's "listen" and "http" sections: where the server listens, how many I/O threads run
// it, and what a client may cost.
struct HttpConfig {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port
  // "admin_listen": where the officials' API, /metrics and the health checks listen instead,
  // so the webhooks' address serves the webhooks (and the health checks) only. Unset: all on one.
  bool separate_admin = false;
  std::string admin_address = "127.0.0.1";
  uint16_t admin_port = 8081;
  size_t threads = 0;  // web shards, each one thread (app/web_shard.hpp); 0: one per core
  Limits limits;
};

// Reads the sections. Problems go to `r` with their JSON path. `admin_listen` null: not set.
HttpConfig ReadHttpConfig(JsonReader& r, const nlohmann::json& listen, const nlohmann::json& http,
                          const nlohmann::json* admin_listen = nullptr);

}  // namespace lapor::http
