#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

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

// The SMS that carry `utf8` when one SMS may take at most `max_parts` segments (the gateway's
// limit on a concatenated message, e.g. Kannel's max-messages; 0 counts as 1): the text whole
// when it fits, otherwise pieces split between words, each numbered "(1/3) ", "(2/3) ", ... and
// each within the limit in its own encoding (a piece of GSM-7 characters only is counted as
// GSM-7 even when another piece needs UCS-2). A word that fits in no SMS alone is cut between
// characters. Runs of spaces between words become one (a text too long only for its runs of
// spaces is one SMS, unnumbered). Nothing of the text but those spaces is lost.
std::vector<std::string> SplitIntoSms(std::string_view utf8, size_t max_parts);

}  // namespace lapor::text
