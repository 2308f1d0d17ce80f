#pragma once

#include <string>
#include <string_view>

namespace lapor::text {

// Appends `text` to `out` as a JSON string, quotes included, byte for byte as nlohmann::json's
// dump() with ensure_ascii off writes a valid string: '"' and '\' escaped, \b \f \n \r \t, other
// control characters as \u00XX, everything else as it is. A byte that does not start a
// well-formed UTF-8 sequence becomes U+FFFD (as text::ValidUtf8), so the result always parses.
// For records written on a hot path (an audit entry per case change) without building a DOM.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace lapor::text
