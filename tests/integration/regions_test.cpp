// Regions as tenants through the officials' API (admin_api_fixture.hpp: Bangka Tengah 19.04 and
// Bogor 32.01 onboarded, each with a "dinkes"): a region's admin, OPD and inspectorate see and
// are told only of their own region's cases, the national verifier sees all, and a case is
// forwarded only to an onboarded region.
#include "integration/admin_api_fixture.hpp"

namespace lapor::admin {
namespace {

// Tracking numbers of a listing, sorted.
std::set<std::string> Numbers(const json& list) {
  std::set<std::string> numbers;
  for (const auto& c : list["cases"]) {
    numbers.insert(c["tracking_no"]);
  }
  return numbers;
}

class Regions : public AdminApiTest {
 protected:
  // Everything on the outbox stream: (to, kind) of each queued SMS.
  std::multiset<std::pair<std::string, std::string>> Queued() {
    auto read = test::RunSync(io_, outbox_->Read("regions-test", 1000));
    EXPECT_TRUE(read.ok());
    std::multiset<std::pair<std::string, std::string>> out;
    for (const auto& entry : read.ok() ? *read : std::vector<store::OutboxEntry>{}) {
      out.insert({entry.message.to, entry.message.kind});
    }
    return out;
  }
  // Applies a deadline of `no` as the scheduler would.
  void Deadline(const std::string& no, DeadlineKind kind) {
    auto loaded = test::RunSync(io_, store_->Load(no));
    ASSERT_TRUE(loaded.ok() && *loaded);
    casework::MoveRequest request{.case_no = no,
                                  .action = {.kind = cases::ActionKind::kDeadline,
                                             .deadline = kind,
                                             .deadline_due = (**loaded).deadlines.at(kind)},
                                  .actor = {.name = "scheduler", .role = Role::kSystem},
                                  .now = clock_.Now()};
    auto outcome = test::RunSync(io_, desk_->Move(std::move(request)));
    ASSERT_EQ(outcome.result, casework::MoveResult::kMoved) << outcome.error.message;
  }

  void SetUp() override {
    AdminApiTest::SetUp();
    bangka_ = Seed(1, Status::kDispatched, "dinkes", "kesehatan", 0, kBangkaTengah);
    bogor_ = Seed(2, Status::kDispatched, "dinkes", "kesehatan", 0, kBogor);
    bangka_new_ = Seed(3, Status::kSubmitted, "", "kesehatan", 0, kBangkaTengah);
    bogor_new_ = Seed(4, Status::kSubmitted, "", "kesehatan", 0, kBogor);
    bandung_ = Seed(5, Status::kSubmitted, "", "kesehatan", 0, "32.73");  // not onboarded
  }

  Case bangka_;
  Case bogor_;
  Case bangka_new_;
  Case bogor_new_;
  Case bandung_;
};

TEST_F(Regions, EachRegionsOfficialsSeeOnlyTheirOwnCasesTheVerifierAll) {
  const std::set<std::string> all = {bangka_.tracking_no, bogor_.tracking_no,
                                     bangka_new_.tracking_no, bogor_new_.tracking_no,
                                     bandung_.tracking_no};
  EXPECT_EQ(Numbers(Get("/admin/v1/cases?limit=100", "t-verifier")), all);
  EXPECT_EQ(Numbers(Get("/admin/v1/cases?limit=100", "t-auditor")), all);
  // A region's officials: the cases forwarded to it (not the ones still with the verifier).
  for (const char* token : {"t-region", "t-inspect", "t-regent", "t-dinkes"}) {
    EXPECT_EQ(Numbers(Get("/admin/v1/cases?limit=100", token)),
              std::set<std::string>{bangka_.tracking_no})
        << token;
  }
  for (const char* token : {"t-bogor", "t-bogor-inspect", "t-bogor-dinkes"}) {
    EXPECT_EQ(Numbers(Get("/admin/v1/cases?limit=100", token)),
              std::set<std::string>{bogor_.tracking_no})
        << token;
  }
  EXPECT_TRUE(Numbers(Get("/admin/v1/cases", "t-pu")).empty());
  // The verifier narrows by region; the other region's case reads as missing.
  EXPECT_EQ(Numbers(Get("/admin/v1/cases?region=32.01", "t-verifier")),
            (std::set<std::string>{bogor_.tracking_no, bogor_new_.tracking_no}));
  EXPECT_EQ(Get("/admin/v1/cases/" + bogor_.tracking_no, "t-region", 404)["error"], "no such case");
  EXPECT_EQ(Get("/admin/v1/cases/" + bangka_.tracking_no, "t-bogor-inspect", 404)["error"],
            "no such case");
  EXPECT_EQ(Get("/admin/v1/cases/" + bogor_.tracking_no, "t-bogor")["case"]["forwarded_to"],
            kBogor);
}

TEST_F(Regions, EachRegionsOfficialsActOnlyOnTheirOwnCases) {
  Act(bogor_.tracking_no, "t-region", {{"action", "extend"}}, 404);
  Act(bogor_.tracking_no, "t-inspect", {{"action", "escalate"}}, 404);
  // "dinkes" of Bangka Tengah is not "dinkes" of Bogor.
  auto other = Act(bogor_.tracking_no, "t-dinkes", {{"action", "respond"}, {"answer", "x"}}, 403);
  EXPECT_EQ(other["error"], "this case is not dispatched to your agency");
  auto answered =
      Act(bogor_.tracking_no, "t-bogor-dinkes", {{"action", "respond"}, {"answer", "Sudah."}});
  EXPECT_EQ(answered["case"]["status"], "responded");
  EXPECT_EQ(Act(bangka_.tracking_no, "t-inspect", {{"action", "extend"}})["case"]["status"],
            "extended");
  // The regent's office reads; it does not act.
  Act(bangka_.tracking_no, "t-regent", {{"action", "escalate"}}, 403);
}

TEST_F(Regions, EachRegionsOfficialsAreToldOnlyOfTheirOwnCases) {
  // A new report in Bogor: verified and forwarded there, dispatched by Bogor's admin.
  Act(bogor_new_.tracking_no, "t-verifier", {{"action", "verify"}});
  Act(bogor_new_.tracking_no, "t-verifier", {{"action", "forward"}});  // its own regency
  Act(bogor_new_.tracking_no, "t-region", {{"action", "dispatch"}, {"opd", "dinkes"}}, 404);
  auto dispatched =
      Act(bogor_new_.tracking_no, "t-bogor", {{"action", "dispatch"}, {"opd", "dinkes"}});
  EXPECT_EQ(dispatched["case"]["forwarded_to"], kBogor);
  // Its warning and its overdue notice, as the scheduler applies them.
  Deadline(bogor_new_.tracking_no, DeadlineKind::kAnswerWarn);
  Deadline(bogor_new_.tracking_no, DeadlineKind::kAnswerDue);
  std::multiset<std::pair<std::string, std::string>> officials;
  for (const auto& [to, kind] : Queued()) {
    if (kind.starts_with("official.")) {
      officials.insert({to, kind});
    }
  }
  EXPECT_EQ(officials, (std::multiset<std::pair<std::string, std::string>>{
                           {kBogorDinkes, "official.dispatched"},
                           {kBogorDinkes, "official.warning"},
                           {kBogorInspectorate, "official.warning"},
                           {kBogorDinkes, "official.overdue"},
                           {kBogorRegent, "official.overdue"}}));
}

TEST_F(Regions, ForwardingToARegionNotOnboardedIsRefusedWithAClear422) {
  Act(bangka_new_.tracking_no, "t-verifier", {{"action", "verify"}});
  auto refused =
      Act(bangka_new_.tracking_no, "t-verifier", {{"action", "forward"}, {"region", "31.71"}}, 422);
  EXPECT_EQ(refused["error"],
            "region: \"31.71\" is not an onboarded region (19.04 (Kabupaten Bangka Tengah), 32.01 "
            "(Kabupaten Bogor))");
  EXPECT_EQ(Get("/admin/v1/cases/" + bangka_new_.tracking_no, "t-verifier")["case"]["status"],
            "verified");
  // Without a region it goes to its own regency.
  EXPECT_EQ(
      Act(bangka_new_.tracking_no, "t-verifier", {{"action", "forward"}})["case"]["forwarded_to"],
      kBangkaTengah);
}

// A report from a regency that is not onboarded stays with the verifier, who can send it to an
// onboarded region or record it as sent to an agency outside, which tells the citizen.
TEST_F(Regions, ACaseOfARegencyNotOnboardedStaysNationalUntilReferredOutside) {
  const std::string& no = bandung_.tracking_no;
  Act(no, "t-verifier", {{"action", "verify"}});
  auto refused = Act(no, "t-verifier", {{"action", "forward"}}, 422);
  EXPECT_NE(refused["error"].get<std::string>().find("32.73 is not onboarded"), std::string::npos)
      << refused.dump();
  auto referred = Act(
      no, "t-verifier",
      {{"action", "refer"}, {"agency", "Pemkot Bandung (SP4N-LAPOR!)"}, {"date", "2026-11-30"}});
  EXPECT_EQ(referred["case"]["status"], "referred");
  EXPECT_EQ(referred["case"]["referred_to"], "Pemkot Bandung (SP4N-LAPOR!)");
  EXPECT_EQ(referred["case"]["referred_on"], "2026-11-30");
  auto queued = Queued();
  EXPECT_EQ(queued.count({"+6281200000001", "notice.referred"}), 1u);
  for (const char* token : {"t-region", "t-bogor"}) {
    Get("/admin/v1/cases/" + no, token, 404);
  }
}

TEST_F(Regions, TheSlaReportHasARegionDimensionAndEachRegionSeesItsOwn) {
  const std::string range = "?from=2026-11-01&to=2026-12-31";
  auto national = Get("/admin/v1/reports/sla" + range, "t-verifier");
  ASSERT_EQ(national["by_region"].size(), 2u);
  EXPECT_EQ(national["by_region"][0]["region"], kBangkaTengah);
  EXPECT_EQ(national["by_region"][1]["region"], kBogor);
  EXPECT_EQ(national["by_opd"].size(), 2u);  // dinkes of each region
  auto own = Get("/admin/v1/reports/sla" + range, "t-bogor");
  ASSERT_EQ(own["by_region"].size(), 1u);
  EXPECT_EQ(own["by_region"][0]["region"], kBogor);
  EXPECT_EQ(own["total"]["dispatched"], 1);
  ASSERT_EQ(own["by_opd"].size(), 1u);
  EXPECT_EQ(own["by_opd"][0]["region"], kBogor);
}

TEST_F(Regions, DeadLettersOfARegionAreShownOnlyToItsOfficials) {
  for (const auto* c : {&bangka_, &bogor_}) {
    ASSERT_TRUE(test::RunSync(io_, outbox_->Enqueue("+6281299990001", "Laporan diverifikasi.",
                                                    "notice.verified", c->tracking_no, 1000)));
  }
  auto read = test::RunSync(io_, outbox_->Read("test-sender", 10));
  ASSERT_TRUE(read.ok());
  for (const auto& m : *read) {
    ASSERT_TRUE(test::RunSync(io_, outbox_->Dead(m, 6, "sendsms answered 503", 2000)).ok());
  }
  EXPECT_EQ(Get("/admin/v1/outbox/dead", "t-verifier")["dead_letters"].size(), 2u);
  auto bogor = Get("/admin/v1/outbox/dead", "t-bogor")["dead_letters"];
  ASSERT_EQ(bogor.size(), 1u);
  EXPECT_EQ(bogor[0]["case"], bogor_.tracking_no);
  auto bangka = Get("/admin/v1/outbox/dead", "t-inspect")["dead_letters"];
  ASSERT_EQ(bangka.size(), 1u);
  EXPECT_EQ(bangka[0]["case"], bangka_.tracking_no);
  Get("/admin/v1/outbox/dead", "t-bogor-dinkes", 403);
}

}  // namespace
}  // namespace lapor::admin
