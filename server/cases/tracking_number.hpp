#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lapor::cases {

// A tracking number is 9 digits: an 8-digit zero-padded sequence and a Damm check digit, which
// catches every single-digit error and every swap of two adjacent digits. 100 million numbers:
// a century at a million reports a year, typed as "1234 5678 6" or in one run.

// How many digits a tracking number has.
inline constexpr size_t kTrackingNumberDigits = 9;

// The Damm check digit ('0'-'9') of `digits`. Characters other than '0'-'9' are skipped, so
// "123-4567" gives the same digit as "1234567".
char DammCheckDigit(std::string_view digits);

// The tracking number of `sequence`, e.g. 42 -> "000000427". nullopt above 99,999,999.
std::optional<std::string> MakeTrackingNumber(uint64_t sequence);

// True if `text` is exactly 9 digits (no spaces or other characters) and the check digit passes.
bool IsValidTrackingNumber(std::string_view text);

enum class TrackingParse {
  kValid,          // 9 digits found and the check digit passes
  kBadCheckDigit,  // 9 digits found but a digit looks mistyped
  kNoNumber,       // no run of exactly 9 digits in the text
};

struct TrackingNumberMatch {
  TrackingParse parse;
  std::string digits;  // the 9 digits found, separators removed; empty for kNoNumber
};

// Finds the tracking number a citizen wrote in `text` ("CEK 1234 5678 6", "cek 1234-5678-6",
// "#123456786"): the first run of digits, groups joined by single spaces or dashes, that holds
// exactly 9 digits in all. Runs with more or fewer digits (a phone number, a date) are skipped.
// Only that first 9-digit run is checked; a later one is not looked at.
TrackingNumberMatch ParseTrackingNumber(std::string_view text);

// The valid tracking number `text` begins with (after an optional '#'), its groups joined as
// ParseTrackingNumber allows, with nothing but the end or a non-digit after it: "000000427",
// "#0000 0042 7 jalan masih rusak". nullopt when text starts otherwise ("3 hari", a number with
// a wrong check digit or another length).
std::optional<std::string> LeadingTrackingNumber(std::string_view text);

// The digits of ParseTrackingNumber(text) when it is kValid, nullopt otherwise.
std::optional<std::string> ExtractTrackingNumber(std::string_view text);

}  // namespace lapor::cases
