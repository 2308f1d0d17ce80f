#include "cases/tracking_number.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace lapor::cases {
namespace {

TEST(TrackingNumber, DammCheckDigitMatchesPublishedExample) {
  // The worked example of the Damm algorithm: 572 -> check digit 4.
  EXPECT_EQ(DammCheckDigit("572"), '4');
  EXPECT_EQ(DammCheckDigit("5724"), '0');
  EXPECT_EQ(DammCheckDigit(""), '0');
}

TEST(TrackingNumber, DammCheckDigitSkipsNonDigits) {
  EXPECT_EQ(DammCheckDigit("123-4567"), DammCheckDigit("1234567"));
}

TEST(TrackingNumber, MakesNineDigitsFromAZeroPaddedSequence) {
  const auto number = MakeTrackingNumber(42);
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->size(), 9u);
  EXPECT_EQ(number->substr(0, 8), "00000042");
  EXPECT_EQ(*number, "000000427");
  EXPECT_EQ(MakeTrackingNumber(0), "000000000");
  EXPECT_EQ(MakeTrackingNumber(12'345'678), "123456786");
  EXPECT_EQ(MakeTrackingNumber(99'999'999)->substr(0, 8), "99999999");
}

TEST(TrackingNumber, LastsACenturyAtAMillionReportsAYear) {
  // Issue 8: at least ten years at a million reports a year, with the check digit, short to type.
  constexpr uint64_t kReportsPerYear = 1'000'000;
  ASSERT_TRUE(MakeTrackingNumber(100 * kReportsPerYear - 1).has_value());
  EXPECT_LE(MakeTrackingNumber(100 * kReportsPerYear - 1)->size(), 9u);
}

TEST(TrackingNumber, RefusesSequencesAboveEightDigits) {
  EXPECT_EQ(MakeTrackingNumber(100'000'000), std::nullopt);
  EXPECT_EQ(MakeTrackingNumber(UINT64_MAX), std::nullopt);
}

TEST(TrackingNumber, EveryMadeNumberIsValid) {
  for (const uint64_t sequence :
       {0ull, 1ull, 9ull, 10ull, 1234567ull, 5000000ull, 9999999ull, 10000000ull, 99999999ull}) {
    const auto number = MakeTrackingNumber(sequence);
    ASSERT_TRUE(number.has_value()) << sequence;
    EXPECT_TRUE(IsValidTrackingNumber(*number)) << *number;
  }
}

TEST(TrackingNumber, ValidityNeedsExactlyNineDigits) {
  const std::string number = *MakeTrackingNumber(1234567);
  EXPECT_TRUE(IsValidTrackingNumber(number));
  EXPECT_FALSE(IsValidTrackingNumber(number.substr(0, 8)));
  EXPECT_FALSE(IsValidTrackingNumber(number + "0"));
  EXPECT_FALSE(IsValidTrackingNumber(" " + number));
  EXPECT_FALSE(IsValidTrackingNumber(number.substr(0, 4) + " " + number.substr(4)));
  EXPECT_FALSE(IsValidTrackingNumber(""));
  EXPECT_FALSE(IsValidTrackingNumber("abcdefghi"));
}

std::vector<std::string> SomeNumbers() {
  std::vector<std::string> numbers;
  for (const uint64_t sequence :
       {1ull, 42ull, 1234567ull, 7654321ull, 9081726ull, 99999999ull, 12345678ull}) {
    numbers.push_back(*MakeTrackingNumber(sequence));
  }
  return numbers;
}

TEST(TrackingNumber, EverySingleDigitSubstitutionIsDetected) {
  for (const std::string& number : SomeNumbers()) {
    for (size_t i = 0; i < number.size(); ++i) {
      for (char digit = '0'; digit <= '9'; ++digit) {
        if (digit == number[i]) {
          continue;
        }
        std::string typo = number;
        typo[i] = digit;
        EXPECT_FALSE(IsValidTrackingNumber(typo)) << number << " -> " << typo;
      }
    }
  }
}

TEST(TrackingNumber, EveryAdjacentTranspositionIsDetected) {
  for (const std::string& number : SomeNumbers()) {
    for (size_t i = 0; i + 1 < number.size(); ++i) {
      if (number[i] == number[i + 1]) {
        continue;
      }
      std::string typo = number;
      std::swap(typo[i], typo[i + 1]);
      EXPECT_FALSE(IsValidTrackingNumber(typo)) << number << " -> " << typo;
    }
  }
}

TEST(TrackingNumber, ExtractsNumberWrittenInDifferentWays) {
  const std::string number = *MakeTrackingNumber(1234567);
  const std::string spaced = number.substr(0, 4) + " " + number.substr(4);
  const std::string dashed = number.substr(0, 4) + "-" + number.substr(4);
  for (const std::string& text :
       {"CEK " + spaced, "cek " + dashed, "#" + number, number, "cek laporan " + number + ".",
        "CEK" + number, "cek 0-1-2-3-4-5-6-7-" + number.substr(8),
        "Laporan saya 12 Mei, nomor " + spaced + " belum dijawab"}) {
    EXPECT_EQ(ExtractTrackingNumber(text), number) << text;
    const TrackingNumberMatch match = ParseTrackingNumber(text);
    EXPECT_EQ(match.parse, TrackingParse::kValid) << text;
    EXPECT_EQ(match.digits, number) << text;
  }
}

TEST(TrackingNumber, ReportsMistypedDigit) {
  const std::string number = *MakeTrackingNumber(1234567);
  std::string typo = number;
  typo[2] = typo[2] == '9' ? '0' : static_cast<char>(typo[2] + 1);
  const TrackingNumberMatch match = ParseTrackingNumber("CEK " + typo);
  EXPECT_EQ(match.parse, TrackingParse::kBadCheckDigit);
  EXPECT_EQ(match.digits, typo);
  EXPECT_EQ(ExtractTrackingNumber("CEK " + typo), std::nullopt);
}

TEST(TrackingNumber, ReportsNoNumberWhenNoRunHasNineDigits) {
  for (const std::string_view text :
       {"", "CEK", "cek 12345678", "cek 1234567890", "cek 0812-3456-7890", "cek 1234  56786",
        "cek 1234--56786", "cek 1234 _56786", "cek 1234/56786"}) {
    const TrackingNumberMatch match = ParseTrackingNumber(text);
    EXPECT_EQ(match.parse, TrackingParse::kNoNumber) << text;
    EXPECT_TRUE(match.digits.empty()) << text;
  }
}

TEST(TrackingNumber, SkipsLongerAndShorterRunsBeforeTheNumber) {
  const std::string number = *MakeTrackingNumber(7654321);
  EXPECT_EQ(ExtractTrackingNumber("HP 0812-3456-7890, laporan " + number), number);
  EXPECT_EQ(ExtractTrackingNumber("RT 03 RW 05: " + number), number);
}

TEST(TrackingNumber, DigitsJoinedToTheNumberBySingleSpaceMakeALongerRun) {
  // "03 " + 9 digits is one 11-digit run, so it is not read as a tracking number.
  const std::string number = *MakeTrackingNumber(7654321);
  EXPECT_EQ(ParseTrackingNumber("RT 03 " + number).parse, TrackingParse::kNoNumber);
  EXPECT_EQ(ExtractTrackingNumber("RT 03, " + number), number);
}

TEST(TrackingNumber, OnlyTheFirstNineDigitRunIsChecked) {
  const std::string good = *MakeTrackingNumber(42);
  std::string bad = good;
  bad[0] = '9';
  EXPECT_EQ(ParseTrackingNumber(bad + " atau " + good).parse, TrackingParse::kBadCheckDigit);
  EXPECT_EQ(ExtractTrackingNumber(good + " atau " + bad), good);
}

TEST(TrackingNumber, SeparatorMustSitBetweenDigits) {
  const std::string number = *MakeTrackingNumber(42);
  EXPECT_EQ(ExtractTrackingNumber(number + "-"), number);
  EXPECT_EQ(ExtractTrackingNumber("-" + number + " "), number);
}

}  // namespace
}  // namespace lapor::cases
