#include "text/sms_segments.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lapor::text {
namespace {

using Encoding = SegmentCount::Encoding;

constexpr std::string_view kEuro = "\xE2\x82\xAC";
constexpr std::string_view kGrin = "\xF0\x9F\x98\x80";  // U+1F600, a surrogate pair in UTF-16
constexpr std::string_view kSchwa = "\xC9\x99";         // U+0259, not GSM-7, one UTF-16 unit

std::string Repeat(std::string_view piece, size_t times) {
  std::string out;
  for (size_t i = 0; i < times; ++i) {
    out += piece;
  }
  return out;
}

TEST(SmsSegments, EmptyTextNeedsNoSegment) {
  EXPECT_EQ(CountSegments(""), (SegmentCount{Encoding::kGsm7, 0, 0}));
  EXPECT_TRUE(IsGsm7(""));
}

TEST(SmsSegments, WholeGsm7DefaultAlphabetIsGsm7) {
  const std::string basic =
      "@\xC2\xA3$\xC2\xA5\xC3\xA8\xC3\xA9\xC3\xB9\xC3\xAC\xC3\xB2\xC3\x87\n\xC3\x98\xC3\xB8\r"
      "\xC3\x85\xC3\xA5\xCE\x94_\xCE\xA6\xCE\x93\xCE\x9B\xCE\xA9\xCE\xA0\xCE\xA8\xCE\xA3\xCE\x98"
      "\xCE\x9E\xC3\x86\xC3\xA6\xC3\x9F\xC3\x89 !\"#\xC2\xA4%&'()*+,-./0123456789:;<=>?"
      "\xC2\xA1"
      "ABCDEFGHIJKLMNOPQRSTUVWXYZ\xC3\x84\xC3\x96\xC3\x91\xC3\x9C\xC2\xA7\xC2\xBF"
      "abcdefghijklmnopqrstuvwxyz\xC3\xA4\xC3\xB6\xC3\xB1\xC3\xBC\xC3\xA0";
  EXPECT_TRUE(IsGsm7(basic));
  // 128 positions in the table less the escape.
  EXPECT_EQ(CountSegments(basic).units, 127u);
}

TEST(SmsSegments, CharactersOutsideGsm7ForceUcs2) {
  EXPECT_FALSE(IsGsm7("`"));
  EXPECT_FALSE(IsGsm7("\xC3\xA7"));  // ç: only Ç is in the table
  EXPECT_FALSE(IsGsm7(kSchwa));
  EXPECT_FALSE(IsGsm7(kGrin));
  EXPECT_FALSE(IsGsm7("\x01"));
  EXPECT_FALSE(IsGsm7("\t"));
  EXPECT_FALSE(IsGsm7("\xC0\xAF"));  // invalid UTF-8
  EXPECT_EQ(CountSegments("Halo `x`").encoding, Encoding::kUcs2);
}

TEST(SmsSegments, ExtensionCharactersCostTwoSeptets) {
  for (const std::string_view c : {"^", "{", "}", "\\", "[", "~", "]", "|", "\f"}) {
    EXPECT_TRUE(IsGsm7(c)) << c;
    EXPECT_EQ(CountSegments(c), (SegmentCount{Encoding::kGsm7, 2, 1})) << c;
  }
  EXPECT_EQ(CountSegments(kEuro), (SegmentCount{Encoding::kGsm7, 2, 1}));
  EXPECT_EQ(CountSegments("Rp 5.000 atau 5\xE2\x82\xAC ^_^").units, 23u);
}

TEST(SmsSegments, ExactlyOneHundredSixtyGsm7CharactersFitOneSegment) {
  EXPECT_EQ(CountSegments(Repeat("a", 160)), (SegmentCount{Encoding::kGsm7, 160, 1}));
  EXPECT_EQ(CountSegments(Repeat("a", 161)), (SegmentCount{Encoding::kGsm7, 161, 2}));
}

TEST(SmsSegments, ConcatenatedGsm7PartsHoldOneHundredFiftyThreeSeptets) {
  EXPECT_EQ(CountSegments(Repeat("a", 306)).segments, 2u);
  EXPECT_EQ(CountSegments(Repeat("a", 307)).segments, 3u);
  EXPECT_EQ(CountSegments(Repeat("a", 459)).segments, 3u);
  EXPECT_EQ(CountSegments(Repeat("a", 460)).segments, 4u);
}

TEST(SmsSegments, ExtensionCharactersCountTowardsTheSingleSegmentLimit) {
  EXPECT_EQ(CountSegments(Repeat("a", 158) + "^"), (SegmentCount{Encoding::kGsm7, 160, 1}));
  EXPECT_EQ(CountSegments(Repeat("a", 159) + "^"), (SegmentCount{Encoding::kGsm7, 161, 2}));
  EXPECT_EQ(CountSegments(Repeat(kEuro, 80)), (SegmentCount{Encoding::kGsm7, 160, 1}));
}

TEST(SmsSegments, ExtensionCharacterNeverSplitsAcrossSegments) {
  // 152 septets then '€' would straddle septets 153 and 154: it moves to the second part.
  const std::string text = Repeat("a", 152) + std::string(kEuro) + Repeat("a", 152);
  EXPECT_EQ(CountSegments(text), (SegmentCount{Encoding::kGsm7, 306, 3}));
  // Without the split rule the same 306 septets fit two parts.
  EXPECT_EQ(CountSegments(Repeat("a", 153) + "^" + Repeat("a", 151)).segments, 2u);
}

TEST(SmsSegments, ExactlySeventyUcs2UnitsFitOneSegment) {
  EXPECT_EQ(CountSegments(Repeat(kSchwa, 70)), (SegmentCount{Encoding::kUcs2, 70, 1}));
  EXPECT_EQ(CountSegments(Repeat(kSchwa, 71)), (SegmentCount{Encoding::kUcs2, 71, 2}));
}

TEST(SmsSegments, ConcatenatedUcs2PartsHoldSixtySevenUnits) {
  EXPECT_EQ(CountSegments(Repeat(kSchwa, 134)).segments, 2u);
  EXPECT_EQ(CountSegments(Repeat(kSchwa, 135)).segments, 3u);
}

TEST(SmsSegments, OneNonGsmCharacterMakesTheWholeTextUcs2) {
  // 69 GSM letters + 'ç' is 70 UCS-2 units; one letter more needs two parts.
  EXPECT_EQ(CountSegments(Repeat("a", 69) + "\xC3\xA7"), (SegmentCount{Encoding::kUcs2, 70, 1}));
  EXPECT_EQ(CountSegments(Repeat("a", 70) + "\xC3\xA7"), (SegmentCount{Encoding::kUcs2, 71, 2}));
  // In UCS-2 '€' and '^' are one unit each, not two.
  EXPECT_EQ(CountSegments(std::string(kEuro) + "^" + std::string(kSchwa)).units, 3u);
}

TEST(SmsSegments, EmojiCountAsTwoUtf16Units) {
  EXPECT_EQ(CountSegments(kGrin), (SegmentCount{Encoding::kUcs2, 2, 1}));
  EXPECT_EQ(CountSegments(Repeat(kGrin, 35)), (SegmentCount{Encoding::kUcs2, 70, 1}));
  EXPECT_EQ(CountSegments(Repeat(kGrin, 35) + "a"), (SegmentCount{Encoding::kUcs2, 71, 2}));
}

TEST(SmsSegments, SurrogatePairNeverSplitsAcrossSegments) {
  // 66 units then an emoji would straddle units 67 and 68: it moves to the second part.
  const std::string text = Repeat(kSchwa, 66) + std::string(kGrin) + Repeat(kSchwa, 66);
  EXPECT_EQ(CountSegments(text), (SegmentCount{Encoding::kUcs2, 134, 3}));
  EXPECT_EQ(CountSegments(Repeat(kSchwa, 67) + std::string(kGrin) + Repeat(kSchwa, 65)).segments,
            2u);
  // A part holds 33 emoji (66 units): a 34th would split its pair. So 134 units of emoji need
  // three parts where 134 units of schwa need two.
  EXPECT_EQ(CountSegments(Repeat(kGrin, 67)).segments, 3u);
  EXPECT_EQ(CountSegments(Repeat(kGrin, 66)).segments, 2u);
}

TEST(SmsSegments, InvalidUtf8CountsAsUcs2ReplacementCharacters) {
  EXPECT_EQ(CountSegments("ab\xFF"), (SegmentCount{Encoding::kUcs2, 3, 1}));
  EXPECT_EQ(CountSegments("\xE2\x82"), (SegmentCount{Encoding::kUcs2, 2, 1}));
}

// The words of SplitIntoSms's pieces, numbering taken off, joined again.
std::string Rejoined(const std::vector<std::string>& pieces) {
  std::string out;
  for (const std::string& piece : pieces) {
    const size_t close = piece.find(") ");
    out += (out.empty() ? "" : " ") + piece.substr(close + 2);
  }
  return out;
}

std::string Words(size_t code_points, std::string_view word) {
  std::string out;
  while (out.size() < code_points) {
    out += out.empty() ? "" : " ";
    out += word;
  }
  out = out.substr(0, code_points);
  while (out.ends_with(' ')) {
    out.pop_back();
  }
  return out;
}

TEST(SplitIntoSms, TextWithinTheLimitIsOneSmsUnnumbered) {
  const std::string text = Repeat("a", 459);  // three parts of 153
  EXPECT_EQ(SplitIntoSms(text, 3), std::vector<std::string>{text});
  EXPECT_EQ(SplitIntoSms("", 3), std::vector<std::string>{""});
  EXPECT_EQ(SplitIntoSms(Repeat("a", 160), 1).size(), 1u);
  EXPECT_EQ(SplitIntoSms(Repeat("a", 161), 1).size(), 2u);
}

TEST(SplitIntoSms, ATextTooLongOnlyForItsRunsOfSpacesIsOneSmsSqueezedNotNumbered) {
  // Found by gsm7_fuzz: 200 spaces between two words made a "(1/1) " SMS.
  const std::string text = "Jalan" + Repeat(" ", 200) + "rusak";
  ASSERT_EQ(CountSegments(text).segments, 2u);
  EXPECT_EQ(SplitIntoSms(text, 1), std::vector<std::string>{"Jalan rusak"});
}

TEST(SplitIntoSms, AFiveHundredCharacterAnswerArrivesWholeInNumberedSms) {
  const std::string answer = Words(500, "jalan");
  ASSERT_EQ(CountSegments(answer).segments, 4u);  // over Kannel's max-messages = 3
  const auto sms = SplitIntoSms(answer, 3);
  ASSERT_EQ(sms.size(), 2u);
  EXPECT_TRUE(sms[0].starts_with("(1/2) jalan")) << sms[0];
  EXPECT_TRUE(sms[1].starts_with("(2/2) ")) << sms[1];
  for (const auto& piece : sms) {
    EXPECT_LE(CountSegments(piece).segments, 3u) << piece;
    EXPECT_FALSE(piece.ends_with(" ")) << piece;
  }
  EXPECT_EQ(Rejoined(sms), answer);
}

TEST(SplitIntoSms, Ucs2PiecesRespectSixtySevenUnitParts) {
  const std::string answer = Words(500, "air \xF0\x9F\x98\x80 bersih");  // emoji: UCS-2
  const auto sms = SplitIntoSms(answer, 3);
  EXPECT_GE(sms.size(), 3u);
  for (const auto& piece : sms) {
    EXPECT_EQ(CountSegments(piece).encoding, Encoding::kUcs2);
    EXPECT_LE(CountSegments(piece).segments, 3u) << piece;
  }
  EXPECT_EQ(Rejoined(sms), answer);
}

TEST(SplitIntoSms, EachPieceIsCountedInItsOwnEncoding) {
  // The emoji sits at the very end: only the last piece needs UCS-2.
  const std::string text = Words(400, "lampu") + " \xF0\x9F\x98\xA1";
  const auto sms = SplitIntoSms(text, 1);
  ASSERT_GE(sms.size(), 3u);
  EXPECT_EQ(CountSegments(sms.front()).encoding, Encoding::kGsm7);
  EXPECT_EQ(CountSegments(sms.back()).encoding, Encoding::kUcs2);
  for (const auto& piece : sms) {
    EXPECT_EQ(CountSegments(piece).segments, 1u) << piece;
  }
  EXPECT_EQ(Rejoined(sms), text);
}

TEST(SplitIntoSms, AWordLongerThanAnSmsIsCutBetweenCharacters) {
  const std::string word = Repeat("x", 200) + std::string(kEuro) + Repeat("y", 200);
  const auto sms = SplitIntoSms(word, 1);
  ASSERT_EQ(sms.size(), 3u);
  std::string joined;
  for (const auto& piece : sms) {
    EXPECT_EQ(CountSegments(piece).segments, 1u);
    joined += piece.substr(piece.find(") ") + 2);
  }
  EXPECT_EQ(joined, word);
}

TEST(SplitIntoSms, NumberingWidensPastNinePieces) {
  const std::string text = Words(2000, "kata");
  const auto sms = SplitIntoSms(text, 1);
  ASSERT_GE(sms.size(), 10u);
  const std::string n = std::to_string(sms.size());
  EXPECT_TRUE(sms[0].starts_with("(1/" + n + ") "));
  EXPECT_TRUE(sms.back().starts_with("(" + n + "/" + n + ") "));
  for (const auto& piece : sms) {
    EXPECT_EQ(CountSegments(piece).segments, 1u) << piece;
  }
  EXPECT_EQ(Rejoined(sms), text);
}

}  // namespace
}  // namespace lapor::text
