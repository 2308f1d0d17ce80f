#include "dialog/ussd_state.hpp"

#include <gtest/gtest.h>

#include <string>

namespace lapor::dialog {
namespace {

TEST(UssdState, ALiveAndAnEndedStateSurviveTheRoundTrip) {
  UssdState live{.version = 7,
                 .call = "ATUid_0b1c.2:x",
                 .seen = UssdShortId("ATUid_0b1c.2:x:4132edfd"),
                 .session = "S17:confirm2:id1:0 any\nbytes 12:3 : E C",
                 .reply = "Pilihan tidak dikenal.\n1. Ya\n0. Kembali"};
  UssdState ended{.version = 8,
                  .call = "c",
                  .seen = "s",
                  .end = true,
                  .reply = "Terima kasih. Laporan Anda diterima dengan nomor {tracking_no}."};
  UssdState plain{.version = 1, .call = "c", .seen = "s", .session = "S1"};
  for (const auto& state : {live, ended, plain}) {
    auto decoded = DecodeUssdState(EncodeUssdState(state));
    ASSERT_TRUE(decoded) << EncodeUssdState(state);
    EXPECT_EQ(*decoded, state);
  }
}

// dialog_step.lua reads the version and `seen` with '^U1 (%d+) %S+ (%S+) ' and puts a tracking
// number into the reply in place: both depend on this layout.
TEST(UssdState, TheScriptFindsTheVersionAndSeenUpFrontAndTheReplyLast) {
  UssdState state{.version = 12, .call = "call-1", .seen = "abc", .session = "S1xyz", .reply = "R"};
  EXPECT_EQ(EncodeUssdState(state), "U1 12 call-1 abc C 5:S1xyzR");
  state.end = true;
  state.session.clear();
  EXPECT_EQ(EncodeUssdState(state), "U1 12 call-1 abc E 0:R");
}

TEST(UssdState, AnythingElseIsRefused) {
  for (const char* stored :
       {"", "U1", "U1 ", "U2 1 c s C 0:", "U1 x c s C 0:", "U1 -1x c s C 0:", "U1 1 c s X 0:",
        "U1 1 c s C", "U1 1 c s C 5:abc", "U1 1 c s C :abc", "U1 1 c s C x:abc",
        "U1 1  s C 0:", "U1 1 c s C -1:", "{\"v\":1}", "U1 99999999999999999999 c s C 0:"}) {
    EXPECT_FALSE(DecodeUssdState(stored)) << stored;
  }
}

TEST(UssdState, ShortIdsAreShortAndTellIdsApart) {
  EXPECT_EQ(UssdShortId("ATUid_1:aaaa").size(), 12u);
  EXPECT_EQ(UssdShortId(std::string(128, 'x')).size(), 12u);
  EXPECT_EQ(UssdShortId("ATUid_1:aaaa"), UssdShortId("ATUid_1:aaaa"));
  EXPECT_NE(UssdShortId("ATUid_1:aaaa"), UssdShortId("ATUid_1:aaab"));
  EXPECT_EQ(UssdShortId("a").find(' '), std::string::npos);
}

TEST(UssdState, ATextMarkKnowsTheTextItWasMadeOfWhenAnInputFollows) {
  const std::string text = "1*1*3*koba*Antrean * lama";
  const std::string mark = UssdTextMark(text);
  EXPECT_LT(mark.size(), text.size());
  EXPECT_EQ(UssdTextMark(""), "");
  EXPECT_EQ(UssdTextExtends(mark, text + "*1"), text.size());
  EXPECT_EQ(UssdTextExtends(mark, text + "*"), text.size());
  EXPECT_FALSE(UssdTextExtends(mark, text));                         // no input after it
  EXPECT_FALSE(UssdTextExtends(mark, text + "1"));                   // not behind a '*'
  EXPECT_FALSE(UssdTextExtends(mark, "x" + text.substr(1) + "*1"));  // another text, same length
  EXPECT_FALSE(UssdTextExtends(mark, "1*1"));
  for (const char* bad : {"", "12", ":abc", "x:abc", "0:", "-1:abc"}) {
    EXPECT_FALSE(UssdTextExtends(bad, text + "*1")) << bad;
  }
}

}  // namespace
}  // namespace lapor::dialog
