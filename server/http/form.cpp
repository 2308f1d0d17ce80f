#include "http/form.hpp"

#include <optional>

namespace lapor::http {
namespace {

// Longest field name quoted back in an error message; the name is the client's own input.
constexpr size_t kMaxQuotedName = 40;

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

// Decodes `+` and `%XX`; nullopt when a `%` is not followed by two hex digits.
std::optional<std::string> Decode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%') {
      if (i + 2 >= in.size()) {
        return std::nullopt;
      }
      const int high = HexValue(in[i + 1]);
      const int low = HexValue(in[i + 2]);
      if (high < 0 || low < 0) {
        return std::nullopt;
      }
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Error BadEscape(std::string_view name) {
  std::string quoted(name.substr(0, kMaxQuotedName));
  return Error{Errc::kBadRequest, "bad %-escape in form field \"" + quoted + "\""};
}

}  // namespace

Result<FormFields> ParseUrlEncoded(std::string_view input) {
  FormFields fields;
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
    std::optional<std::string> name = Decode(raw_name);
    if (!name) {
      return BadEscape(raw_name);
    }
    std::optional<std::string> value = Decode(raw_value);
    if (!value) {
      return BadEscape(*name);
    }
    // emplace leaves an existing entry alone: the first value wins.
    fields.emplace(std::move(*name), std::move(*value));
  }
  return fields;
}

std::pair<std::string_view, std::string_view> SplitTarget(std::string_view target) {
  const size_t question = target.find('?');
  if (question == std::string_view::npos) {
    return {target, std::string_view{}};
  }
  return {target.substr(0, question), target.substr(question + 1)};
}

}  // namespace lapor::http
