#include "text/gsm7.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/sms_segments.hpp"
#include "text/utf8.hpp"

namespace lapor::text {
namespace {

std::string Utf8(char32_t c) {
  std::string out;
  AppendUtf8(c, out);
  return out;
}

TEST(Gsm7, EveryCharacterOfTheDefaultAlphabetIsOneSeptetAtItsPosition) {
  for (uint8_t septet = 0; septet < 128; ++septet) {
    if (septet == kGsm7Escape) {
      continue;
    }
    const std::string c = Utf8(kGsm7Basic[septet]);
    SCOPED_TRACE(testing::Message() << "septet 0x" << std::hex << int{septet});
    EXPECT_EQ(Gsm7Septets(kGsm7Basic[septet]), 1u);
    EXPECT_EQ(EncodeGsm7(c), std::vector<uint8_t>{septet});
    EXPECT_EQ(DecodeGsm7(std::vector<uint8_t>{septet}), c);
    EXPECT_TRUE(IsGsm7(c));
  }
}

TEST(Gsm7, TheTableHoldsTheCharactersTheStandardLists) {
  // A few positions checked by hand against TS 23.038 6.2.1.
  EXPECT_EQ(kGsm7Basic[0x00], U'@');
  EXPECT_EQ(kGsm7Basic[0x02], U'$');
  EXPECT_EQ(kGsm7Basic[0x10], char32_t{0x0394});  // Δ
  EXPECT_EQ(kGsm7Basic[0x11], U'_');
  EXPECT_EQ(kGsm7Basic[0x24], char32_t{0x00A4});  // ¤, not $
  EXPECT_EQ(kGsm7Basic[0x40], char32_t{0x00A1});  // ¡, not @
  EXPECT_EQ(kGsm7Basic[0x60], char32_t{0x00BF});  // ¿, not `
  EXPECT_EQ(kGsm7Basic[0x7F], char32_t{0x00E0});  // à
  EXPECT_EQ(
      EncodeGsm7("Rp 5.000,- @ Jl. Merdeka_1"),
      (std::vector<uint8_t>{'R', 'p', ' ', '5', '.', '0', '0', '0', ',', '-', ' ', 0x00, ' ',
                            'J', 'l', '.', ' ', 'M', 'e', 'r', 'd', 'e', 'k', 'a', 0x11, '1'}));
}

TEST(Gsm7, ExtensionCharactersAreTheEscapeAndTheirCode) {
  for (const Gsm7Extension& e : kGsm7Extensions) {
    const std::string c = Utf8(e.character);
    SCOPED_TRACE(c);
    EXPECT_EQ(Gsm7Septets(e.character), 2u);
    EXPECT_EQ(EncodeGsm7(c), (std::vector<uint8_t>{kGsm7Escape, e.septet}));
    EXPECT_EQ(DecodeGsm7(std::vector<uint8_t>{kGsm7Escape, e.septet}), c);
    EXPECT_EQ(CountSegments(c).units, 2u);
  }
  EXPECT_EQ(EncodeGsm7("\xE2\x82\xAC"), (std::vector<uint8_t>{kGsm7Escape, 0x65}));  // €
}

TEST(Gsm7, AnEscapeBeforeAnUnknownCodeReadsAsTheDefaultCharacter) {
  EXPECT_EQ(DecodeGsm7(std::vector<uint8_t>{kGsm7Escape, 'A'}), "A");
  EXPECT_EQ(DecodeGsm7(std::vector<uint8_t>{'a', kGsm7Escape}), "a ");
  EXPECT_EQ(DecodeGsm7(std::vector<uint8_t>{kGsm7Escape, kGsm7Escape}), " ");
  EXPECT_EQ(DecodeGsm7(std::vector<uint8_t>{0x80}), "\xEF\xBF\xBD");
}

TEST(Gsm7, CharactersWithoutAGsm7FormAreRefused) {
  for (const char* text : {"`", "\xC3\xA7" /* ç */, "\xF0\x9F\x98\x80" /* emoji */,
                           "\xE2\x80\x9C" /* “ */, "\t", "\x1B", "\xC0\xAF" /* invalid */}) {
    EXPECT_EQ(EncodeGsm7(text), std::nullopt) << text;
  }
  EXPECT_EQ(Gsm7Septets(0x1F600), 0u);
  EXPECT_EQ(Gsm7Septets(U'`'), 0u);
}

TEST(Gsm7, IndonesianTextIsGsm7) {
  const std::string text =
      "Jalan di depan SD Negeri 3 rusak parah & berlubang (2x3 m); sudah 3 minggu! "
      "Mohon segera diperbaiki? Terima kasih, Bpk. Budi - RT 02/RW 05 #1708";
  auto septets = EncodeGsm7(text);
  ASSERT_TRUE(septets.has_value());
  EXPECT_EQ(septets->size(), CodePointCount(text));
  EXPECT_EQ(DecodeGsm7(*septets), text);
}

TEST(SmsText, TypographicCharactersBecomeGsm7LookAlikes) {
  // “Jalan” ‘rusak’ – sudah 3 hari… (NBSP before "hari")
  const std::string typed =
      "\xE2\x80\x9CJalan\xE2\x80\x9D \xE2\x80\x98rusak\xE2\x80\x99 \xE2\x80\x93 sudah "
      "3\xC2\xA0hari\xE2\x80\xA6 \xE2\x80\x94 \xC2\xAB"
      "ok\xC2\xBB \xE2\x88\x92"
      "5 \xE2\x80\xA2 `x` \xE2\x80\xB2";
  const std::string sms = ToSmsText(typed);
  EXPECT_EQ(sms, "\"Jalan\" 'rusak' - sudah 3 hari... - \"ok\" -5 - 'x' '");
  EXPECT_TRUE(IsGsm7(sms));
}

TEST(SmsText, ControlAndInvisibleCharactersGoLineFeedsStay) {
  EXPECT_EQ(ToSmsText("a\x01"
                      "b\x7F"
                      "c\r\nd\te"),
            "abc\nd e");
  // zero-width space, RLO, LRI, BOM
  EXPECT_EQ(ToSmsText("a\xE2\x80\x8B"
                      "b\xE2\x80\xAE"
                      "c\xE2\x81\xA6"
                      "d\xEF\xBB\xBF"
                      "e"),
            "abcde");
  EXPECT_EQ(ToSmsText("ok\xFF"), "ok?");
}

TEST(SmsText, CharactersWithoutLookAlikeKeepUcs2) {
  const std::string emoji = "Terima kasih \xF0\x9F\x99\x8F";
  EXPECT_EQ(ToSmsText(emoji), emoji);
  EXPECT_FALSE(IsGsm7(ToSmsText(emoji)));
}

TEST(SmsText, OneCurlyQuoteNoLongerMakesAThreeHundredCharacterAnswerUcs2) {
  std::string answer = "Dinas PUPR: \xE2\x80\x9Cperbaikan dijadwalkan\xE2\x80\x9D. ";
  while (CodePointCount(answer) < 300) {
    answer += "Tim akan datang ke lokasi minggu depan. ";
  }
  EXPECT_EQ(CountSegments(answer).encoding, SegmentCount::Encoding::kUcs2);
  EXPECT_EQ(CountSegments(answer).segments, 5u);  // cut by Kannel's max-messages = 3
  const SegmentCount sms = CountSegments(ToSmsText(answer));
  EXPECT_EQ(sms.encoding, SegmentCount::Encoding::kGsm7);
  EXPECT_EQ(sms.segments, 3u);
}

}  // namespace
}  // namespace lapor::text
