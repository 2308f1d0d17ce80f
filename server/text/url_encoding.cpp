#include "text/url_encoding.hpp"

#include <charconv>
#include <system_error>

namespace lapor::text {

int HexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  // Runs without an escape are copied whole: a webhook's form is decoded on every step.
  size_t from = 0;
  while (from < text.size()) {
    size_t at = from;
    while (at < text.size() && text[at] != '%' && !(plus_is_space && text[at] == '+')) {
      ++at;
    }
    out.append(text.substr(from, at - from));
    if (at == text.size()) {
      break;
    }
    if (text[at] == '+') {
      out.push_back(' ');
      from = at + 1;
      continue;
    }
    if (at + 2 >= text.size()) {
      return std::nullopt;
    }
    const int high = HexValue(text[at + 1]);
    const int low = HexValue(text[at + 2]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    out.push_back(static_cast<char>(high * 16 + low));
    from = at + 3;
  }
  return out;
}

std::string UrlEncode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() * 3);
  for (unsigned char c : value) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

namespace {

// Longest field name quoted back in an error message; the name is the client's own input.
constexpr size_t kMaxQuotedName = 40;

Error BadEscape(std::string_view name) {
  std::string quoted(name.substr(0, kMaxQuotedName));
  return Error{Errc::kBadRequest, "bad %-escape in form field \"" + quoted + "\""};
}

// Calls add(name, value) for each name=value pair of `input` in the order sent, both decoded;
// the first bad %-escape stops it with its error.
template <typename Add>
Result<Ok> ForEachPair(std::string_view input, Add add) {
  while (!input.empty()) {
    const size_t amp = input.find('&');
    const std::string_view piece = input.substr(0, amp);
    input = amp == std::string_view::npos ? std::string_view{} : input.substr(amp + 1);
    if (piece.empty()) {
      continue;
    }
    const size_t eq = piece.find('=');
    const std::string_view raw_name = piece.substr(0, eq);
    const std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view{} : piece.substr(eq + 1);
    std::optional<std::string> name = PercentDecode(raw_name, /*plus_is_space=*/true);
    if (!name) {
      return BadEscape(raw_name);
    }
    std::optional<std::string> value = PercentDecode(raw_value, /*plus_is_space=*/true);
    if (!value) {
      return BadEscape(*name);
    }
    add(std::move(*name), std::move(*value));
  }
  return Ok{};
}

// Every pair of `input` into `fields` in order; a map's insert leaves an existing entry alone,
// so there the first value wins. Straight into the container: a webhook's form is parsed on
// every step.
template <typename Fields>
Result<Fields> Collect(std::string_view input) {
  Fields fields;
  auto parsed = ForEachPair(input, [&](std::string name, std::string value) {
    fields.insert(fields.end(), {std::move(name), std::move(value)});
  });
  if (!parsed) {
    return parsed.error();
  }
  return fields;
}

}  // namespace

Result<FormPairs> ParseUrlEncodedPairs(std::string_view input) { return Collect<FormPairs>(input); }

Result<FormFields> ParseUrlEncoded(std::string_view input) { return Collect<FormFields>(input); }

std::pair<std::string_view, std::string_view> SplitTarget(std::string_view target) {
  const size_t question = target.find('?');
  if (question == std::string_view::npos) {
    return {target, std::string_view{}};
  }
  return {target.substr(0, question), target.substr(question + 1)};
}

// "host:port" or "[v6]:port" into host and port (empty when not given).
static Result<Ok> SplitAuthority(std::string_view authority, std::string& host,
                                 std::string_view& port) {
  if (authority.empty() || authority.front() != '[') {
    const size_t colon = authority.find(':');
    host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port = authority.substr(colon + 1);
    }
    return Ok{};
  }
  const size_t close = authority.find(']');
  if (close == std::string_view::npos) {
    return Error{Errc::kBadRequest, "URL has an unclosed [ in its host"};
  }
  host = std::string(authority.substr(1, close - 1));
  std::string_view after = authority.substr(close + 1);
  if (!after.empty()) {
    if (after.front() != ':') {
      return Error{Errc::kBadRequest, "URL has text after its IPv6 host"};
    }
    port = after.substr(1);
  }
  return Ok{};
}

Result<HttpUrl> ParseHttpUrl(std::string_view url) {
  const bool tls = url.starts_with("https://");
  if (!tls && !url.starts_with("http://")) {
    return Error{Errc::kBadRequest, "URL must start with http:// or https://"};
  }
  std::string_view rest = url.substr(tls ? 8 : 7);
  const size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view target =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (const size_t fragment = target.find('#'); fragment != std::string_view::npos) {
    target = target.substr(0, fragment);
  }
  if (authority.find('@') != std::string_view::npos) {
    return Error{Errc::kBadRequest, "URL must not hold user info"};
  }

  HttpUrl out;
  out.tls = tls;
  std::string_view port;
  if (auto split = SplitAuthority(authority, out.host, port); !split) {
    return split.error();
  }
  if (out.host.empty()) {
    return Error{Errc::kBadRequest, "URL has no host"};
  }
  if (port.empty()) {
    out.port = tls ? "443" : "80";
  } else {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535) {
      return Error{Errc::kBadRequest, "URL has a bad port"};
    }
    out.port = std::to_string(value);
  }
  if (target.empty()) {
    out.target = "/";
  } else if (target.front() == '?') {
    out.target = "/" + std::string(target);
  } else {
    out.target = std::string(target);
  }
  for (unsigned char c : out.target) {
    if (c <= ' ' || c == 0x7f) {
      return Error{Errc::kBadRequest, "URL path or query holds a space or control character"};
    }
  }
  return out;
}

}  // namespace lapor::text
