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

// `number` in decimal, written into `digits` (room for any 64-bit number and its sign); the view
// is into `digits`. For encoders that run on every step: no std::string of it first.
template <typename Int>
std::string_view FormatWhole(Int number, char (&digits)[24]) {
  const char* end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  return {digits, static_cast<size_t>(end - digits)};
}

}  // namespace lapor
