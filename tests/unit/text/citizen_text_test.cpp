#include "text/citizen_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace lapor::text {
namespace {

std::string Clean(std::string_view raw) {
  const auto cleaned = CleanCitizenText(raw);
  EXPECT_TRUE(cleaned.has_value()) << raw;
  return cleaned.value_or("<invalid>");
}

TEST(CitizenText, KeepsOrdinaryTextAsIs) {
  EXPECT_EQ(Clean("Lampu jalan mati di RT 03/RW 05, Kel. Sukajadi!"),
            "Lampu jalan mati di RT 03/RW 05, Kel. Sukajadi!");
  EXPECT_EQ(Clean("Caf\xC3\xA9 \xF0\x9F\x98\xA1 \xE2\x82\xAC"),
            "Caf\xC3\xA9 \xF0\x9F\x98\xA1 \xE2\x82\xAC");
}

TEST(CitizenText, RejectsInvalidUtf8) {
  EXPECT_FALSE(CleanCitizenText("jalan \xC0\xAF rusak").has_value());
  EXPECT_FALSE(CleanCitizenText("\xED\xA0\x80").has_value());
  EXPECT_FALSE(CleanCitizenText("rusak\xE2\x82").has_value());
  EXPECT_FALSE(CleanCitizenText("\x80").has_value());
}

TEST(CitizenText, TurnsLineBreaksAndTabsIntoOneSpace) {
  EXPECT_EQ(Clean("jalan\r\nrusak"), "jalan rusak");
  EXPECT_EQ(Clean("jalan\trusak"), "jalan rusak");
  EXPECT_EQ(Clean("jalan\n\n\nrusak"), "jalan rusak");
  EXPECT_EQ(Clean("jalan\x0B\x0Crusak"), "jalan rusak");
}

TEST(CitizenText, RemovesOtherControlCharacters) {
  EXPECT_EQ(Clean(std::string("ja\0lan", 6)), "jalan");
  EXPECT_EQ(Clean("ja\x1Blan\x7F"), "jalan");
  EXPECT_EQ(Clean("ja\x01\x02\x1Flan"), "jalan");
  EXPECT_EQ(Clean("ja\xC2\x80\xC2\x9Flan"), "jalan");  // C1 U+0080, U+009F
}

TEST(CitizenText, RemovesZeroWidthAndBidiControls) {
  EXPECT_EQ(Clean("ja\xE2\x80\x8Blan"), "jalan");  // U+200B
  EXPECT_EQ(Clean("ja\xE2\x80\x8Flan"), "jalan");  // U+200F
  EXPECT_EQ(Clean("\xE2\x80\xAE"
                  "kasus"
                  "\xE2\x80\xAC"),
            "kasus");  // U+202E .. U+202C
  EXPECT_EQ(Clean("\xE2\x81\xA6"
                  "x"
                  "\xE2\x81\xA9"),
            "x");  // U+2066 .. U+2069
  EXPECT_EQ(Clean("\xEF\xBB\xBF"
                  "halo"),
            "halo");  // BOM
}

TEST(CitizenText, KeepsCharactersNextToTheRemovedRanges) {
  EXPECT_EQ(Clean("a\xE2\x80\x90"
                  "b"),
            "a\xE2\x80\x90"
            "b");  // U+2010 HYPHEN
  EXPECT_EQ(Clean("a\xE2\x80\xAF"
                  "b"),
            "a b");  // U+202F is a space
  EXPECT_EQ(Clean("a\xE2\x81\xA5"
                  "b"),
            "a\xE2\x81\xA5"
            "b");  // U+2065 unassigned, kept
  EXPECT_EQ(Clean("a\xC2\xA1"
                  "b"),
            "a\xC2\xA1"
            "b");  // U+00A1 just after C1
}

TEST(CitizenText, TreatsUnicodeSpacesAsSpaces) {
  EXPECT_EQ(Clean("jalan\xC2\xA0rusak"), "jalan rusak");                   // NBSP
  EXPECT_EQ(Clean("jalan\xE3\x80\x80rusak"), "jalan rusak");               // ideographic space
  EXPECT_EQ(Clean("jalan\xE2\x80\xA8rusak"), "jalan rusak");               // line separator
  EXPECT_EQ(Clean("jalan\xC2\x85rusak"), "jalan rusak");                   // NEL
  EXPECT_EQ(Clean("jalan\xE2\x80\x83\xE2\x80\x8A rusak"), "jalan rusak");  // em, hair space
}

TEST(CitizenText, CollapsesWhitespaceAndTrims) {
  EXPECT_EQ(Clean("   jalan    rusak   "), "jalan rusak");
  EXPECT_EQ(Clean("\r\n jalan \t\r\n rusak \n"), "jalan rusak");
}

TEST(CitizenText, RemovedCharactersDoNotBreakACollapsedRun) {
  EXPECT_EQ(Clean("jalan \xE2\x80\x8B rusak"), "jalan rusak");
  EXPECT_EQ(Clean(std::string("jalan \0 rusak", 13)), "jalan rusak");
  EXPECT_EQ(Clean("\xE2\x80\x8B jalan"), "jalan");
}

TEST(CitizenText, OnlySpacesAndControlsGiveEmptyText) {
  EXPECT_EQ(Clean(""), "");
  EXPECT_EQ(Clean(" \r\n\t "), "");
  EXPECT_EQ(Clean("\xE2\x80\x8B\xEF\xBB\xBF\x01"), "");
}

TEST(CitizenText, CleaningTwiceChangesNothing) {
  const std::string once = Clean(" \xE2\x80\xAE hal\x07o\r\n\xC2\xA0 dunia \xF0\x9F\x98\x80 ");
  EXPECT_EQ(once, "halo dunia \xF0\x9F\x98\x80");
  EXPECT_EQ(Clean(once), once);
}

TEST(FoldForMatch, IgnoresCaseAndExtraSpaces) {
  EXPECT_EQ(FoldForMatch("  pelayanan  PUBLIK "), FoldForMatch("Pelayanan Publik"));
  EXPECT_EQ(FoldForMatch("Pelayanan Publik"), "pelayanan publik");
  EXPECT_EQ(FoldForMatch("\tYA\r\n"), "ya");
}

TEST(FoldForMatch, KeepsNonAsciiAndPunctuationAsIs) {
  EXPECT_EQ(FoldForMatch("KESEHATAN & \xC3\x89"
                         "COLE"),
            "kesehatan & \xC3\x89"
            "cole");
  EXPECT_NE(FoldForMatch("pelayanan-publik"), FoldForMatch("pelayanan publik"));
}

TEST(FoldForMatch, EmptyAndBlankFoldToEmpty) {
  EXPECT_EQ(FoldForMatch(""), "");
  EXPECT_EQ(FoldForMatch("   "), "");
}

}  // namespace
}  // namespace lapor::text
