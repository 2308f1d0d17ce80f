#include "text/template.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lapor::text {
namespace {

TEST(Template, RendersPlaceholdersWithTheirValues) {
  const std::map<std::string, std::string, std::less<>> vars = {{"tracking_no", "12345674"},
                                                                {"days", "5"}};
  EXPECT_EQ(Render("Laporan {tracking_no} diterima, dijawab dalam {days} hari.", vars),
            "Laporan 12345674 diterima, dijawab dalam 5 hari.");
  EXPECT_EQ(Render("{days}{days}", vars), "55");
  EXPECT_EQ(Render("", vars), "");
  EXPECT_EQ(Render("tanpa placeholder", vars), "tanpa placeholder");
}

TEST(Template, LeavesPlaceholderWithoutValueAsIs) {
  EXPECT_EQ(Render("Halo {name}, kasus {case_id}", {{"name", "Budi"}}),
            "Halo Budi, kasus {case_id}");
}

TEST(Template, DoubledBracesAreLiteral) {
  EXPECT_EQ(Render("Balas {{INFO}} {x}", {{"x", "1"}}), "Balas {INFO} 1");
  EXPECT_EQ(Render("{{x}}", {{"x", "1"}}), "{x}");
  EXPECT_EQ(Render("{{{x}}}", {{"x", "1"}}), "{1}");
  EXPECT_EQ(Render("}}{{", {}), "}{");
}

TEST(Template, ValuesAreNotExpandedAgain) {
  EXPECT_EQ(Render("{a}", {{"a", "{b} {{"}, {"b", "B"}}), "{b} {{");
}

TEST(Template, StrayBracesAndBadNamesRenderAsWritten) {
  EXPECT_EQ(Render("{Name} {} { x } {a-b}", {{"Name", "n"}}), "{Name} {} { x } {a-b}");
  EXPECT_EQ(Render("a } b { c", {}), "a } b { c");
  EXPECT_EQ(Render("{ {x}", {{"x", "1"}}), "{ 1");
  EXPECT_EQ(Render("{x", {{"x", "1"}}), "{x");
}

TEST(Template, ValuesMayHoldUtf8) {
  EXPECT_EQ(Render("{e} {kota}", {{"e", "\xF0\x9F\x98\x80"}, {"kota", "Bandung"}}),
            "\xF0\x9F\x98\x80 Bandung");
}

TEST(Template, PlaceholdersListsEachNameOnceInOrder) {
  EXPECT_EQ(Placeholders("{b} {a} {b} {{c}} {Bad} {x_1}"),
            (std::vector<std::string>{"b", "a", "x_1"}));
  EXPECT_TRUE(Placeholders("plain {{text}}").empty());
}

TEST(Template, CheckAcceptsWellFormedTemplates) {
  EXPECT_TRUE(CheckTemplate("").ok());
  EXPECT_TRUE(CheckTemplate("Laporan {tracking_no} diterima. Balas {{INFO}} {x9_}").ok());
  EXPECT_TRUE(CheckTemplate("Biaya 5\xE2\x82\xAC }}").ok());
}

TEST(Template, CheckReportsUnclosedBrace) {
  const Result<Ok> result = CheckTemplate("Halo {name");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Errc::kUnprocessable);
  EXPECT_NE(result.error().message.find("unclosed '{' at byte 5"), std::string::npos)
      << result.error().message;
  EXPECT_FALSE(CheckTemplate("{a {b}").ok());
}

TEST(Template, CheckReportsUnmatchedClosingBrace) {
  const Result<Ok> result = CheckTemplate("Halo name}");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("unmatched '}' at byte 9"), std::string::npos)
      << result.error().message;
  EXPECT_FALSE(CheckTemplate("{a}}").ok());
}

TEST(Template, CheckReportsBadPlaceholderNames) {
  for (const std::string_view tpl : {"{Name}", "{}", "{nama lengkap}", "{a-b}", "{\xC3\xA9}"}) {
    const Result<Ok> result = CheckTemplate(tpl);
    ASSERT_FALSE(result.ok()) << tpl;
    EXPECT_NE(result.error().message.find("bad placeholder name"), std::string::npos) << tpl;
  }
}

TEST(Template, CheckReportsEveryProblem) {
  const Result<Ok> result = CheckTemplate("} {X} {ok} {");
  ASSERT_FALSE(result.ok());
  const std::string& message = result.error().message;
  EXPECT_NE(message.find("unmatched '}' at byte 0"), std::string::npos) << message;
  EXPECT_NE(message.find("bad placeholder name 'X' at byte 2"), std::string::npos) << message;
  EXPECT_NE(message.find("unclosed '{' at byte 11"), std::string::npos) << message;
}

TEST(Template, CheckRejectsInvalidUtf8) {
  const Result<Ok> result = CheckTemplate("Halo \xC0\xAF {name}");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Errc::kUnprocessable);
}

TEST(Template, CheckShortensALongBadName) {
  const Result<Ok> result = CheckTemplate("{" + std::string(500, 'X') + "}");
  ASSERT_FALSE(result.ok());
  EXPECT_LT(result.error().message.size(), 200u);
}

}  // namespace
}  // namespace lapor::text
