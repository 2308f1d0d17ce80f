#include "store/redis_url.hpp"

#include <charconv>
#include <climits>
#include <optional>

#include "text/url_encoding.hpp"

namespace lapor::store {
namespace {

constexpr std::string_view kScheme = "redis://";

Error BadUrl(std::string message) {
  return Error{Errc::kBadRequest, "redis URL: " + std::move(message)};
}

// A whole string of decimal digits in [min, max], or nothing.
std::optional<int> ParseNumber(std::string_view text, int min, int max) {
  int value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || text.front() == '-' || text.front() == '+' || ec != std::errc() ||
      ptr != end || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

bool IsHostNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_';
}

bool IsIpv6Char(char c) { return text::HexValue(c) >= 0 || c == ':' || c == '.'; }

}  // namespace

Result<RedisOptions> ParseRedisUrl(std::string_view url) {
  RedisOptions options;
  if (url.substr(0, 9) == "rediss://") {
    return BadUrl("TLS (rediss://) is not supported");
  }
  if (url.substr(0, kScheme.size()) != kScheme) {
    return BadUrl("must start with redis://");
  }
  std::string_view rest = url.substr(kScheme.size());

  // The last '@' ends the credentials, so a password may hold '@' or '/' unencoded.
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view credentials = rest.substr(0, at);
    rest = rest.substr(at + 1);
    size_t colon = credentials.find(':');
    if (colon == std::string_view::npos) {
      return BadUrl("credentials before '@' must be written [user]:password");
    }
    std::optional<std::string> user =
        text::PercentDecode(credentials.substr(0, colon), /*plus_is_space=*/false);
    std::optional<std::string> password =
        text::PercentDecode(credentials.substr(colon + 1), /*plus_is_space=*/false);
    if (!user || !password) {
      return BadUrl("bad percent-encoding in the user or password");
    }
    if (password->empty()) {
      return BadUrl("password after ':' is empty");
    }
    options.user = std::move(*user);
    options.password = std::move(*password);
  }

  if (rest.find_first_of("?#") != std::string_view::npos) {
    return BadUrl("query parameters and fragments are not supported");
  }
  std::string_view host_port = rest;
  std::string_view db_text;
  bool has_db = false;
  if (size_t slash = rest.find('/'); slash != std::string_view::npos) {
    host_port = rest.substr(0, slash);
    db_text = rest.substr(slash + 1);
    has_db = true;
  }

  std::string_view host;
  std::string_view port_text;
  bool has_port = false;
  if (!host_port.empty() && host_port.front() == '[') {
    size_t close = host_port.find(']');
    if (close == std::string_view::npos) {
      return BadUrl("IPv6 host has no closing ']'");
    }
    host = host_port.substr(1, close - 1);
    std::string_view after = host_port.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        return BadUrl("expected ':port' after the IPv6 host");
      }
      port_text = after.substr(1);
      has_port = true;
    }
    if (host.empty()) {
      return BadUrl("host is empty");
    }
    for (char c : host) {
      if (!IsIpv6Char(c)) {
        return BadUrl("IPv6 host \"" + std::string(host) + "\" is not an IPv6 address");
      }
    }
  } else {
    size_t colon = host_port.find(':');
    host = host_port.substr(0, colon);
    if (colon != std::string_view::npos) {
      port_text = host_port.substr(colon + 1);
      has_port = true;
      if (port_text.find(':') != std::string_view::npos) {
        return BadUrl("an IPv6 host must be written in brackets, e.g. redis://[::1]:6379");
      }
    }
    if (host.empty()) {
      return BadUrl("host is empty");
    }
    for (char c : host) {
      if (!IsHostNameChar(c)) {
        return BadUrl("host \"" + std::string(host) + "\" has a character not allowed in a host");
      }
    }
  }
  options.host = std::string(host);

  if (has_port) {
    std::optional<int> port = ParseNumber(port_text, 1, 65535);
    if (!port) {
      return BadUrl("port \"" + std::string(port_text) + "\" is not a number from 1 to 65535");
    }
    options.port = *port;
  }
  if (has_db && !db_text.empty()) {
    std::optional<int> db = ParseNumber(db_text, 0, INT_MAX);
    if (!db) {
      return BadUrl("database \"" + std::string(db_text) + "\" is not a number from 0 up");
    }
    options.db = *db;
  }
  return options;
}

}  // namespace lapor::store
