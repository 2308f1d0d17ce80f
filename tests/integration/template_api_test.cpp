// The templates API against a real Redis, through two instances (admin_edits_fixture.hpp).
#include "integration/admin_edits_fixture.hpp"

namespace lapor::test {
namespace {

const json* FindKey(const json& list, const std::string& key) {
  for (const auto& entry : list["templates"]) {
    if (entry["key"] == key) {
      return &entry;
    }
  }
  return nullptr;
}

TEST_F(AdminEditsTest, ListShowsEveryKeyWithTextsPlaceholdersAndWhereItIsUsed) {
  auto list = Expect(200, Call(*a_, "GET", "/admin/v1/templates", editor_));
  EXPECT_EQ(list["version"], 0);
  EXPECT_EQ(list["screen_limit"], 182);
  const json* received = FindKey(list, "notice.received");
  ASSERT_NE(received, nullptr);
  EXPECT_EQ(received->at("used_in"), json::array({"notice"}));
  EXPECT_FALSE(received->at("screen"));
  EXPECT_NE(received->at("required").dump().find("tracking_no"), std::string::npos);
  const json* prompt = FindKey(list, "main.prompt");
  ASSERT_NE(prompt, nullptr);
  EXPECT_EQ(prompt->at("used_in"), json::array({"dialog:main.prompt"}));
  EXPECT_TRUE(prompt->at("screen"));
  EXPECT_TRUE(prompt->at("texts")["id"].get<std::string>().starts_with("LAPOR! 1708"));
  EXPECT_TRUE(prompt->at("texts").contains("en"));
}

TEST_F(AdminEditsTest, EachKindOfBadTemplateIsRefusedWithItsReason) {
  auto reason = [&](const std::string& key, const json& body, int expect) {
    return Put(*a_, key, "id", body, expect)["error"].get<std::string>();
  };
  const std::string received = "notice.received";
  EXPECT_NE(reason(received, {{"text", "Laporan {tracking_no} diterima {nama}"}}, 422)
                .find("unknown placeholder {nama}"),
            std::string::npos);
  EXPECT_NE(reason(received, {{"text", "Laporan diterima."}}, 422)
                .find("required placeholder {tracking_no} is missing"),
            std::string::npos);
  EXPECT_NE(reason(received, {{"text", "Laporan {tracking_no} diterima {"}}, 422).find("'{'"),
            std::string::npos);
  EXPECT_NE(reason(received, {{"text", "Laporan {tracking_no} } diterima"}}, 422).find("'}'"),
            std::string::npos);
  EXPECT_NE(reason("main.prompt", {{"text", ""}}, 422).find("empty"), std::string::npos);
  // Fits alone, but not on the main menu's screen with its six options.
  EXPECT_NE(reason("main.prompt", {{"text", std::string(170, 'x')}}, 422).find("182"),
            std::string::npos);
  EXPECT_EQ(reason("no.such.key", {{"text", "x"}}, 404), "no such template key");
  Expect(404, Call(*a_, "PUT", "/admin/v1/templates/main.prompt/fr", editor_,
                   json{{"text", "x"}}.dump()));
  EXPECT_EQ(reason(received, {{"txt", "x"}}, 400), "field \"text\": a string is required");
  EXPECT_EQ(reason(received, {{"text", 5}}, 400), "field \"text\": a string is required");
  Put(*a_, received, "id", {{"text", "Laporan {tracking_no}"}, {"note", std::string(300, 'n')}},
      400);
  Expect(400, Call(*a_, "PUT", "/admin/v1/templates/main.prompt/id", editor_, "{not json"));
  Expect(415, Call(*a_, "PUT", "/admin/v1/templates/main.prompt/id", editor_, "{}", "text/plain"));
  Expect(401, Call(*a_, "PUT", "/admin/v1/templates/main.prompt/id", "", "{}"));
  Expect(403, Call(*a_, "GET", "/admin/v1/templates", verifier_));
  // Nothing was stored.
  EXPECT_EQ(Expect(200, Call(*a_, "GET", "/admin/v1/templates", editor_))["version"], 0);
}

TEST_F(AdminEditsTest, SaveReturnsSegmentsAndWarnsOfUcs2AndGrowth) {
  auto plain = Put(*a_, "notice.received", "id",
                   {{"text", "Laporan {tracking_no} diterima. Cek: CEK {tracking_no}"}});
  EXPECT_EQ(plain["version"], 1);
  EXPECT_EQ(plain["preview"]["encoding"], "GSM-7");
  EXPECT_EQ(plain["preview"]["segments"], 1);
  EXPECT_EQ(plain["warnings"], json::array());
  auto dash =
      Put(*a_, "notice.received", "id",
          {{"text", "Laporan {tracking_no} diterima — terima kasih. " + std::string(60, 'a')}});
  EXPECT_EQ(dash["preview"]["encoding"], "UCS-2");
  EXPECT_EQ(dash["preview"]["segments"], 2);
  ASSERT_EQ(dash["warnings"].size(), 2u) << dash.dump();
  EXPECT_NE(dash["warnings"][0].get<std::string>().find("UCS-2"), std::string::npos);
  EXPECT_NE(dash["warnings"][1].get<std::string>().find("from 1 to 2"), std::string::npos);
}

TEST_F(AdminEditsTest, PreviewRendersWithGivenOrSampleValues) {
  auto call = [&](const json& body) {
    return Expect(200, Call(*a_, "POST", "/admin/v1/templates/notice.received/id/preview", editor_,
                            body.dump()));
  };
  auto given = call({{"text", "No {tracking_no}"}, {"values", {{"tracking_no", "00000042"}}}});
  EXPECT_EQ(given["text"], "No 00000042");
  EXPECT_EQ(given["encoding"], "GSM-7");
  EXPECT_EQ(given["segments"], 1);
  auto sample = call(json::object());
  EXPECT_NE(sample["text"].get<std::string>().find("00000013"), std::string::npos);
  auto bad = call({{"text", "No {nama}"}});
  EXPECT_NE(bad["problems"].get<std::string>().find("unknown placeholder"), std::string::npos);
  Expect(400, Call(*a_, "POST", "/admin/v1/templates/notice.received/id/preview", editor_,
                   json{{"values", {{"tracking_no", 1}}}}.dump()));
  Expect(404, Call(*a_, "POST", "/admin/v1/templates/nothing/id/preview", editor_, "{}"));
}

TEST_F(AdminEditsTest, VersionsHistoryRollbackAndExportImportRoundTrip) {
  const std::string key = "notice.received";
  const std::string shipped =
      Expect(200, Call(*a_, "GET", "/admin/v1/templates/export", editor_))["templates"]["id"][key];
  Put(*a_, key, "id", {{"text", "Satu {tracking_no}"}, {"note", "typo"}});
  Put(*a_, key, "id", {{"text", "Dua {tracking_no}"}});
  auto history = Expect(200, Call(*a_, "GET", "/admin/v1/templates/" + key + "/history", editor_));
  ASSERT_EQ(history["history"].size(), 2u);
  EXPECT_EQ(history["history"][0]["version"], 2);
  EXPECT_EQ(history["history"][1]["text"], "Satu {tracking_no}");
  EXPECT_EQ(history["history"][1]["author"], "tina");
  EXPECT_EQ(history["history"][1]["note"], "typo");
  EXPECT_EQ(history["history"][1]["at"], kTestEpochMs);
  EXPECT_EQ(history["shipped"]["id"], shipped);

  auto rollback = [&](const json& body, int expect) {
    return Expect(expect, Call(*a_, "POST", "/admin/v1/templates/" + key + "/id/rollback", editor_,
                               body.dump()));
  };
  EXPECT_EQ(rollback({{"version", 1}}, 200)["text"], "Satu {tracking_no}");
  EXPECT_EQ(rollback({{"version", 0}}, 200)["text"], shipped);
  EXPECT_EQ(rollback({{"version", 0}}, 200)["version"], 5);
  rollback({{"version", 99}}, 404);
  rollback({{"version", -1}}, 400);
  rollback({{"v", 1}}, 400);

  auto exported = Expect(200, Call(*a_, "GET", "/admin/v1/templates/export", editor_));
  EXPECT_EQ(exported["version"], 5);
  EXPECT_EQ(exported["templates"]["id"][key], shipped);
  exported["templates"]["en"]["help.text"] = "Help: text LAPOR to 1708.";
  auto imported =
      Expect(200, Call(*a_, "POST", "/admin/v1/templates/import", editor_, exported.dump()));
  EXPECT_EQ(imported["changed"], 1);
  auto again = Expect(200, Call(*a_, "GET", "/admin/v1/templates/export", editor_));
  EXPECT_EQ(again["templates"], exported["templates"]);
  EXPECT_EQ(Expect(200, Call(*a_, "POST", "/admin/v1/templates/import", editor_,
                             again.dump()))["changed"],
            0);
  again["templates"]["id"][key] = "tanpa nomor";
  auto refused =
      Expect(422, Call(*a_, "POST", "/admin/v1/templates/import", editor_, again.dump()));
  EXPECT_NE(refused["error"].get<std::string>().find("/templates/id/notice.received: required"),
            std::string::npos);
  Expect(400, Call(*a_, "POST", "/admin/v1/templates/import", editor_, "[]"));
}

// The n-th probe's phone number, distinct from every citizen's in these tests.
std::string ProbePhone(int n) { return "08129" + std::to_string(1000000 + n); }

TEST_F(AdminEditsTest, ChangeThroughOneInstanceIsServedByTheOtherWithinASecond) {
  int session = 0;
  // A new number for each probe: one number dialling in a loop soon meets its message budget.
  auto b_screen = [&] {
    ++session;
    return b_->Ussd("live-" + std::to_string(session), ProbePhone(session), "").body;
  };
  ASSERT_TRUE(b_screen().starts_with("CON LAPOR! 1708 - Layanan")) << b_screen();
  Put(*a_, "main.prompt", "id", {{"text", "LAPOR! 1708 Suara Warga"}});
  EXPECT_TRUE(a_->Ussd("a-1", "081234567890", "").body.starts_with("CON LAPOR! 1708 Suara Warga"));
  int64_t ms = MsUntil([&] { return b_screen().starts_with("CON LAPOR! 1708 Suara Warga"); });
  EXPECT_GE(ms, 0) << "instance B still serves the old text after a second";
}

TEST_F(AdminEditsTest, ConversationInProgressKeepsWorkingAcrossATemplateChange) {
  const std::string phone = "081234567891";
  auto first = b_->Ussd("flight", phone, "");
  ASSERT_TRUE(first.body.starts_with("CON ")) << first.body;
  auto second = b_->Ussd("flight", phone, "1");
  ASSERT_TRUE(second.body.starts_with("CON ")) << second.body;
  Put(*a_, "category.prompt", "id", {{"text", "Pilih kategori:"}});
  int probe = 0;
  ASSERT_GE(MsUntil([&] {
              const std::string id = "probe-" + std::to_string(++probe);
              b_->Ussd(id, ProbePhone(probe), "");
              return b_->Ussd(id, ProbePhone(probe), "1").body.find("Pilih kategori:") !=
                     std::string::npos;
            }),
            0);
  // The session in flight goes on from where it was, with the new text where it now is.
  auto third = b_->Ussd("flight", phone, "1*1");
  EXPECT_TRUE(third.body.starts_with("CON ")) << third.body;
}

}  // namespace
}  // namespace lapor::test
