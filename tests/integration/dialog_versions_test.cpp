// Dialog versions through the dialogs API against the real server (admin_edits_fixture.hpp):
// save, activate for new sessions only, roll back, history, and two instances following it.
#include "integration/admin_edits_fixture.hpp"

namespace lapor::test {
namespace {

// The shipped dialog with "Bantuan" first in the main menu: the dial screen and the answer to
// "1" both differ from the shipped version's.
json HelpFirstDialog() {
  auto dialog = ShippedDialog();
  auto& options = dialog["nodes"]["main"]["options"];
  json help = options[4];
  options.erase(4);
  options.insert(options.begin(), help);
  return dialog;
}

class DialogVersionsTest : public AdminEditsTest {
 protected:
  json Save(const json& dialog, int expect = 201) {
    return Expect(expect, Call(*a_, "PUT", "/admin/v1/dialogs", editor_,
                               json{{"dialog", dialog}, {"note", "bantuan dulu"}}.dump()));
  }
  json Activate(TestServer& server, const std::string& what, const json& body, int expect = 200) {
    return Expect(expect, Call(server, "POST", "/admin/v1/dialogs/" + what, editor_, body.dump()));
  }
  int64_t LiveVersion(TestServer& server) {
    return Expect(200, Call(server, "GET", "/admin/v1/dialogs/live", editor_))["version"];
  }
  // A new USSD session's first screen and its answer to "1" on `server`.
  std::pair<std::string, std::string> NewSession(TestServer& server) {
    // A number of its own: a dial offers to resume the number's last unfinished dialog.
    const std::string id = "probe-" + std::to_string(++probe_);
    const std::string phone = "08123456" + std::to_string(1000 + probe_);
    auto dial = server.Ussd(id, phone, "").body;
    return {dial, server.Ussd(id, phone, "1").body};
  }
  int probe_ = 0;
};

TEST_F(DialogVersionsTest, ActivationRollbackAndHistory) {
  EXPECT_EQ(Save(HelpFirstDialog())["version"], 1);
  EXPECT_EQ(LiveVersion(*a_), 0) << "a saved version is not active until activated";
  EXPECT_EQ(Activate(*a_, "activate", {{"version", 1}, {"note", "coba"}})["active"], 1);
  ASSERT_GE(MsUntil([&] { return LiveVersion(*a_) == 1; }), 0);
  auto live = Expect(200, Call(*a_, "GET", "/admin/v1/dialogs/live", editor_));
  EXPECT_EQ(live["dialog"], HelpFirstDialog());
  auto stored = Expect(200, Call(*a_, "GET", "/admin/v1/dialogs/versions/1", editor_));
  EXPECT_EQ(stored["author"], "tina");
  EXPECT_EQ(stored["dialog"], HelpFirstDialog());

  // Rollback goes back only; the shipped dialog is version 0.
  Activate(*a_, "rollback", {{"version", 1}}, 409);
  EXPECT_EQ(Activate(*a_, "rollback", {{"version", 0}})["active"], 0);
  ASSERT_GE(MsUntil([&] { return LiveVersion(*a_) == 0; }), 0);
  EXPECT_EQ(Expect(200, Call(*a_, "GET", "/admin/v1/dialogs/live", editor_))["dialog"],
            ShippedDialog());

  auto history = Expect(200, Call(*b_, "GET", "/admin/v1/dialogs/history", editor_));
  EXPECT_EQ(history["active"], 0);
  ASSERT_EQ(history["history"].size(), 3u) << history.dump();
  EXPECT_EQ(history["history"][0]["action"], "rollback");
  EXPECT_EQ(history["history"][0]["version"], 0);
  EXPECT_EQ(history["history"][1]["action"], "activate");
  EXPECT_EQ(history["history"][1]["note"], "coba");
  EXPECT_EQ(history["history"][2]["action"], "save");
  EXPECT_EQ(history["history"][2]["version"], 1);
  EXPECT_EQ(history["history"][2]["author"], "tina");
}

TEST_F(DialogVersionsTest, BadInputIsRefusedWithAClear4xx) {
  Expect(400, Call(*a_, "PUT", "/admin/v1/dialogs", editor_, "[]"));
  Expect(400, Call(*a_, "PUT", "/admin/v1/dialogs", editor_, json{{"nodes", 1}}.dump()));
  Expect(400, Call(*a_, "PUT", "/admin/v1/dialogs", editor_,
                   json{{"dialog", ShippedDialog()}, {"note", 7}}.dump()));
  auto dangling = ShippedDialog();
  dangling["nodes"]["main"]["options"][0]["next"] = "nowhere";
  auto refused = Save(dangling, 422);
  EXPECT_NE(refused["error"].get<std::string>().find("/nodes/main/options/0/next"),
            std::string::npos);
  Activate(*a_, "activate", {{"version", 9}}, 404);
  Activate(*a_, "activate", {{"version", -1}}, 400);
  Activate(*a_, "activate", {{"version", "1"}}, 400);
  Activate(*a_, "rollback", {{"version", 0}}, 409);  // 0 is already active
  Expect(404, Call(*a_, "GET", "/admin/v1/dialogs/versions/9", editor_));
  Expect(400, Call(*a_, "GET", "/admin/v1/dialogs/versions/x", editor_));
  Expect(403, Call(*a_, "PUT", "/admin/v1/dialogs", verifier_,
                   json{{"dialog", ShippedDialog()}}.dump()));
  Expect(403, Call(*a_, "POST", "/admin/v1/dialogs/activate", verifier_, R"({"version":0})"));
  EXPECT_EQ(Expect(200, Call(*a_, "GET", "/admin/v1/dialogs/history", editor_))["history"].size(),
            0u);
}

TEST_F(DialogVersionsTest, AProposedScreenOverTheUssdLimitIsRefusedNamingNodeAndPath) {
  // The category menu headed by the help text (149 characters in Bahasa Indonesia): no page of
  // it fits 182 characters with an option, "98. more" and "0. back" below.
  auto proposed = ShippedDialog();
  proposed["nodes"]["category"]["prompt"] = "help.text";
  auto refused = Save(proposed, 422);
  const auto error = refused["error"].get<std::string>();
  EXPECT_NE(error.find("/nodes/category: node \"category\""), std::string::npos) << error;
  EXPECT_NE(error.find("more than 182"), std::string::npos) << error;
  bool named = false;
  for (const auto& problem : refused["problems"]) {
    named = named || problem.get<std::string>().find("/nodes/category") != std::string::npos;
  }
  EXPECT_TRUE(named) << refused.dump();
  // Nothing was stored.
  EXPECT_EQ(Expect(200, Call(*a_, "GET", "/admin/v1/dialogs/history", editor_))["history"].size(),
            0u);
}

TEST_F(DialogVersionsTest, AVersionActivatedThroughOneIsServedByTheOtherWithinASecond) {
  const auto shipped = NewSession(*b_);
  Save(HelpFirstDialog());
  Activate(*a_, "activate", {{"version", 1}});
  int64_t ms = MsUntil([&] { return NewSession(*b_).first != shipped.first; });
  EXPECT_GE(ms, 0) << "instance B still starts new sessions on version 0 after a second";
  EXPECT_NE(NewSession(*b_).second, shipped.second);
}

TEST_F(DialogVersionsTest, AUssdSessionInFlightFinishesOnTheVersionItStartedOn) {
  const auto shipped = NewSession(*b_);  // "1" on version 0: the category menu
  const std::string phone = "081234567891";
  auto dial = b_->Ussd("flight", phone, "");
  ASSERT_EQ(dial.body, shipped.first);
  Save(HelpFirstDialog());
  Activate(*a_, "activate", {{"version", 1}});
  ASSERT_GE(MsUntil([&] { return NewSession(*b_).first != shipped.first; }), 0);
  // The session in flight answers "1" as version 0 does; a new one as version 1 does.
  EXPECT_EQ(b_->Ussd("flight", phone, "1").body, shipped.second);
  EXPECT_EQ(a_->Ussd("flight", phone, "1*1").body.substr(0, 4), "CON ");
  // A follows the activation by its own poll, like every instance: wait for it too.
  ASSERT_GE(MsUntil([&] { return NewSession(*a_).first != shipped.first; }), 0);
  EXPECT_NE(NewSession(*a_).second, shipped.second);
}

}  // namespace
}  // namespace lapor::test
