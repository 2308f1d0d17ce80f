#include "text/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace lapor::text {
namespace {

TEST(Utf8, AcceptsAsciiAndEmptyText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Jalan rusak di Desa Sukamaju"));
}

TEST(Utf8, AcceptsEveryEncodingLength) {
  EXPECT_TRUE(IsValidUtf8("\xC3\xA9"));          // é
  EXPECT_TRUE(IsValidUtf8("\xE2\x82\xAC"));      // €
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // 😀
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));      // U+E000, just above them
  EXPECT_TRUE(IsValidUtf8(std::string("a\0b", 3)));
}

TEST(Utf8, RejectsOverlongForms) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));  // '/' in two bytes
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // '/' in three bytes
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));      // U+07FF in three bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
}

TEST(Utf8, RejectsSurrogateCodePoints) {
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));  // U+DFFF
  // A CESU-8 style pair for U+1F600.
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\xBD\xED\xB8\x80"));
}

TEST(Utf8, RejectsCodePointsAboveUnicodeRange) {
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF8\x88\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xFE"));
}

TEST(Utf8, RejectsTruncatedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x98"));
  EXPECT_FALSE(IsValidUtf8("abc\xF0\x9F"));
  EXPECT_FALSE(
      IsValidUtf8("\xE2\x82"
                  "a"));  // interrupted by ASCII
}

TEST(Utf8, RejectsLoneContinuationBytes) {
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(
      IsValidUtf8("a\xBF"
                  "b"));
  EXPECT_FALSE(IsValidUtf8("\xC3\xA9\xA9"));  // one continuation too many
}

TEST(Utf8, CountsCodePointsNotBytes) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("abc"), 3u);
  EXPECT_EQ(CodePointCount("caf\xC3\xA9"), 4u);
  EXPECT_EQ(CodePointCount("\xE2\x82\xAC"
                           "5"),
            2u);
  EXPECT_EQ(CodePointCount("\xF0\x9F\x98\x80\xF0\x9F\x98\x80"), 2u);
}

TEST(Utf8, CountsEachBadByteAsOneCodePoint) {
  EXPECT_EQ(CodePointCount("\x80\x80"), 2u);
  EXPECT_EQ(CodePointCount("a\xE2\x82"), 3u);
  EXPECT_EQ(CodePointCount("\xC0\xAF"), 2u);
}

TEST(Utf8, TruncateKeepsShortTextWhole) {
  EXPECT_EQ(TruncateCodePoints("abc", 3), "abc");
  EXPECT_EQ(TruncateCodePoints("abc", 10), "abc");
  EXPECT_EQ(TruncateCodePoints("", 5), "");
}

TEST(Utf8, TruncateNeverCutsInsideACodePoint) {
  const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";  // a é € 😀 z
  EXPECT_EQ(TruncateCodePoints(text, 0), "");
  EXPECT_EQ(TruncateCodePoints(text, 1), "a");
  EXPECT_EQ(TruncateCodePoints(text, 2), "a\xC3\xA9");
  EXPECT_EQ(TruncateCodePoints(text, 3), "a\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(TruncateCodePoints(text, 4), "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  for (size_t max = 0; max <= 6; ++max) {
    EXPECT_TRUE(IsValidUtf8(TruncateCodePoints(text, max))) << max;
  }
}

TEST(Utf8, DecodeReportsCodePointAndLength) {
  const DecodedCodePoint euro = DecodeFirstCodePoint("\xE2\x82\xAC rest");
  EXPECT_TRUE(euro.valid);
  EXPECT_EQ(euro.code_point, U'\u20AC');
  EXPECT_EQ(euro.length, 3u);
  const DecodedCodePoint bad = DecodeFirstCodePoint("\xE2\x82");
  EXPECT_FALSE(bad.valid);
  EXPECT_EQ(bad.code_point, U'\uFFFD');
  EXPECT_EQ(bad.length, 1u);
}

TEST(Utf8, AppendRoundTripsThroughDecode) {
  for (const char32_t code_point : {U'\0', U'A', U'\u00E9', U'\u07FF', U'\u0800', U'\uD7FF',
                                    U'\uE000', U'\uFFFF', U'\U00010000', U'\U0010FFFF'}) {
    std::string utf8;
    AppendUtf8(code_point, utf8);
    ASSERT_TRUE(IsValidUtf8(utf8)) << static_cast<uint32_t>(code_point);
    const DecodedCodePoint decoded = DecodeFirstCodePoint(utf8);
    EXPECT_EQ(decoded.code_point, code_point);
    EXPECT_EQ(decoded.length, utf8.size());
  }
}

TEST(Utf8, ValidUtf8KeepsValidTextAndReplacesEachBadByte) {
  EXPECT_EQ(ValidUtf8("Jalan rusak \xC3\xA9 \xF0\x9F\x98\x80"),
            "Jalan rusak \xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(ValidUtf8("a\xFF"
                      "b\xC0\xAF"),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(ValidUtf8(""), "");
}

// IsValidUtf8 passes over ASCII eight bytes at a time: a bad byte or sequence is found wherever
// it sits against those eight-byte steps, and a sequence may straddle one.
TEST(Utf8, FindsABadByteAtEveryOffsetOfLongAsciiText) {
  const std::string ascii(40, 'a');
  for (size_t at = 0; at < ascii.size(); ++at) {
    SCOPED_TRACE(at);
    for (std::string_view bad : {"\xFF", "\x80", "\xC3", "\xED\xA0\x80", "\xF0\x9F\x98"}) {
      std::string text = ascii;
      text.insert(at, bad);
      EXPECT_FALSE(IsValidUtf8(text));
    }
    std::string good = ascii;
    good.insert(at, "\xF0\x9F\x98\x80");
    EXPECT_TRUE(IsValidUtf8(good));
  }
}

// CodePointCount passes over ASCII eight bytes at a time too: the count is the same wherever a
// wide or bad sequence sits against those steps.
TEST(Utf8, CountsLongTextTheSameWhereverAWideOrBadSequenceSits) {
  const std::string ascii(40, 'a');
  for (size_t at = 0; at <= ascii.size(); ++at) {
    SCOPED_TRACE(at);
    for (std::string_view one : {"\xC3\xA9", "\xF0\x9F\x98\x80", "\xFF", "\xE2\x82\xAC"}) {
      std::string text = ascii;
      text.insert(at, one);
      EXPECT_EQ(CodePointCount(text), ascii.size() + 1);
    }
  }
}

TEST(Utf8, ValidUtf8IntoASpareGivesValidTextItselfAndRepairsTheRest) {
  const std::string valid = "Jalan rusak di depan kantor desa \xC3\xA9";
  std::string repaired = "untouched";
  const std::string_view kept = ValidUtf8(valid, repaired);
  EXPECT_EQ(kept.data(), valid.data());  // no copy
  EXPECT_EQ(repaired, "untouched");
  const std::string bad = "Jalan rusak di depan kantor desa \xFF";
  EXPECT_EQ(ValidUtf8(bad, repaired), ValidUtf8(bad));
  EXPECT_EQ(repaired, "Jalan rusak di depan kantor desa \xEF\xBF\xBD");
}

}  // namespace
}  // namespace lapor::text
