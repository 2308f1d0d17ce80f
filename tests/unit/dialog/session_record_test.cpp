#include "dialog/session_record.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lapor::dialog {
namespace {

Session FullSession() {
  Session s;
  s.node = "confirm";
  s.lang = "en";
  s.answers = {{"category", "kesehatan"},
               {"details", "Antrean 12:3 lama\x1f sekali * 1:2"},
               {"place", "19.04.01"}};
  s.trail = {"menu", "category", "subcategory"};
  s.page = 2;
  s.prefilled = {"category", "place"};
  s.offers = {{"place", "19.04.01,19.04.01.1001"}};
  s.resume_node = "details";
  s.started_at = 1795827600000;
  s.updated_at = 1795827660000;
  s.ussd_text = "1*1*1*koba*1*Antrean 12:3 lama sekali";
  s.dialog_version = 7;
  return s;
}

TEST(SessionRecord, EveryFieldSurvivesTheRoundTrip) {
  const Session s = FullSession();
  auto decoded = DecodeSession(EncodeSession(s));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, s);
}

TEST(SessionRecord, AnEmptySessionSurvivesTheRoundTrip) {
  auto decoded = DecodeSession(EncodeSession(Session{}));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, Session{});
}

TEST(SessionRecord, IsShorterThanTheJsonItReplaces) {
  // The JSON form a session had before the record, for the same session.
  const std::string json =
      R"({"node":"confirm","lang":"en","answers":{"category":"kesehatan","details":"Antrean )"
      R"(12:3 lama\u001f sekali * 1:2","place":"19.04.01"},"trail":["menu","category",)"
      R"("subcategory"],"page":2,"prefilled":["category","place"],"offers":{"place":)"
      R"("19.04.01,19.04.01.1001"},"resume_node":"details","started_at":1795827600000,)"
      R"("updated_at":1795827660000,"ussd_text":"1*1*1*koba*1*Antrean 12:3 lama sekali",)"
      R"("dialog_version":7})";
  EXPECT_LT(EncodeSession(FullSession()).size() * 10, json.size() * 7);
}

TEST(SessionRecord, ReadsASessionStoredAsJsonBeforeTheRecord) {
  auto decoded = DecodeSession(
      R"({"node":"category","lang":"id","answers":{"menu":"report"},"trail":["menu"],)"
      R"("page":0,"prefilled":[],"started_at":1,"updated_at":2})");
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->node, "category");
  EXPECT_EQ(decoded->answers.at("menu"), "report");
  EXPECT_EQ(decoded->trail, std::vector<std::string>{"menu"});
  EXPECT_EQ(decoded->updated_at, 2);
}

TEST(SessionRecord, WritesUpdatedAtAsTheTimeSinceTheStart) {
  const std::string record = EncodeSession(FullSession());
  EXPECT_TRUE(record.starts_with("S2")) << record;
  EXPECT_NE(record.find("13:17958276000005:60000"), std::string::npos) << record;
  EXPECT_EQ(record.find("1795827660000"), std::string::npos) << record;
  // A clock set back between two steps still round-trips.
  Session back = FullSession();
  back.updated_at = back.started_at - 1500;
  auto decoded = DecodeSession(EncodeSession(back));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->updated_at, back.updated_at);
}

TEST(SessionRecord, ReadsAnS1RecordWrittenBeforeS2) {
  // EncodeSession of a small session as the version before S2 wrote it: updated_at whole.
  const std::string s1 =
      "S17:confirm2:id1:013:179601524217613:17960152423271:03:1*20:1:14:main1:01:28:category9"
      ":kesehatan1:0";
  auto decoded = DecodeSession(s1);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->node, "confirm");
  EXPECT_EQ(decoded->started_at, 1796015242176);
  EXPECT_EQ(decoded->updated_at, 1796015242327);
  EXPECT_EQ(decoded->ussd_text, "1*2");
  EXPECT_EQ(decoded->trail, std::vector<std::string>{"main"});
  EXPECT_EQ(decoded->answers.at("category"), "kesehatan");
  // The same fields as S2 say the same session.
  auto s2 = DecodeSession(EncodeSession(*decoded));
  ASSERT_TRUE(s2) << s2.error().message;
  EXPECT_EQ(*s2, *decoded);
}

TEST(SessionRecord, RefusesEveryTruncationAndGarbage) {
  const std::string record = EncodeSession(FullSession());
  for (size_t n = 0; n < record.size(); ++n) {
    EXPECT_FALSE(DecodeSession(record.substr(0, n))) << n;
  }
  const std::vector<std::string> garbage = {
      "S2x", "S2999999999999999999999:", "S25:ab",     "S2-1:", "{not json",
      "",    "S3" + record.substr(2),    record + "0:"};
  for (const std::string& bad : garbage) {
    EXPECT_FALSE(DecodeSession(bad)) << bad;
  }
}

}  // namespace
}  // namespace lapor::dialog
