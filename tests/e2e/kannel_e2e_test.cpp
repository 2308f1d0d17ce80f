// lapor1708 end to end with real Kannel (issues 3 and 9): the real binary, a real Redis, bearerbox
// and smsbox with config/kannel.conf, and Kannel's fakesmsc as the phone network, all on
// 127.0.0.1 (see e2e/support/kannel_stack.hpp). A citizen files a report about the puskesmas in
// Koba by SMS, the national verifier forwards it to Kabupaten Bangka Tengah, whose officials move
// it through the admin API; the OPD's answer deadline passes on 2-second days and the OPD answers
// late. The test reads every SMS each phone received, in order, with its exact text.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "e2e/support/kannel_stack.hpp"
#include "support/default_screens.hpp"

namespace lapor::e2e {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

constexpr const char* kCitizen = "+6281234567890";
constexpr const char* kShortCode = "1708";  // also the sender id every MT carries (faked-sender)
constexpr auto kReplyTimeout = milliseconds(10000);

// Bangka Tengah's officials' phones and the OPD's name, as config/default.json (the config under
// test) has them: the health office's liaison and the puskesmas of Koba, the inspectorate, the
// regent's office.
struct Officials {
  std::string opd_name;
  std::string liaison;
  std::string puskesmas;
  std::string inspectorate;
  std::string regent;
  std::string region;
};

Officials ReadOfficials() {
  std::ifstream in(std::string(LAPOR_SOURCE_DIR) + "/config/default.json");
  json config = json::parse(in);
  Officials o;
  for (const auto& region : config.at("regions")) {
    if (region.at("code") != "19.04") {
      continue;
    }
    o.region = region.at("code");
    for (const auto& opd : region.at("opds")) {
      if (opd.at("code") == "dinkes") {
        o.opd_name = opd.at("name");
        o.liaison = opd.at("liaison_phones").at(0);
        for (const auto& unit : opd.at("units")) {
          if (unit.at("kecamatan") == "Koba") {
            o.puskesmas = unit.at("phones").at(0);
          }
        }
      }
    }
    o.inspectorate = region.at("inspectorate").at("phones").at(0);
    o.regent = region.at("regent_office").at("phones").at(0);
  }
  return o;
}

std::vector<std::string> Texts(const std::vector<Mt>& mts) {
  std::vector<std::string> out;
  for (const Mt& mt : mts) {
    out.push_back(mt.text);
  }
  return out;
}

std::string Printed(const std::vector<Mt>& mts) {
  std::string out;
  for (const Mt& mt : mts) {
    out += "  " + mt.from + " -> " + mt.to + " [" + mt.type + "] " + mt.text + "\n";
  }
  return out;
}

int64_t NowMs() {
  return std::chrono::duration_cast<milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t SeenMs(const Mt& mt) {
  return std::chrono::duration_cast<milliseconds>(mt.seen_at.time_since_epoch()).count();
}

// The texts the citizen's phone shows, in Bahasa Indonesia (templates/id.json, dialogs/lapor.json).
namespace screen {
// The screens every dialog test checks (tests/support/default_screens.hpp), and this test's own.
using namespace test::screen;  // NOLINT
// The first SMS names the problem and the place; both are offered, to be confirmed.
const char* const kReport = "Antrean puskesmas di Koba lama sekali, dokter jarang ada";
const char* const kPuskesmasOffer =
    "Kategori: Kesehatan, Puskesmas?\n1. Ya\n2. Bukan, pilih lain\n0. Kembali";
// The details are cut to keep the summary in one USSD-sized screen.
const std::string kConfirm = ConfirmId("Puskesmas", "Kec. Koba, Bangka Tengah",
                                       "Antrean puskesmas di Koba lama sekali, d...");
}  // namespace screen

std::string Done(const std::string& no) {
  return "Terima kasih. Laporan Anda diterima dengan nomor " + no + ". Cek status: SMS CEK " + no +
         " ke 1708.";
}

// The SMS that always follows a filing, so the number reaches the citizen even when the reply
// did not.
std::string Received(const std::string& no) {
  return "Laporan " + no +
         " telah kami terima dan akan diverifikasi. Cek status kapan saja: SMS "
         "CEK " +
         no + " ke 1708.";
}

class KannelEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    officials_ = ReadOfficials();
    stack_ = std::make_unique<KannelStack>(
        ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }

  void TearDown() override {
    if (HasFailure() && stack_) {
      std::cerr << "== every MT fakesmsc got:\n"
                << Printed(stack_->phones().Received()) << stack_->Diagnostics();
      stack_->KeepDirectory();
    }
    stack_.reset();
  }

  std::vector<Mt> To(const std::string& phone) { return stack_->phones().ReceivedBy(phone); }

  // Waits until `phone` has received its `n`th MT (1-based) in full, and expects it to read
  // `text`. A text with line breaks arrives line by line: it is whole once it has as many lines
  // as `text`, or once another MT follows it.
  void ExpectMt(const std::string& phone, size_t n, const std::string& text,
                milliseconds timeout = kReplyTimeout) {
    const auto lines = std::count(text.begin(), text.end(), '\n');
    bool arrived = stack_->WaitFor(
        [&] {
          auto mts = To(phone);
          return mts.size() > n ||
                 (mts.size() == n &&
                  std::count(mts.back().text.begin(), mts.back().text.end(), '\n') >= lines);
        },
        timeout);
    auto mts = To(phone);
    if (!arrived || mts.size() < n) {
      ADD_FAILURE() << phone << " did not get SMS #" << n << " within " << timeout.count()
                    << " ms; expected \"" << text << "\"; it got:\n"
                    << Printed(mts);
      return;
    }
    EXPECT_EQ(mts[n - 1].text, text) << "SMS #" << n << " to " << phone;
    EXPECT_EQ(mts[n - 1].from, kShortCode) << "SMS #" << n << " to " << phone;
  }

  // The citizen texts `mo` to 1708 and gets exactly `reply` back as the next SMS.
  void Exchange(const std::string& mo, const std::string& reply) {
    SCOPED_TRACE("MO \"" + mo + "\"");
    const size_t before = To(kCitizen).size();
    stack_->phones().SendMo(kCitizen, kShortCode, mo);
    ExpectMt(kCitizen, before + 1, reply);
  }

  // The whole dialog by SMS, through Kannel, in 5 messages; returns the tracking number. Every
  // reply is checked, and the reply to the last with the tracking number. (No "received" notice
  // follows an SMS report: the reply already holds the number; only USSD, whose screen vanishes,
  // gets one.)
  std::string FileReportBySms() {
    const std::vector<std::pair<std::string, std::string>> steps = {
        {screen::kReport, screen::kTypeId},
        {"1", screen::kPuskesmasOffer},
        {"ya", screen::kKobaId},
        {"1", screen::kConfirm},
    };
    for (const auto& [mo, reply] : steps) {
      Exchange(mo, reply);
      if (HasFailure()) {
        return "";  // the next screens would only repeat the problem, 10 s each
      }
    }
    const size_t before = To(kCitizen).size();
    stack_->phones().SendMo(kCitizen, kShortCode, "1");
    static const std::regex kNumber(R"(dengan nomor ([0-9]{9})\.)");
    std::string no;
    bool done = stack_->WaitFor(
        [&] {
          auto mts = To(kCitizen);
          std::smatch m;
          if (mts.size() > before && std::regex_search(mts[before].text, m, kNumber)) {
            no = m[1];
          }
          return mts.size() > before;
        },
        kReplyTimeout);
    EXPECT_TRUE(done) << "after Kirim, the citizen got:\n" << Printed(To(kCitizen));
    EXPECT_FALSE(no.empty()) << "no tracking number in the reply";
    if (!no.empty()) {
      EXPECT_EQ(To(kCitizen)[before].text, Done(no));
      ExpectMt(kCitizen, before + 2, Received(no));
    }
    return no;
  }

  // The outbox has nothing left to send or retry, and has sent `sent` SMS in all.
  bool OutboxSettled(double sent) {
    auto m = stack_->Metrics();
    return m["lapor1708_outbox_queued"] == 0 && m["lapor1708_outbox_retrying"] == 0 &&
           m["lapor1708_outbox_sent_total"] == sent;
  }

  // Every outbox message lapor1708 stored: id -> its hash (kind, status, attempts, dlr, ...).
  std::map<int, std::map<std::string, std::string>> OutboxMessages() {
    std::map<int, std::map<std::string, std::string>> out;
    const std::string prefix = std::string(KannelStack::kPrefix) + "outbox:msg:";
    for (const auto& key : stack_->redis().Keys(prefix + "*")) {
      out[std::stoi(key.substr(prefix.size()))] = stack_->redis().HGetAll(key);
    }
    return out;
  }

  // A short look for stray SMS (a duplicate, a notice nobody should get) before the final
  // check: the outbox is settled by then, so anything still coming is a bug.
  void DrainStragglers() {
    stack_->WaitFor([] { return false; }, milliseconds(700));
  }

  Officials officials_;
  std::unique_ptr<KannelStack> stack_;
};

TEST_F(KannelEndToEnd, ReportInKobaBySmsThroughBangkaTengahsOfficialsSendsEverySmsInOrder) {
  const Officials& o = officials_;

  // 1. The citizen files the report by SMS.
  const std::string no = FileReportBySms();
  ASSERT_FALSE(no.empty());
  ASSERT_FALSE(HasFailure()) << "the dialog went wrong; the rest would only repeat it";

  // 2. The national verifier verifies it and forwards it to Kabupaten Bangka Tengah, where Koba
  // is; the region's admin dispatches it to its health office. Each step texts the citizen before
  // the next is taken.
  size_t citizen = To(kCitizen).size();
  auto verify = stack_->Act(no, "verifier", {{"action", "verify"}});
  ASSERT_EQ(verify.status, 200) << verify.body;
  const std::string verified =
      "Laporan " + no + " sudah diverifikasi dan akan diteruskan ke pemerintah daerah.";
  ExpectMt(kCitizen, ++citizen, verified);

  auto forward = stack_->Act(no, "verifier", {{"action", "forward"}, {"region", o.region}});
  ASSERT_EQ(forward.status, 200) << forward.body;
  const std::string forwarded =
      "Laporan " + no + " sudah diteruskan ke pemerintah daerah untuk ditangani instansi terkait.";
  ExpectMt(kCitizen, ++citizen, forwarded);

  auto dispatch =
      stack_->Act(no, "region_admin:19.04", {{"action", "dispatch"}, {"opd", "dinkes"}});
  ASSERT_EQ(dispatch.status, 200) << dispatch.body;
  const json dispatched_case = json::parse(dispatch.body).at("case");
  ASSERT_EQ(dispatched_case.at("status"), "dispatched");
  const int64_t dispatched_at = dispatched_case.at("dispatched_at");
  const int64_t answer_due = dispatched_case.at("deadlines").at("answer_due");
  const int64_t answer_warn = dispatched_case.at("deadlines").at("answer_warn");
  // deadlines.answer_days (5) and warn_before_days (1), in calendar days of kDaySeconds.
  const int64_t day_ms = KannelStack::kDaySeconds * 1000;
  EXPECT_EQ(answer_due - dispatched_at, 5 * day_ms);
  EXPECT_EQ(answer_due - answer_warn, 1 * day_ms);
  const std::string due = Wib(answer_due);
  const std::string dispatched = "Laporan " + no + " sedang ditangani " + o.opd_name +
                                 ". Tanggapan paling lambat " + due + ".";
  // The liaison, and the puskesmas of Koba, read the category and kecamatan by their names.
  const std::string to_opd = "LAPOR 1708: laporan " + no +
                             " (Kesehatan, Kec. Koba) untuk instansi Anda. " +
                             "Tanggapi paling lambat " + due + ".";
  ExpectMt(kCitizen, ++citizen, dispatched);
  ExpectMt(o.liaison, 1, to_opd);
  ExpectMt(o.puskesmas, 1, to_opd);

  // 3. Nobody answers. The warning comes a day before the answer is due, to the OPD (its liaison
  // and the puskesmas) and Bangka Tengah's inspectorate; when it is due, the case is overdue and
  // extended: the regent's office and the OPD are told, and the citizen gets the new date.
  const std::string warning = "PERINGATAN LAPOR 1708: laporan " + no + " untuk " + o.opd_name +
                              " belum ditanggapi. Batas waktu " + due + ".";
  auto until = [](int64_t at_ms) { return milliseconds(std::max<int64_t>(at_ms - NowMs(), 0)); };
  ExpectMt(o.liaison, 2, warning, until(answer_warn) + kReplyTimeout);
  ExpectMt(o.puskesmas, 2, warning, until(answer_warn) + kReplyTimeout);
  ExpectMt(o.inspectorate, 1, warning, until(answer_warn) + kReplyTimeout);
  ASSERT_TRUE(
      stack_->WaitFor([&] { return To(o.regent).size() >= 1; }, until(answer_due) + kReplyTimeout))
      << "no overdue notice to the regent's office";

  // The new date is the end of the extension (60 days), read back through the API.
  auto after = stack_->GetCase(no, "verifier");
  ASSERT_EQ(after.status, 200) << after.body;
  const json extended_case = json::parse(after.body);
  ASSERT_EQ(extended_case.at("case").at("status"), "extended") << after.body;
  const int64_t extension_end = extended_case.at("case").at("deadlines").at("extension_end");
  const std::string new_due = Wib(extension_end);
  const std::string overdue = "LAPOR 1708: tanggapan " + o.opd_name + " atas laporan " + no +
                              " terlambat. Diperpanjang otomatis hingga " + new_due + ".";
  const std::string extended =
      "Waktu tanggapan laporan " + no + " diperpanjang hingga " + new_due + ".";
  ExpectMt(o.regent, 1, overdue);
  ExpectMt(o.liaison, 3, overdue);
  ExpectMt(o.puskesmas, 3, overdue);
  ExpectMt(kCitizen, ++citizen, extended);

  // The scheduler acted at the deadlines, not before: in the audit trail and at the phones.
  std::map<std::string, int64_t> audit_at;
  for (const auto& entry : extended_case.at("audit")) {
    audit_at[entry.at("action")] = entry.at("at");
  }
  ASSERT_TRUE(audit_at.contains("answer_warn") && audit_at.contains("answer_due")) << after.body;
  EXPECT_GE(audit_at["answer_warn"], answer_warn);
  EXPECT_GE(audit_at["answer_due"], answer_due);
  EXPECT_EQ(extension_end - audit_at["answer_due"], 60 * day_ms);  // deadlines.extension_days
  auto liaison = To(o.liaison);
  ASSERT_EQ(liaison.size(), 3U) << Printed(liaison);
  EXPECT_GE(SeenMs(liaison[1]), answer_warn);
  EXPECT_GE(SeenMs(liaison[2]), answer_due);

  // 4. The health office answers, late: the citizen gets the answer and is asked to rate it.
  const std::string answer_text = "Dokter tambahan bertugas di Puskesmas Koba mulai Senin.";
  auto respond =
      stack_->Act(no, "opd:19.04/dinkes", {{"action", "respond"}, {"answer", answer_text}});
  ASSERT_EQ(respond.status, 200) << respond.body;
  const json responded_case = json::parse(respond.body).at("case");
  EXPECT_EQ(responded_case.at("status"), "responded");
  EXPECT_EQ(responded_case.at("answered_late"), true);
  EXPECT_EQ(responded_case.at("forwarded_to"), "19.04");
  const std::string answer = "Tanggapan " + o.opd_name + " atas laporan " + no + ": " + answer_text;
  const std::string rate =
      "Puas dengan tanggapan atas laporan " + no + "? Balas PUAS " + no + " atau TIDAK " + no + ".";
  ExpectMt(kCitizen, ++citizen, answer);
  ExpectMt(kCitizen, ++citizen, rate);

  // 5. Every SMS went through Kannel and came back with a delivery report.
  // 7 to the citizen (received, verified, forwarded, dispatched, extended, answer, rate), 3 to
  // the liaison, 3 to the puskesmas, 1 inspectorate, 1 regent.
  constexpr double kNotices = 15;
  EXPECT_TRUE(stack_->WaitFor([&] { return OutboxSettled(kNotices); }, kReplyTimeout));
  EXPECT_TRUE(stack_->WaitFor(
      [&] {
        auto messages = OutboxMessages();
        if (messages.size() != static_cast<size_t>(kNotices)) {
          return false;
        }
        for (auto& [id, m] : messages) {
          if (m["dlr"] != "delivered") {
            return false;
          }
        }
        return true;
      },
      kReplyTimeout))
      << "not every outbox message has a delivery report";
  std::map<std::string, int> kinds;
  for (auto& [id, m] : OutboxMessages()) {
    EXPECT_EQ(m["status"], "sent") << "outbox:msg:" << id;
    EXPECT_EQ(m["attempts"], "1") << "outbox:msg:" << id;
    EXPECT_EQ(m["dlr_final"], "1") << "outbox:msg:" << id;
    kinds[m["kind"]] += 1;
  }
  EXPECT_EQ(kinds, (std::map<std::string, int>{{"notice.received", 1},
                                               {"notice.verified", 1},
                                               {"notice.forwarded", 1},
                                               {"notice.dispatched", 1},
                                               {"notice.extended", 1},
                                               {"notice.answer", 1},
                                               {"notice.rate", 1},
                                               {"official.dispatched", 2},
                                               {"official.warning", 3},
                                               {"official.overdue", 3}}));
  auto metrics = stack_->Metrics();
  EXPECT_GE(metrics["lapor1708_http_requests_total{route=\"/webhooks/kannel/dlr\",status=\"200\"}"],
            kNotices)
      << "Kannel's delivery reports did not reach /webhooks/kannel/dlr";
  EXPECT_EQ(metrics["lapor1708_outbox_retried_total"], 0);
  EXPECT_EQ(metrics["lapor1708_outbox_dead_total"], 0);

  // 6. The whole story, phone by phone, in order, and nobody else got anything.
  DrainStragglers();
  EXPECT_EQ(Texts(To(kCitizen)),
            (std::vector<std::string>{screen::kTypeId, screen::kPuskesmasOffer, screen::kKobaId,
                                      screen::kConfirm, Done(no), Received(no), verified, forwarded,
                                      dispatched, extended, answer, rate}));
  EXPECT_EQ(Texts(To(o.liaison)), (std::vector<std::string>{to_opd, warning, overdue}));
  EXPECT_EQ(Texts(To(o.puskesmas)), (std::vector<std::string>{to_opd, warning, overdue}));
  EXPECT_EQ(Texts(To(o.inspectorate)), (std::vector<std::string>{warning}));
  EXPECT_EQ(Texts(To(o.regent)), (std::vector<std::string>{overdue}));
  // What each phone got, for the record (ctest -V shows it).
  std::cout << "== every SMS the phones got, in order:\n" << Printed(stack_->phones().Received());
  for (const Mt& mt : stack_->phones().Received()) {
    EXPECT_TRUE(mt.to == kCitizen || mt.to == o.liaison || mt.to == o.puskesmas ||
                mt.to == o.inspectorate || mt.to == o.regent)
        << "an SMS to an unexpected phone: " << mt.to << " " << mt.text;
    EXPECT_EQ(mt.from, kShortCode) << mt.text;
    EXPECT_EQ(mt.type, "text") << mt.text;
  }
}

TEST_F(KannelEndToEnd, SenderRetriesWhileSmsboxIsDownAndDeliversOnceWhenBack) {
  const std::string no = FileReportBySms();
  ASSERT_FALSE(no.empty());
  ASSERT_FALSE(HasFailure());
  ASSERT_TRUE(stack_->WaitFor([&] { return OutboxSettled(1); }, kReplyTimeout))
      << "the outbox has more than the received SMS after an SMS report";

  // Kannel's sendsms interface goes away; then the verifier verifies: a notice is queued.
  stack_->KillSmsbox();
  const double retried_before = stack_->Metric("lapor1708_outbox_retried_total");
  auto verify = stack_->Act(no, "verifier", {{"action", "verify"}});
  ASSERT_EQ(verify.status, 200) << verify.body;

  // The sender keeps trying, with backoff, and the message waits in Redis as retrying.
  EXPECT_TRUE(stack_->WaitFor(
      [&] { return stack_->Metric("lapor1708_outbox_retried_total") >= retried_before + 3; },
      kReplyTimeout))
      << "the sender did not retry while smsbox was down";
  int verified_id = 0;
  for (auto& [id, m] : OutboxMessages()) {
    if (m["kind"] == "notice.verified") {
      verified_id = id;
      EXPECT_EQ(m["status"], "retrying");
      EXPECT_NE(m["last_error"].find("refused"), std::string::npos) << m["last_error"];
    }
  }
  ASSERT_NE(verified_id, 0) << "no notice.verified in the outbox";
  const std::string verified =
      "Laporan " + no + " sudah diverifikasi dan akan diteruskan ke pemerintah daerah.";
  auto count_verified = [&] {
    auto texts = Texts(To(kCitizen));
    return std::count(texts.begin(), texts.end(), verified);
  };
  EXPECT_EQ(count_verified(), 0) << "delivered while smsbox was down?";

  // Kannel is back: the SMS arrives, once.
  stack_->StartSmsbox();
  EXPECT_TRUE(stack_->WaitFor([&] { return count_verified() >= 1; }, kReplyTimeout))
      << "not delivered after smsbox came back";
  EXPECT_TRUE(stack_->WaitFor([&] { return OutboxSettled(2); }, kReplyTimeout));
  EXPECT_TRUE(stack_->WaitFor(
      [&] {
        return stack_->redis().HGetAll(std::string(KannelStack::kPrefix) + "outbox:msg:" +
                                       std::to_string(verified_id))["dlr"] == "delivered";
      },
      kReplyTimeout));
  DrainStragglers();
  EXPECT_EQ(count_verified(), 1);
  auto m = stack_->redis().HGetAll(std::string(KannelStack::kPrefix) +
                                   "outbox:msg:" + std::to_string(verified_id));
  EXPECT_EQ(m["status"], "sent");
  EXPECT_GE(std::stoi(m["attempts"]), 4) << "sent at the first try?";
  EXPECT_EQ(stack_->Metric("lapor1708_outbox_dead_total"), 0);
  EXPECT_EQ(stack_->Metric("lapor1708_outbox_sent_total"), 2);  // the received SMS and this one

  auto texts = Texts(To(kCitizen));
  ASSERT_GE(texts.size(), 3U);
  EXPECT_EQ(std::vector<std::string>(texts.end() - 3, texts.end()),
            (std::vector<std::string>{Done(no), Received(no), verified}));
  EXPECT_EQ(stack_->phones().Received().size(), texts.size()) << "an SMS to someone else";
}

}  // namespace
}  // namespace lapor::e2e
