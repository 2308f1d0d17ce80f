#pragma once

#include <charconv>
#include <string_view>
#include <system_error>

namespace lapor {

// Reads `text` as a whole decimal number of type Int, and nothing else around it: "", "12x",
// " 12" and a number out of Int's range are refused (false, `out` unspecified).
template <typename Int>
bool ParseWhole(std::string_view text, Int& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && ec == std::errc{} && end == text.data() + text.size();
}

}  // namespace lapor
