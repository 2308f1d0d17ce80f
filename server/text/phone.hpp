#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lapor::text {

// Normalises a phone number from a gateway or a form to E.164.
// Indonesian numbers become "+62" + the national number: "0812-3456-7890", "62812 3456 7890",
// "+62 812.3456.7890", "+62 (0)812-3456-7890" and "81234567890" (no trunk 0) all give
// "+6281234567890".
// The national number must start with 2-9 and have 9 to 13 digits. Other country codes
// ("+" then 8 to 15 digits, first not 0) are kept as they are. Spaces, tabs, dashes, dots and
// parentheses are ignored; a '+' is allowed only first. Anything else (letters, a second '+',
// too short or too long) gives nullopt. A number without '+' is always read as Indonesian, and
// one starting with 62 as country code 62 (not a trunk-less 062x area code).
std::optional<std::string> NormalizeMsisdn(std::string_view raw);

}  // namespace lapor::text
