// The dialogs API against the real server (admin_edits_fixture.hpp): the loader's checks and dry
// runs of the live or a proposed dialog.
#include "integration/admin_edits_fixture.hpp"

namespace lapor::test {
namespace {

TEST_F(AdminEditsTest, LiveDialogIsShownWithItsNodeGraph) {
  auto live = Expect(200, Call(*a_, "GET", "/admin/v1/dialogs/live", editor_));
  EXPECT_EQ(live["dialog"], ShippedDialog());
  bool main_found = false;
  for (const auto& node : live["nodes"]) {
    if (node["id"] == "main") {
      main_found = true;
      EXPECT_EQ(node["type"], "menu");
      EXPECT_EQ(node["next"][0], "category");
    }
  }
  EXPECT_TRUE(main_found);
  Expect(403, Call(*a_, "GET", "/admin/v1/dialogs/live", verifier_));
}

TEST_F(AdminEditsTest, EachKindOfBadDialogIsRefusedWithEveryProblemByJsonPath) {
  auto validate = [&](const json& dialog, int expect) {
    return Expect(expect, Call(*a_, "POST", "/admin/v1/dialogs/validate", editor_,
                               json{{"dialog", dialog}}.dump()));
  };
  EXPECT_EQ(validate(ShippedDialog(), 200)["ok"], true);

  auto dangling = ShippedDialog();
  dangling["nodes"]["main"]["options"][0]["next"] = "nowhere";
  auto refused = validate(dangling, 422);
  EXPECT_NE(refused["error"].get<std::string>().find("/nodes/main/options/0/next"),
            std::string::npos)
      << refused.dump();

  auto unreachable = ShippedDialog();
  unreachable["nodes"]["orphan"] = {{"type", "end"}, {"prompt", "main.prompt"}};
  EXPECT_NE(validate(unreachable, 422)["error"].get<std::string>().find("orphan"),
            std::string::npos);

  auto missing_text = ShippedDialog();
  missing_text["nodes"]["main"]["prompt"] = "no.such.text";
  auto missing = validate(missing_text, 422);
  EXPECT_NE(missing["error"].get<std::string>().find("no.such.text"), std::string::npos);
  EXPECT_GE(missing["problems"].size(), 2u);  // one per language

  Expect(400, Call(*a_, "POST", "/admin/v1/dialogs/validate", editor_, "{}"));
  Expect(400, Call(*a_, "POST", "/admin/v1/dialogs/validate", editor_, "nope"));
}

TEST_F(AdminEditsTest, DryRunPlaysTheLiveOrProposedDialogAndSendsNothing) {
  auto run = [&](const json& body, int expect = 200) {
    return Expect(expect, Call(*a_, "POST", "/admin/v1/dialogs/dry-run", editor_, body.dump()));
  };
  auto live = run({{"channel", "ussd"}, {"inputs", {"1"}}});
  ASSERT_EQ(live["steps"].size(), 2u);
  EXPECT_TRUE(live["steps"][0]["screen"].get<std::string>().starts_with("LAPOR! 1708"));
  EXPECT_FALSE(live["steps"][1]["end"]);

  auto proposed = ShippedDialog();
  proposed["nodes"]["main"]["prompt"] = "type.prompt";
  auto played = run({{"channel", "ussd"}, {"inputs", json::array()}, {"dialog", proposed}});
  EXPECT_TRUE(played["steps"][0]["screen"].get<std::string>().starts_with("Jenis laporan:"));

  auto sms = run({{"channel", "sms"}, {"inputs", {"LAPOR"}}});
  EXPECT_EQ(sms["steps"].size(), 1u);

  proposed["nodes"]["main"]["prompt"] = "no.such.text";
  run({{"channel", "ussd"}, {"inputs", json::array()}, {"dialog", proposed}}, 422);
  run({{"channel", "fax"}, {"inputs", json::array()}}, 400);
  run({{"channel", "sms"}, {"inputs", {1}}}, 400);
  run({{"channel", "sms"}}, 400);
  // Nothing was filed or queued by the dry runs.
  EXPECT_EQ(Expect(200, Call(*a_, "GET", "/admin/v1/cases", verifier_))["cases"], json::array());
}

}  // namespace
}  // namespace lapor::test
