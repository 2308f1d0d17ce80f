#pragma once

#include <cstddef>
#include <string_view>

namespace lapor::text {

// True if every character of `utf8` is in the GSM 03.38 default alphabet or its extension table
// (^ { } \ [ ~ ] | € and form feed), so the text can be sent as GSM-7. False for invalid UTF-8.
// Only the characters the standard lists count: 'ç' and '`' are not GSM-7.
bool IsGsm7(std::string_view utf8);

struct SegmentCount {
  enum class Encoding { kGsm7, kUcs2 };

  Encoding encoding;
  size_t units;     // GSM-7: septets (extension characters cost 2); UCS-2: UTF-16 code units
  size_t segments;  // SMS parts needed; 0 for empty text

  bool operator==(const SegmentCount&) const = default;
};

// How `utf8` would be sent: GSM-7 when IsGsm7, otherwise UCS-2. One part holds 160 septets or
// 70 UTF-16 units; a concatenated part holds 153 septets or 67 units (the rest is the UDH).
// An extension character (escape + char) and a surrogate pair (emoji) are never split across
// parts, so a part may hold one unit less. Empty text: kGsm7, 0 units, 0 segments. Invalid
// UTF-8 is counted as UCS-2 with each bad byte as one U+FFFD.
SegmentCount CountSegments(std::string_view utf8);

}  // namespace lapor::text
