#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace lapor::text {

// Makes a citizen's raw SMS/USSD text safe to store, show and match:
// - line breaks, tabs and other whitespace (VT, FF, NEL, NBSP, U+2000-U+200A, U+2028/9,
//   U+202F, U+205F, U+3000) become a space;
// - other control characters (C0, DEL, C1) are removed;
// - zero-width and bidi controls (U+200B-U+200F, U+202A-U+202E, U+2066-U+2069, U+FEFF) are
//   removed (this also drops the joiner inside emoji sequences such as family emoji);
// - runs of whitespace collapse to one space, and the ends are trimmed.
// Returns nullopt if `raw` is not valid UTF-8. The result may be empty (text of only spaces or
// controls); the caller decides what an empty answer means.
std::optional<std::string> CleanCitizenText(std::string_view raw);

// An official's text (an answer, a reason) made ready for the citizen's SMS: cleaned as a
// citizen's is (CleanCitizenText: control and bidi characters go, spaces collapse), then
// typographic characters turned into GSM-7 look-alikes (ToSmsText). kBadRequest for invalid
// UTF-8; kUnprocessable when it would take more than `max_sms` SMS segments, the message saying
// how many ("too long for SMS: it would take 14 SMS, at most 10").
Result<std::string> CleanOfficialText(std::string_view raw, size_t max_sms);

// Folds text for matching a typed word against a menu label: ASCII letters lowercased, runs of
// ASCII whitespace collapsed to one space, ends trimmed. Other bytes are kept as they are, so
// "  pelayanan  PUBLIK " and "Pelayanan Publik" fold to the same string. Pass cleaned text.
std::string FoldForMatch(std::string_view text);

}  // namespace lapor::text
