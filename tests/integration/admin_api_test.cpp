// The officials' API end to end (admin_api_fixture.hpp): actions, views, filters, SLA report,
// dead letters.
#include "integration/admin_api_fixture.hpp"

namespace lapor::admin {
namespace {
TEST_F(AdminApiTest, NoTokenOrUnknownTokenIsUnauthorized) {
  auto c = Seed(1, Status::kSubmitted);
  for (const std::string& token : {std::string(), std::string("wrong")}) {
    for (const std::string& target :
         std::vector<std::string>{"/admin/v1/cases", "/admin/v1/cases/" + c.tracking_no,
                                  "/admin/v1/reports/sla", "/admin/v1/nothing-here"}) {
      auto reply = Call("GET", target, token);
      EXPECT_EQ(reply.status, 401) << target;
      EXPECT_EQ(json::parse(reply.body)["error"], "missing or unknown token");
      EXPECT_EQ(reply.Header("www-authenticate"), "Bearer realm=\"lapor1708\"");
    }
    auto post = Call("POST", "/admin/v1/cases/" + c.tracking_no + "/actions", token,
                     R"({"action": "verify"})");
    EXPECT_EQ(post.status, 401);
  }
  auto basic = test::HttpRequestWithHeaders(server_->port(), "GET", "/admin/v1/cases", "",
                                            {{"Authorization", "Basic dC12ZXJpZmllcjo="}});
  EXPECT_EQ(basic.status, 401);
}

TEST_F(AdminApiTest, VerifyForwardDispatchRespondAnswerTheCaseAndWriteTheAuditTrail) {
  auto c = Seed(2, Status::kSubmitted);
  const auto& no = c.tracking_no;

  auto verified = Act(no, "t-verifier", {{"action", "verify"}});
  EXPECT_EQ(verified["case"]["status"], "verified");
  EXPECT_EQ(verified["case"]["version"], 1);
  clock_.Advance(kHour);
  auto forwarded = Act(no, "t-verifier", {{"action", "forward"}, {"region", "19.04"}});
  EXPECT_EQ(forwarded["case"]["status"], "forwarded");
  EXPECT_EQ(forwarded["case"]["forwarded_to"], "19.04");
  clock_.Advance(kHour);
  auto dispatched =
      Act(no, "t-region", {{"action", "dispatch"}, {"opd", "dinas-pu"}, {"tier", "complaint"}});
  EXPECT_EQ(dispatched["case"]["status"], "dispatched");
  EXPECT_EQ(dispatched["case"]["opd"], "dinas-pu");
  EXPECT_EQ(dispatched["case"]["dispatched_at"], kStart + 2 * kHour);
  EXPECT_TRUE(dispatched["case"]["deadlines"].contains("answer_due"));
  clock_.Advance(kHour);
  auto responded = Act(no, "t-pu", {{"action", "respond"}, {"answer", "Sudah ditambal."}});
  EXPECT_EQ(responded["case"]["status"], "responded");
  EXPECT_EQ(responded["case"]["answer"], "Sudah ditambal.");
  EXPECT_EQ(responded["case"]["responded_at"], kStart + 3 * kHour);
  EXPECT_EQ(responded["case"]["version"], 4);

  auto shown = Get("/admin/v1/cases/" + no, "t-auditor");
  EXPECT_EQ(shown["case"]["status"], "responded");
  EXPECT_EQ(shown["case"]["version"], 4);
  std::vector<std::string> actions;
  std::vector<std::string> actors;
  for (const auto& entry : shown["audit"]) {
    actions.push_back(entry["action"]);
    actors.push_back(entry["actor"]);
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"verify", "forward", "dispatch", "respond"}));
  EXPECT_EQ(actors, (std::vector<std::string>{"siti", "siti", "rina", "budi"}));
  EXPECT_EQ(shown["audit"][3]["from"], "dispatched");
  EXPECT_EQ(shown["audit"][3]["to"], "responded");
  EXPECT_EQ(shown["audit"][0]["at"], kStart);

  // Each step queued its SMS: at least one to the citizen per step, the liaison on dispatch.
  EXPECT_GE(seeder_->Integer({"XLEN", keys_->Outbox()}), 5);
  // The `due` index follows the case: answered, nothing pending.
  EXPECT_EQ(seeder_->Integer({"ZCARD", keys_->Due()}), 0);
}

TEST_F(AdminApiTest, IllegalTransitionIsConflictWithTheReason) {
  auto c = Seed(3, Status::kSubmitted);
  auto body = Act(c.tracking_no, "t-verifier", {{"action", "forward"}, {"region", "x"}}, 409);
  EXPECT_NE(body["error"].get<std::string>().find("verify it first"), std::string::npos)
      << body.dump();
  // Nothing was written.
  EXPECT_EQ(Get("/admin/v1/cases/" + c.tracking_no, "t-verifier")["case"]["version"], 0);
}

TEST_F(AdminApiTest, ClientMistakesAreFourHundreds) {
  auto c = Seed(4, Status::kSubmitted);
  std::string target = "/admin/v1/cases/" + c.tracking_no + "/actions";
  EXPECT_EQ(Call("POST", target, "t-verifier", "action=verify", "text/plain").status, 415);
  EXPECT_EQ(Call("POST", target, "t-verifier", "{\"action\": ").status, 400);
  auto unknown = Call("POST", target, "t-verifier", R"({"action": "approve"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("approve"), std::string::npos);
  EXPECT_EQ(Call("POST", target, "t-verifier", R"({"action": "reject"})").status, 400);
  EXPECT_EQ(Call("POST", target, "t-verifier", R"({"action": "reject", "reason": " "})").status,
            422);
  EXPECT_EQ(Call("POST", target, "t-auditor", R"({"action": "verify"})").status, 403);
  // A region's admin may not verify (403), and sees nothing of a case not forwarded to it (404).
  EXPECT_EQ(Call("POST", target, "t-region", R"({"action": "verify"})").status, 404);
  auto forwarded = Seed(5, Status::kForwarded);
  forwarded.forwarded_to = kBangkaTengah;
  seeder_->Put(*keys_, forwarded);
  EXPECT_EQ(Call("POST", "/admin/v1/cases/" + forwarded.tracking_no + "/actions", "t-region",
                 R"({"action": "verify"})")
                .status,
            403);
  auto get = Call("GET", target, "t-verifier");
  EXPECT_EQ(get.status, 405);
  EXPECT_EQ(get.Header("allow"), "POST");
  EXPECT_EQ(Call("POST", "/admin/v1/cases", "t-verifier", "{}").status, 405);
  EXPECT_EQ(Call("POST", "/admin/v1/cases/" + Number(999) + "/actions", "t-verifier",
                 R"({"action": "verify"})")
                .status,
            404);
  EXPECT_EQ(Call("GET", "/admin/v1/cases/12345678", "t-verifier").status, 404);
  EXPECT_EQ(Call("GET", "/admin/v1/cases/" + c.tracking_no + "/", "t-verifier").status, 404);
  auto filter = Call("GET", "/admin/v1/cases?status=lost", "t-verifier");
  EXPECT_EQ(filter.status, 400);
  EXPECT_NE(filter.body.find("\\\"status\\\""), std::string::npos) << filter.body;
  EXPECT_EQ(Call("GET", "/admin/v1/cases?cursor=zzz", "t-verifier").status, 400);
  EXPECT_EQ(Call("GET", "/admin/v1/reports/sla?opd=x", "t-verifier").status, 400);
}

TEST_F(AdminApiTest, AnOpdNeitherSeesNorActsOnAnotherAgencysCase) {
  auto theirs = Seed(5, Status::kDispatched, "dinkes", "kesehatan");
  auto ours = Seed(6, Status::kDispatched, "dinas-pu");
  auto waiting = Seed(7, Status::kForwarded);

  // Another agency's case, an undispatched one and one that does not exist look the same.
  for (const auto& no :
       std::vector<std::string>{theirs.tracking_no, waiting.tracking_no, Number(998)}) {
    auto get = Get("/admin/v1/cases/" + no, "t-pu", 404);
    EXPECT_EQ(get["error"], "no such case");
    auto act = Act(no, "t-pu", {{"action", "respond"}, {"answer", "x"}}, 403);
    EXPECT_EQ(act["error"], "this case is not dispatched to your agency");
  }
  EXPECT_EQ(ListAll("", "t-pu"), (std::vector<std::string>{ours.tracking_no}));
  EXPECT_EQ(ListAll("opd=dinkes", "t-pu"), (std::vector<std::string>{}));
  EXPECT_EQ(ListAll("", "t-dinkes"), (std::vector<std::string>{theirs.tracking_no}));

  // The right agency may.
  auto answered = Act(theirs.tracking_no, "t-dinkes", {{"action", "respond"}, {"answer", "ok"}});
  EXPECT_EQ(answered["case"]["status"], "responded");
  EXPECT_EQ(Get("/admin/v1/cases/" + ours.tracking_no, "t-pu")["case"]["opd"], "dinas-pu");
}

TEST_F(AdminApiTest, AnAnonymousReportersNumberIsMaskedButForTheVerifierAndNeverLogged) {
  Case c = Filed(8, kStart - kHour);
  c.identity = "anonim";
  c.phone = kPhone;
  seeder_->Put(*keys_, c);
  const auto& no = c.tracking_no;
  std::string log;
  {
    CapturedStderr captured;
    log::SetMinLevel(log::Level::kDebug);
    Act(no, "t-verifier", {{"action", "verify"}});
    Act(no, "t-verifier", {{"action", "forward"}, {"region", "19.04"}});
    Act(no, "t-region", {{"action", "dispatch"}, {"opd", "dinas-pu"}});
    Act(no, "t-pu", {{"action", "respond"}, {"answer", "Sudah ditambal."}});
    Act(no, "t-pu", {{"action", "respond"}, {"answer", "again"}}, 409);

    auto verifier = Get("/admin/v1/cases/" + no, "t-verifier");
    EXPECT_EQ(verifier["case"]["phone"], kPhone);
    EXPECT_EQ(verifier["case"]["phone_masked"], false);
    for (const char* token : {"t-region", "t-pu", "t-auditor", "t-inspect"}) {
      auto reply = Call("GET", "/admin/v1/cases/" + no, token);
      ASSERT_EQ(reply.status, 200) << token;
      EXPECT_EQ(reply.body.find(kPhoneDigits), std::string::npos) << token << ": " << reply.body;
      auto body = json::parse(reply.body);
      EXPECT_EQ(body["case"]["phone"], log::MaskPhone(kPhone)) << token;
      EXPECT_EQ(body["case"]["phone_masked"], true) << token;
      auto list = Call("GET", "/admin/v1/cases", token);
      EXPECT_EQ(list.body.find(kPhoneDigits), std::string::npos) << token;
      EXPECT_NE(list.body.find(log::MaskPhone(kPhone)), std::string::npos) << token;
    }
    auto list = Get("/admin/v1/cases", "t-verifier");
    EXPECT_EQ(list["cases"][0]["phone"], kPhone);
    log = captured.Text();
  }
  log::SetMinLevel(log::Level::kInfo);
  EXPECT_NE(log.find("\"admin_action\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"official\":\"budi\""), std::string::npos) << log;
  EXPECT_EQ(log.find(kPhoneDigits), std::string::npos) << log;
  EXPECT_EQ(log.find("berlubang"), std::string::npos) << log;
  EXPECT_EQ(log.find("ditambal"), std::string::npos) << log;
}

TEST_F(AdminApiTest, FiltersAndCursorPagesListEachCaseOnce) {
  // 30 cases filed an hour apart over the days before kStart, newest last.
  std::vector<std::string> all;
  std::set<std::string> kesehatan;
  std::set<std::string> pu_overdue;
  for (uint64_t i = 0; i < 30; ++i) {
    TimeMs filed = kStart - (30 - static_cast<TimeMs>(i)) * 3 * kHour;
    std::string category = i % 3 == 0 ? "kesehatan" : "infrastruktur";
    Case c;
    if (i % 5 == 0) {
      c = Seed(100 + i, Status::kSubmitted, "", category, filed);
    } else {
      c = Seed(100 + i, Status::kDispatched, i % 2 == 0 ? "dinas-pu" : "dinkes", category, filed);
    }
    if (i % 7 == 0 && !c.opd.empty()) {
      c.status = Status::kOverdue;
      seeder_->Put(*keys_, c);
    }
    all.insert(all.begin(), c.tracking_no);  // newest first
    if (category == "kesehatan") {
      kesehatan.insert(c.tracking_no);
    }
    if (c.opd == "dinas-pu" && c.status == Status::kOverdue) {
      pu_overdue.insert(c.tracking_no);
    }
  }

  size_t pages = 0;
  EXPECT_EQ(ListAll("limit=7", "t-auditor", &pages), all);
  EXPECT_EQ(pages, 5u);  // 7 + 7 + 7 + 7 + 2
  EXPECT_EQ(ListAll("limit=10", "t-auditor", &pages), all);
  EXPECT_EQ(pages, 3u);  // the third page ends the list: no empty fourth
  EXPECT_EQ(ListAll("", "t-verifier", &pages), all);
  EXPECT_EQ(pages, 2u);

  auto health = ListAll("category=kesehatan&limit=3", "t-auditor");
  EXPECT_EQ(std::set<std::string>(health.begin(), health.end()), kesehatan);
  EXPECT_EQ(health.size(), kesehatan.size());

  auto overdue = ListAll("overdue=true&opd=dinas-pu&limit=1", "t-inspect");
  EXPECT_EQ(std::set<std::string>(overdue.begin(), overdue.end()), pu_overdue);
  EXPECT_EQ(overdue.size(), pu_overdue.size());
  EXPECT_EQ(ListAll("status=overdue&limit=2", "t-pu"), overdue);

  auto submitted = ListAll("status=submitted&limit=4", "t-auditor");
  EXPECT_EQ(submitted.size(), 6u);

  // From a time in ms: the five filed 3, 6, 9, 12 and 15 hours before kStart.
  TimeMs from = kStart - 16 * kHour;
  auto recent = ListAll("from=" + std::to_string(from) + "&limit=3", "t-auditor");
  std::vector<std::string> expected;
  for (const auto& no : all) {
    if (expected.size() < 5) {
      expected.push_back(no);  // filed kStart-3h, -6h, -9h, -12h, -15h
    }
  }
  EXPECT_EQ(recent, expected);
  // By WIB date: 2026-11-29 holds those filed 12 to 33 hours before kStart (Monday 09:00).
  auto by_date = ListAll("from=2026-11-29&to=2026-11-29&limit=3", "t-auditor");
  EXPECT_EQ(by_date, std::vector<std::string>(all.begin() + 3, all.begin() + 11));
  auto day = Get("/admin/v1/cases?from=2026-11-29&to=2026-11-29&limit=100", "t-auditor");
  EXPECT_EQ(day["cases"].size(), 8u);
  for (const auto& c : day["cases"]) {
    TimeMs created = c["created_at"];
    EXPECT_GE(created, kStart - 33 * kHour);  // 2026-11-29 00:00 WIB
    EXPECT_LT(created, kStart - 9 * kHour);   // 2026-11-30 00:00 WIB
  }
}

TEST_F(AdminApiTest, SlaReportCountsPerOpdAndCategory) {
  Case on_time = Seed(201, Status::kResponded, "dinas-pu");
  on_time.responded_at = on_time.dispatched_at + 10 * kHour;
  on_time.deadlines.clear();
  seeder_->Put(*keys_, on_time);
  Case late = Seed(202, Status::kResponded, "dinas-pu");
  late.responded_at = late.dispatched_at + 30 * kHour;
  late.answered_late = true;
  late.deadlines.clear();
  seeder_->Put(*keys_, late);
  Case overdue = Seed(203, Status::kExtended, "dinkes", "kesehatan");
  overdue.deadlines = {{DeadlineKind::kExtensionEnd, kStart + 100 * kHour}};
  seeder_->Put(*keys_, overdue);
  Case escalated = Seed(204, Status::kEscalated, "dinkes", "kesehatan");
  escalated.deadlines.clear();
  seeder_->Put(*keys_, escalated);
  Seed(205, Status::kDispatched, "dinas-pu");  // due in the future
  Seed(206, Status::kSubmitted);

  const std::string range = "?from=2026-11-01&to=2026-12-31";
  auto report = Get("/admin/v1/reports/sla" + range, "t-inspect");
  EXPECT_EQ(report["generated_at"], kStart);
  EXPECT_EQ(report["total"]["dispatched"], 5);
  EXPECT_EQ(report["total"]["answered_on_time"], 1);
  EXPECT_EQ(report["total"]["answered_late"], 1);
  EXPECT_EQ(report["total"]["overdue_now"], 1);
  EXPECT_EQ(report["total"]["escalated"], 1);
  EXPECT_DOUBLE_EQ(report["total"]["median_hours_to_answer"].get<double>(), 20.0);
  ASSERT_EQ(report["by_opd"].size(), 2u);
  EXPECT_EQ(report["by_opd"][0]["opd"], "dinas-pu");
  EXPECT_EQ(report["by_opd"][0]["dispatched"], 3);
  EXPECT_EQ(report["by_opd"][1]["escalated"], 1);
  EXPECT_EQ(report["by_category"][0]["category"], "infrastruktur");

  // An OPD's report holds its own cases only.
  auto own = Get("/admin/v1/reports/sla" + range, "t-dinkes");
  EXPECT_EQ(own["total"]["dispatched"], 2);
  ASSERT_EQ(own["by_opd"].size(), 1u);
  EXPECT_EQ(own["by_opd"][0]["opd"], "dinkes");

  // Filed in a range that holds none of them.
  EXPECT_EQ(Get("/admin/v1/reports/sla?from=2026-01-01&to=2026-01-31",
                "t-auditor")["total"]["dispatched"],
            0);
  // The range is required and bounded: a report never scans everything.
  EXPECT_EQ(Call("GET", "/admin/v1/reports/sla", "t-auditor").status, 400);
  EXPECT_EQ(Call("GET", "/admin/v1/reports/sla?to=2026-01-01", "t-auditor").status, 400);
  EXPECT_EQ(Call("GET", "/admin/v1/reports/sla?from=2025-01-01&to=2026-12-31", "t-auditor").status,
            400);
}

TEST_F(AdminApiTest, ConcurrentActionsOnOneCaseApplyOnce) {
  auto c = Seed(301, Status::kSubmitted);
  std::vector<std::future<test::HttpReply>> replies;
  for (int i = 0; i < 4; ++i) {
    replies.push_back(std::async(std::launch::async, [&] {
      return Call("POST", "/admin/v1/cases/" + c.tracking_no + "/actions", "t-verifier",
                  R"({"action": "verify"})");
    }));
  }
  int ok = 0;
  int conflict = 0;
  for (auto& reply : replies) {
    int status = reply.get().status;
    ok += status == 200 ? 1 : 0;
    conflict += status == 409 ? 1 : 0;
  }
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(conflict, 3);
  auto shown = Get("/admin/v1/cases/" + c.tracking_no, "t-auditor");
  EXPECT_EQ(shown["case"]["version"], 1);
  EXPECT_EQ(shown["audit"].size(), 1u);
}

}  // namespace
}  // namespace lapor::admin

namespace lapor::admin {
namespace {

TEST_F(AdminApiTest, DeadLettersAreListedForOfficialsWithNumbersMaskedButForTheVerifier) {
  auto& io = io_;
  ASSERT_TRUE(test::RunSync(io, outbox_->Enqueue("+6281299990001", "Laporan Anda diverifikasi.",
                                                 "notice.verified", Number(7), 1000)));
  auto read = test::RunSync(io, outbox_->Read("test-sender", 10));
  ASSERT_TRUE(read);
  ASSERT_EQ(read->size(), 1u);
  ASSERT_TRUE(test::RunSync(io, outbox_->Dead(read->front(), 6, "sendsms answered 503", 2000)));

  auto letters = Get("/admin/v1/outbox/dead", "t-verifier")["dead_letters"];
  ASSERT_EQ(letters.size(), 1u);
  EXPECT_EQ(letters[0]["to"], "+6281299990001");
  EXPECT_EQ(letters[0]["error"], "sendsms answered 503");
  EXPECT_EQ(letters[0]["attempts"], 6);
  EXPECT_EQ(letters[0]["case"], Number(7));
  auto audited = Get("/admin/v1/outbox/dead", "t-auditor")["dead_letters"];
  ASSERT_EQ(audited.size(), 1u);
  EXPECT_EQ(audited[0]["to"], log::MaskPhone("+6281299990001"));
  Get("/admin/v1/outbox/dead", "t-dinkes", 403);
  Get("/admin/v1/outbox/dead", "", 401);

  // The verifier sends it again: off the dead letters, back on the stream from a first try.
  const std::string requeue =
      "/admin/v1/outbox/dead/" + letters[0]["id"].get<std::string>() + "/requeue";
  EXPECT_EQ(Call("POST", requeue, "t-auditor").status, 403);
  auto requeued = Call("POST", requeue, "t-verifier");
  ASSERT_EQ(requeued.status, 200) << requeued.body;
  EXPECT_TRUE(Get("/admin/v1/outbox/dead", "t-verifier")["dead_letters"].empty());
  auto again = test::RunSync(io, outbox_->Read("test-sender", 10));
  ASSERT_TRUE(again);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ(again->front().message.text, "Laporan Anda diverifikasi.");
  EXPECT_EQ(again->front().message.attempt, 0);
  EXPECT_EQ(Call("POST", requeue, "t-verifier").status, 404);  // not there any more
}

TEST_F(AdminApiTest, TheAuditTrailIsShownAPageAtATime) {
  auto c = Seed(401, Status::kSubmitted);
  for (int i = 0; i < 120; ++i) {
    seeder_->Integer({"RPUSH", keys_->CaseLog(c.tracking_no),
                      nlohmann::json{{"at", i},
                                     {"actor", "citizen"},
                                     {"action", "citizen_info"},
                                     {"from", "submitted"},
                                     {"to", "submitted"},
                                     {"note", "keterangan " + std::to_string(i)}}
                          .dump()});
  }
  auto shown = Get("/admin/v1/cases/" + c.tracking_no, "t-verifier");
  ASSERT_EQ(shown["audit"].size(), 50u);
  EXPECT_EQ(shown["audit"][0]["note"], "keterangan 70");
  EXPECT_EQ(shown["audit"][49]["note"], "keterangan 119");
  ASSERT_EQ(shown["audit_before"], 70);
  auto older = Get("/admin/v1/cases/" + c.tracking_no + "/audit?before=70&limit=200", "t-verifier");
  ASSERT_EQ(older["audit"].size(), 70u);
  EXPECT_EQ(older["audit"][0]["note"], "keterangan 0");
  EXPECT_TRUE(older["audit_before"].is_null());
  EXPECT_EQ(Call("GET", "/admin/v1/cases/" + c.tracking_no + "/audit?limit=0", "t-verifier").status,
            400);
  EXPECT_EQ(
      Call("GET", "/admin/v1/cases/" + c.tracking_no + "/audit?before=-1", "t-verifier").status,
      400);
}

}  // namespace
}  // namespace lapor::admin
