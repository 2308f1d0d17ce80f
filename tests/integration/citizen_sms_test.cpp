// A citizen's SMS that act on their case: INFO adds data, PUAS/TIDAK rate the answer, STOP and
// START switch notices off and on. Through Kannel's webhook, against real Redis.
#include <gtest/gtest.h>

#include "support/case_driver.hpp"
#include "support/redis_process.hpp"
#include "support/test_server.hpp"

namespace lapor {
namespace {

constexpr const char* kPhone = "+6281234567890";

class CitizenSms : public ::testing::Test {
 protected:
  test::TestServer server_{test::TestRedisUrl(),
                           [](app::Config& c) { c.roles.scheduler = c.roles.sender = false; }};
  test::CaseDriver cases_{server_};
};

TEST_F(CitizenSms, InfoMovesARequestForDataBackToSubmittedAndIsDedupedByMessageId) {
  std::string no = cases_.FileBySms(kPhone);
  cases_.Act(no, {.kind = cases::ActionKind::kAskInfo, .text = "Sebutkan nama puskesmasnya."},
             test::CaseDriver::Verifier());
  ASSERT_EQ(cases_.Load(no).status, cases::Status::kNeedsInfo);
  auto reply = server_.Sms(kPhone, "INFO " + no + " Puskesmas Cibinong", "info-1");
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find(no), std::string::npos) << reply.body;
  EXPECT_EQ(cases_.Load(no).status, cases::Status::kSubmitted);
  int64_t version = cases_.Load(no).version;
  // Kannel retries the same message: same answer, nothing applied twice.
  EXPECT_EQ(server_.Sms(kPhone, "INFO " + no + " Puskesmas Cibinong", "info-1").body, reply.body);
  EXPECT_EQ(cases_.Load(no).version, version);
}

TEST_F(CitizenSms, InfoFromAnotherNumberReadsLikeAMissingCase) {
  std::string no = cases_.FileBySms(kPhone);
  std::string reply = server_.Sms("+6281300000000", "INFO " + no + " bukan laporan saya");
  EXPECT_EQ(reply, "Laporan " + no + " tidak ditemukan untuk nomor Anda.");
  EXPECT_EQ(cases_.Load(no).version, 0) << "another citizen changed the case";
}

TEST_F(CitizenSms, InfoWithoutTextSaysHowToWriteIt) {
  std::string no = cases_.FileBySms(kPhone);
  EXPECT_EQ(server_.Sms(kPhone, "INFO " + no), "Tulis: INFO " + no + " <keterangan tambahan>.");
}

TEST_F(CitizenSms, InfoIsLimitedPerCaseAndDaySoTheAuditTrailStaysBounded) {
  std::string no = cases_.FileBySms(kPhone);
  const int limit = server_.service().config().policy.info_per_day;
  for (int i = 0; i < limit; ++i) {
    EXPECT_NE(server_.Sms(kPhone, "INFO " + no + " keterangan " + std::to_string(i)),
              "Keterangan untuk laporan " + no + " hari ini sudah banyak. Kirim lagi besok.")
        << i;
  }
  int64_t version = cases_.Load(no).version;
  EXPECT_EQ(server_.Sms(kPhone, "INFO " + no + " satu lagi"),
            "Keterangan untuk laporan " + no + " hari ini sudah banyak. Kirim lagi besok.");
  EXPECT_EQ(cases_.Load(no).version, version) << "an INFO over the limit was kept";
  // The next day (WIB) the citizen may write again.
  server_.clock().Advance(24LL * 3600 * 1000);
  EXPECT_EQ(server_.Sms(kPhone, "INFO " + no + " hari berikutnya"),
            "Terima kasih, keterangan tambahan untuk laporan " + no + " sudah kami terima.");
  EXPECT_EQ(cases_.Load(no).version, version + 1);
}

TEST_F(CitizenSms, SatisfiedClosesAndNotSatisfiedReopensToTheOpd) {
  std::string closed = cases_.FileAndDispatch(kPhone);
  cases_.Act(closed, {.kind = cases::ActionKind::kRespond, .text = "Dokter tambahan mulai Senin."},
             test::CaseDriver::Dinkes());
  server_.Sms(kPhone, "PUAS " + closed);
  EXPECT_EQ(cases_.Load(closed).status, cases::Status::kClosed);
  EXPECT_EQ(cases_.Load(closed).feedback, "satisfied");

  std::string reopened = cases_.FileAndDispatch(kPhone);
  cases_.Act(reopened, {.kind = cases::ActionKind::kRespond, .text = "Sudah kami tegur."},
             test::CaseDriver::Dinkes());
  int64_t queued = cases_.Queued();
  server_.Sms(kPhone, "TIDAK " + reopened);
  auto c = cases_.Load(reopened);
  EXPECT_EQ(c.status, cases::Status::kReopened);
  EXPECT_TRUE(c.deadlines.contains(cases::DeadlineKind::kAnswerDue)) << "no new answer deadline";
  EXPECT_GT(cases_.Queued(), queued) << "the OPD was not told";
}

TEST_F(CitizenSms, FeedbackBeforeAnyAnswerIsRefusedPolitely) {
  std::string no = cases_.FileBySms(kPhone);
  EXPECT_EQ(server_.Sms(kPhone, "PUAS " + no),
            "Laporan " + no +
                " belum dapat diproses dengan perintah ini saat ini. Cek status: CEK " + no + ".");
  EXPECT_EQ(cases_.Load(no).status, cases::Status::kSubmitted);
}

TEST_F(CitizenSms, StopSilencesNoticesButTheAnswerItselfAndStartResumes) {
  std::string no = cases_.FileBySms(kPhone);
  EXPECT_EQ(server_.Sms(kPhone, "STOP"),
            "Anda tidak akan menerima SMS pemberitahuan lagi, kecuali jawaban atas laporan Anda. "
            "Kirim START untuk mengaktifkan kembali.");
  int64_t queued = cases_.Queued();
  cases_.Act(no, {.kind = cases::ActionKind::kVerify}, test::CaseDriver::Verifier());
  EXPECT_EQ(cases_.Queued(), queued) << "a notice went to a citizen who sent STOP";
  cases_.Act(no, {.kind = cases::ActionKind::kForward, .region = "19.04"},
             test::CaseDriver::Verifier());
  cases_.Act(no, {.kind = cases::ActionKind::kDispatch, .opd = "dinkes"},
             test::CaseDriver::RegionAdmin());
  queued = cases_.Queued();  // the OPD liaison's SMS, not the citizen's
  cases_.Act(no, {.kind = cases::ActionKind::kRespond, .text = "Dokter tambahan mulai Senin."},
             test::CaseDriver::Dinkes());
  EXPECT_EQ(cases_.Queued(), queued + 1) << "the answer (and only it) reaches a STOP citizen";

  EXPECT_EQ(server_.Sms(kPhone, "START"),
            "SMS pemberitahuan aktif kembali. Kirim STOP untuk berhenti.");
  queued = cases_.Queued();
  cases_.Act(no, {.kind = cases::ActionKind::kClose}, test::CaseDriver::Verifier());
  EXPECT_EQ(cases_.Queued(), queued + 1) << "notices did not resume after START";
}

}  // namespace
}  // namespace lapor
