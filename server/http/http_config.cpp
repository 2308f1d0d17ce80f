#include "http/http_config.hpp"

namespace lapor::http {
namespace {

// A timeout in ms from 10 ms to a day: an int that cannot wrap.
int TimeoutMs(JsonReader& r, const nlohmann::json& http, std::string_view key, int fallback) {
  constexpr size_t kDayMs = 24 * 3600 * 1000;
  return static_cast<int>(r.Count(http, "/http", key, static_cast<size_t>(fallback), 10, kDayMs));
}

}  // namespace

HttpConfig ReadHttpConfig(JsonReader& r, const nlohmann::json& listen, const nlohmann::json& http,
                          const nlohmann::json* admin_listen) {
  HttpConfig c;
  c.address = r.String(listen, "/listen", "address", false, c.address);
  c.port = static_cast<uint16_t>(r.Count(listen, "/listen", "port", c.port, 0, 65535));
  if (admin_listen != nullptr) {
    c.separate_admin = true;
    c.admin_address = r.String(*admin_listen, "/admin_listen", "address", false, c.admin_address);
    c.admin_port = static_cast<uint16_t>(
        r.Count(*admin_listen, "/admin_listen", "port", c.admin_port, 0, 65535));
  }
  c.threads = r.Count(http, "/http", "threads", c.threads, 0, 256);
  Limits& l = c.limits;
  l.max_header_bytes =
      r.Count(http, "/http", "max_header_bytes", l.max_header_bytes, 1024, 1024 * 1024);
  l.max_body_bytes =
      r.Count(http, "/http", "max_body_bytes", l.max_body_bytes, 1024, 64 * 1024 * 1024);
  l.read_timeout_ms = TimeoutMs(r, http, "read_timeout_ms", l.read_timeout_ms);
  l.idle_timeout_ms = TimeoutMs(r, http, "idle_timeout_ms", l.idle_timeout_ms);
  l.max_connections = static_cast<int>(r.Count(http, "/http", "max_connections",
                                               static_cast<size_t>(l.max_connections), 1, 1000000));
  l.max_connections_per_address = r.Count(http, "/http", "max_connections_per_address",
                                          l.max_connections_per_address, 1, 1000000);
  l.drain_timeout_ms = static_cast<int>(r.Count(
      http, "/http", "drain_timeout_ms", static_cast<size_t>(l.drain_timeout_ms), 0, 600000));
  return c;
}

}  // namespace lapor::http
