#include "cases/tracking_number.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace lapor::cases {

namespace {

constexpr size_t kTrackingDigits = kTrackingNumberDigits;
constexpr size_t kSequenceDigits = kTrackingDigits - 1;
constexpr uint64_t kMaxSequence = 99'999'999;

// Damm's totally anti-symmetric quasigroup of order 10 (H. M. Damm, 2004).
constexpr std::array<std::array<uint8_t, 10>, 10> kDamm = {{
    {0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
    {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
    {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
    {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
    {6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
    {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
    {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
    {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
    {2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
}};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsRunSeparator(char c) { return c == ' ' || c == '-'; }

}  // namespace

char DammCheckDigit(std::string_view digits) {
  uint8_t interim = 0;
  for (const char c : digits) {
    if (IsDigit(c)) {
      interim = kDamm[interim][static_cast<size_t>(c - '0')];
    }
  }
  return static_cast<char>('0' + interim);
}

std::optional<std::string> MakeTrackingNumber(uint64_t sequence) {
  if (sequence > kMaxSequence) {
    return std::nullopt;
  }
  std::string number(kSequenceDigits, '0');
  for (size_t i = kSequenceDigits; i > 0; --i) {
    number[i - 1] = static_cast<char>('0' + sequence % 10);
    sequence /= 10;
  }
  number.push_back(DammCheckDigit(number));
  return number;
}

bool IsValidTrackingNumber(std::string_view text) {
  // With the check digit included, a correct number brings the Damm interim back to 0.
  return text.size() == kTrackingDigits && std::all_of(text.begin(), text.end(), IsDigit) &&
         DammCheckDigit(text) == '0';
}

namespace {

// The digits of the run that starts at `pos` (a digit): digit groups, each joined to the next by
// exactly one space or dash. `pos` moves past it.
std::string ReadRun(std::string_view text, size_t& pos) {
  std::string digits;
  while (pos < text.size()) {
    if (IsDigit(text[pos])) {
      digits.push_back(text[pos]);
      ++pos;
    } else if (IsRunSeparator(text[pos]) && pos + 1 < text.size() && IsDigit(text[pos + 1])) {
      ++pos;
    } else {
      break;
    }
  }
  return digits;
}

}  // namespace

std::optional<std::string> LeadingTrackingNumber(std::string_view text) {
  size_t pos = text.starts_with('#') ? 1 : 0;
  if (pos >= text.size() || !IsDigit(text[pos])) {
    return std::nullopt;
  }
  std::string digits = ReadRun(text, pos);
  if (!IsValidTrackingNumber(digits)) {
    return std::nullopt;
  }
  return digits;
}

TrackingNumberMatch ParseTrackingNumber(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (!IsDigit(text[pos])) {
      ++pos;
      continue;
    }
    std::string digits = ReadRun(text, pos);
    if (digits.size() == kTrackingDigits) {
      const TrackingParse parse =
          IsValidTrackingNumber(digits) ? TrackingParse::kValid : TrackingParse::kBadCheckDigit;
      return {parse, std::move(digits)};
    }
  }
  return {TrackingParse::kNoNumber, {}};
}

std::optional<std::string> ExtractTrackingNumber(std::string_view text) {
  TrackingNumberMatch match = ParseTrackingNumber(text);
  if (match.parse != TrackingParse::kValid) {
    return std::nullopt;
  }
  return std::move(match.digits);
}

}  // namespace lapor::cases
