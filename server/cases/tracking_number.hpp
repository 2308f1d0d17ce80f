#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lapor::cases {

// A tracking number is 8 digits: a 7-digit zero-padded sequence and a Damm check digit, which
// catches every single-digit error and every swap of two adjacent digits.

// The Damm check digit ('0'-'9') of `digits`. Characters other than '0'-'9' are skipped, so
// "123-4567" gives the same digit as "1234567".
char DammCheckDigit(std::string_view digits);

// The tracking number of `sequence`, e.g. 42 -> "00000427". nullopt above 9,999,999.
std::optional<std::string> MakeTrackingNumber(uint64_t sequence);

// True if `text` is exactly 8 digits (no spaces or other characters) and the check digit passes.
bool IsValidTrackingNumber(std::string_view text);

enum class TrackingParse {
  kValid,          // 8 digits found and the check digit passes
  kBadCheckDigit,  // 8 digits found but a digit looks mistyped
  kNoNumber,       // no run of exactly 8 digits in the text
};

struct TrackingNumberMatch {
  TrackingParse parse;
  std::string digits;  // the 8 digits found, separators removed; empty for kNoNumber
};

// Finds the tracking number a citizen wrote in `text` ("CEK 1234 5678", "cek 1234-5678",
// "#12345678"): the first run of digits, groups joined by single spaces or dashes, that holds
// exactly 8 digits in all. Runs with more or fewer digits (a phone number, a date) are skipped.
// Only that first 8-digit run is checked; a later one is not looked at.
TrackingNumberMatch ParseTrackingNumber(std::string_view text);

// The digits of ParseTrackingNumber(text) when it is kValid, nullopt otherwise.
std::optional<std::string> ExtractTrackingNumber(std::string_view text);

}  // namespace lapor::cases
