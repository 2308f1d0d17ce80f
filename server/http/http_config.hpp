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
  size_t threads = 0;    // 0: one per core
  Limits limits;
};

// Reads both sections. Problems go to `r` with their JSON path.
HttpConfig ReadHttpConfig(JsonReader& r, const nlohmann::json& listen, const nlohmann::json& http);

}  // namespace lapor::http
