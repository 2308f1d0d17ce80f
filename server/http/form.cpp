#include "http/form.hpp"

#include <optional>

#include "http/percent_encoding.hpp"

namespace lapor::http {
namespace {

// Longest field name quoted back in an error message; the name is the client's own input.
constexpr size_t kMaxQuotedName = 40;

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
    std::optional<std::string> name = PercentDecode(raw_name, /*plus_is_space=*/true);
    if (!name) {
      return BadEscape(raw_name);
    }
    std::optional<std::string> value = PercentDecode(raw_value, /*plus_is_space=*/true);
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
