// libFuzzer target for the functions that read a citizen's raw text (text/citizen_text, phone
// numbers, SMS segments, tracking numbers). scripts/fuzz builds and runs it; seeds: the fixtures
// of every provider.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cases/tracking_number.hpp"
#include "fuzz_check.hpp"
#include "text/citizen_text.hpp"
#include "text/phone.hpp"
#include "text/sms_segments.hpp"
#include "text/utf8.hpp"

namespace {

using lapor::fuzz::Check;

bool HasControlOrInvisible(std::string_view utf8) {
  size_t pos = 0;
  while (pos < utf8.size()) {
    const auto decoded = lapor::text::DecodeFirstCodePoint(utf8.substr(pos));
    const char32_t c = decoded.code_point;
    if ((c < 0x20) || (c >= 0x7F && c <= 0x9F) || (c >= 0x200B && c <= 0x200F) ||
        (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF) {
      return true;
    }
    pos += decoded.length;
  }
  return false;
}

void CheckCleanText(std::string_view input) {
  const auto cleaned = lapor::text::CleanCitizenText(input);
  Check(cleaned.has_value() == lapor::text::IsValidUtf8(input), "nullopt iff invalid UTF-8");
  if (!cleaned) {
    return;
  }
  const std::string& text = *cleaned;
  Check(lapor::text::IsValidUtf8(text), "cleaned text is valid UTF-8");
  Check(!HasControlOrInvisible(text), "cleaned text has no control or invisible characters");
  Check(text.size() <= input.size(), "cleaning never grows the text");
  Check(text.empty() || (text.front() != ' ' && text.back() != ' '), "cleaned text is trimmed");
  Check(text.find("  ") == std::string::npos, "cleaned text has no double space");
  Check(lapor::text::CleanCitizenText(text) == text, "cleaning is idempotent");

  const std::string folded = lapor::text::FoldForMatch(text);
  Check(lapor::text::IsValidUtf8(folded), "folded text is valid UTF-8");
  Check(lapor::text::FoldForMatch(folded) == folded, "folding is idempotent");
}

void CheckSegments(std::string_view input) {
  using Encoding = lapor::text::SegmentCount::Encoding;
  const lapor::text::SegmentCount count = lapor::text::CountSegments(input);
  const bool gsm7 = lapor::text::IsGsm7(input);
  Check((count.encoding == Encoding::kGsm7) == gsm7, "GSM-7 encoding iff IsGsm7");
  Check((count.units == 0) == input.empty(), "zero units iff empty");
  Check((count.segments == 0) == input.empty(), "zero segments iff empty");
  const size_t single = gsm7 ? 160 : 70;
  const size_t part = gsm7 ? 153 : 67;
  if (count.units > 0 && count.units <= single) {
    Check(count.segments == 1, "short text is one segment");
  }
  if (count.units > single) {
    // Each part holds at most `part` units and loses at most one to the no-split rule.
    Check(count.segments * part >= count.units, "enough parts for every unit");
    Check(count.segments * (part - 1) < count.units + part - 1, "no needless part");
  }
  Check(count.units >= lapor::text::CodePointCount(input), "at least one unit per character");
}

void CheckTrackingNumber(std::string_view input) {
  const lapor::cases::TrackingNumberMatch match = lapor::cases::ParseTrackingNumber(input);
  const auto extracted = lapor::cases::ExtractTrackingNumber(input);
  Check(extracted.has_value() == (match.parse == lapor::cases::TrackingParse::kValid),
        "extract agrees with parse");
  if (match.parse == lapor::cases::TrackingParse::kNoNumber) {
    Check(match.digits.empty(), "no digits without a number");
  } else {
    Check(match.digits.size() == lapor::cases::kTrackingNumberDigits,
          "a found number has 9 digits");
    Check(lapor::cases::IsValidTrackingNumber(match.digits) ==
              (match.parse == lapor::cases::TrackingParse::kValid),
          "parse status matches the check digit");
  }
}

void CheckMsisdn(std::string_view input) {
  const auto msisdn = lapor::text::NormalizeMsisdn(input);
  if (!msisdn) {
    return;
  }
  Check(msisdn->size() >= 9 && msisdn->size() <= 16, "E.164 has 8 to 15 digits");
  Check(msisdn->front() == '+', "E.164 starts with +");
  Check(msisdn->find_first_not_of("0123456789", 1) == std::string::npos, "only digits after +");
  Check(lapor::text::NormalizeMsisdn(*msisdn) == msisdn, "normalising is idempotent");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckCleanText(input);
  CheckSegments(input);
  CheckTrackingNumber(input);
  CheckMsisdn(input);

  const size_t max = size % 64;
  const std::string truncated = lapor::text::TruncateCodePoints(input, max);
  Check(input.starts_with(truncated), "truncation is a prefix");
  Check(lapor::text::CodePointCount(truncated) == std::min(max, lapor::text::CodePointCount(input)),
        "truncation keeps max code points");
  if (lapor::text::IsValidUtf8(input)) {
    Check(lapor::text::IsValidUtf8(truncated), "truncating valid text keeps it valid");
  }
  return 0;
}
