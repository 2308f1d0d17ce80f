#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lapor::http {

// The value of a hex digit, or -1.
int HexValue(char c);

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, as in form bodies and query
// strings); nullopt when a '%' is not followed by two hex digits.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Percent-encodes `value` for a query string or form: every byte but the unreserved ones
// (A-Z a-z 0-9 - _ . ~) becomes %XX, a space included ("%20"), UTF-8 byte by byte.
std::string UrlEncode(std::string_view value);

}  // namespace lapor::http
