#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// The GSM 03.38 (3GPP TS 23.038) 7-bit default alphabet and its extension table: which
// characters an SMS can carry as GSM-7, what each costs, and the septets they become.
namespace lapor::text {

// The escape septet that puts the next one in the extension table.
inline constexpr uint8_t kGsm7Escape = 0x1B;

// The character at each position of the default alphabet (0x1B, the escape, is U+001B here
// only as a placeholder: it is never a character of the text).
extern const char32_t kGsm7Basic[128];

// The characters of the extension table, each with its septet after the escape.
struct Gsm7Extension {
  uint8_t septet;
  char32_t character;
};
extern const Gsm7Extension kGsm7Extensions[10];

// Septets `c` costs in GSM-7: 1 for the default alphabet, 2 for the extension table (escape +
// code), 0 if it has no GSM-7 form.
size_t Gsm7Septets(char32_t c);

// The septets of `utf8` (an extension character as the escape and its code), or nullopt when a
// character has no GSM-7 form or the text is not valid UTF-8.
std::optional<std::vector<uint8_t>> EncodeGsm7(std::string_view utf8);

// The text of `septets` as UTF-8: the inverse of EncodeGsm7. An escape followed by a code the
// extension table lacks reads as the default character of that code (TS 23.038 6.2.1.1); values
// above 0x7F read as U+FFFD.
std::string DecodeGsm7(std::span<const uint8_t> septets);

// `utf8` with typographic characters replaced by GSM-7 look-alikes, so one curly quote does not
// make a whole message UCS-2: ‘ ’ ‚ ‛ ′ ´ ` as ', “ ” „ ‟ ″ « » as ", the dashes and minus
// (U+2010-U+2015, U+2212) as -, … as ..., • as -, and no-break and other wide spaces as a space.
// Control characters other than line feed, zero-width and bidi controls are removed, a tab
// becomes a space, and invalid UTF-8 bytes become '?'. Everything else is kept as it is.
std::string ToSmsText(std::string_view utf8);

}  // namespace lapor::text
