#include "text/phone.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace lapor::text {
namespace {

TEST(Phone, IndonesianMobileFormsAllNormaliseToE164) {
  for (const std::string_view raw :
       {"081234567890", "6281234567890", "+6281234567890", "81234567890", "0812-3456-7890",
        "0812 3456 7890", "0812.3456.7890", "+62 812-3456-7890", "(0812) 3456 7890",
        "+62 (0)812 3456 7890", "  +6281234567890  ", "62 812 3456 7890", "+62\t81234567890"}) {
    EXPECT_EQ(NormalizeMsisdn(raw), std::optional<std::string>("+6281234567890")) << raw;
  }
}

TEST(Phone, IndonesianFixedLinesNormaliseToE164) {
  EXPECT_EQ(NormalizeMsisdn("(021) 5551234"), "+62215551234");
  EXPECT_EQ(NormalizeMsisdn("021-555-1234"), "+62215551234");
  EXPECT_EQ(NormalizeMsisdn("215551234"), "+62215551234");
  EXPECT_EQ(NormalizeMsisdn("0911 312345"), "+62911312345");
}

TEST(Phone, NormalisedNumberStaysTheSame) {
  EXPECT_EQ(NormalizeMsisdn("+6281234567890"), "+6281234567890");
  EXPECT_EQ(NormalizeMsisdn("+441632960961"), "+441632960961");
}

TEST(Phone, PlusDecodedAsSpaceByAFormParserStillGivesIndonesianNumber) {
  // Kannel's "+62..." in an unencoded query string reaches us as " 62...".
  EXPECT_EQ(NormalizeMsisdn(" 6281234567890"), "+6281234567890");
}

TEST(Phone, ForeignE164NumbersAreKept) {
  EXPECT_EQ(NormalizeMsisdn("+60123456789"), "+60123456789");          // Malaysia
  EXPECT_EQ(NormalizeMsisdn("+1 (202) 555-0143"), "+12025550143");     // United States
  EXPECT_EQ(NormalizeMsisdn("+65 9123 4567"), "+6591234567");          // Singapore, 10 digits
  EXPECT_EQ(NormalizeMsisdn("+6712345"), std::nullopt);                // 7 digits: too short
  EXPECT_EQ(NormalizeMsisdn("+67123456"), "+67123456");                // 8 digits
  EXPECT_EQ(NormalizeMsisdn("+123456789012345"), "+123456789012345");  // 15 digits
  EXPECT_EQ(NormalizeMsisdn("+1234567890123456"), std::nullopt);       // 16 digits
}

TEST(Phone, NationalNumberNeedsNineToThirteenDigits) {
  EXPECT_EQ(NormalizeMsisdn("081234567"), std::nullopt);  // 8 national digits
  EXPECT_EQ(NormalizeMsisdn("+6281234567"), std::nullopt);
  EXPECT_EQ(NormalizeMsisdn("81234567"), std::nullopt);
  EXPECT_EQ(NormalizeMsisdn("0812345678"), "+62812345678");  // 9
  EXPECT_EQ(NormalizeMsisdn("+62812345678"), "+62812345678");
  EXPECT_EQ(NormalizeMsisdn("08123456789012"), "+628123456789012");  // 13: 15 in E.164
  EXPECT_EQ(NormalizeMsisdn("081234567890123"), std::nullopt);       // 14
  EXPECT_EQ(NormalizeMsisdn("+62812345678901234"), std::nullopt);
}

TEST(Phone, NationalNumberCannotStartWithZeroOrOne) {
  EXPECT_EQ(NormalizeMsisdn("00812345678"), std::nullopt);
  EXPECT_EQ(NormalizeMsisdn("+62 00 812 3456 7890"), std::nullopt);
  EXPECT_EQ(NormalizeMsisdn("0123456789"), std::nullopt);
  EXPECT_EQ(NormalizeMsisdn("123456789"), std::nullopt);
}

TEST(Phone, RejectsLettersAndOtherCharacters) {
  for (const std::string_view raw :
       {"", "   ", "+", "abc", "0812345678a", "0812/3456/7890", "0812_3456_7890",
        "%2B6281234567890", "tel:+6281234567890",
        "0812\xC2\xA0"
        "34567890",
        "+0812345678", "0812+34567890", "++6281234567890", "+62+81234567890", "0812#34567890"}) {
    EXPECT_EQ(NormalizeMsisdn(raw), std::nullopt) << raw;
  }
}

TEST(Phone, RejectsForeignNumbersStartingWithZero) {
  EXPECT_EQ(NormalizeMsisdn("+0441632960961"), std::nullopt);
}

TEST(Phone, RejectsAbsurdlyLongInput) {
  EXPECT_EQ(NormalizeMsisdn(std::string(10000, '8')), std::nullopt);
  EXPECT_EQ(NormalizeMsisdn("+" + std::string(10000, ' ') + "6281234567890"), "+6281234567890");
}

}  // namespace
}  // namespace lapor::text
