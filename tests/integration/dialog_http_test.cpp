// Whole conversations through the HTTP webhooks against a real Redis: every screen a citizen
// sees, and what ends up stored.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "cases/tracking_number.hpp"
#include "support/default_screens.hpp"
#include "support/redis_process.hpp"
#include "support/redis_sync.hpp"
#include "support/test_server.hpp"

namespace lapor {
namespace {

using namespace test::screen;  // NOLINT: the default dialog's screens

using test::HttpReply;

constexpr TimeMs kMinute = 60 * 1000;

const std::string kKecamatan2Id =
    "Kecamatan:\n10. Cigudeg\n11. Cijeruk\n12. Cileungsi\n13. Ciomas\n14. Cisarua\n15. Ciseeng\n"
    "16. Citeureup\n17. Dramaga\n18. Gunung Putri\n98. Berikutnya\n0. Kembali";
const std::string kKecamatan3Id =
    "Kecamatan:\n19. Gunung Sindur\n20. Jasinga\n21. Jonggol\n22. Kemang\n23. Klapanunggal\n"
    "24. Leuwiliang\n25. Leuwisadeng\n26. Megamendung\n98. Berikutnya\n0. Kembali";
const std::string kHint = "Pilihan tidak dikenal.\n";

// The 9 digits of the first tracking number in a text, or "".
std::string TrackingNoIn(const std::string& text) {
  std::smatch match;
  static const std::regex kNineDigits("\\b([0-9]{9})\\b");
  return std::regex_search(text, match, kNineDigits) ? match[1].str() : "";
}

// One USSD session as Africa's Talking plays it: every input appended to the cumulative text.
class UssdCall {
 public:
  UssdCall(test::TestServer& server, std::string session_id, std::string phone)
      : server_(server), session_id_(std::move(session_id)), phone_(std::move(phone)) {}

  std::string Dial() {
    text_.clear();
    return Post();
  }
  std::string Send(const std::string& input) {
    text_ = text_.empty() ? input : text_ + "*" + input;
    return Post();
  }
  // The same request again, as a telco retry would send it.
  std::string Repeat() { return Post(); }
  const std::string& text() const { return text_; }

 private:
  std::string Post() {
    HttpReply reply = server_.Ussd(session_id_, phone_, text_);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.body;
  }

  test::TestServer& server_;
  std::string session_id_;
  std::string phone_;
  std::string text_;
};

class DialogHttp : public ::testing::Test {
 protected:
  DialogHttp() : server_(test::TestRedisUrl()), redis_(test::TestRedisUrl()) {}

  std::string Key(const std::string& rest) const { return server_.prefix() + rest; }
  std::string CaseKey(const std::string& tracking_no) const { return Key("case:" + tracking_no); }
  std::string UssdSessionKey(const std::string& msisdn, const std::string& session_id) const {
    return Key("sess:{" + msisdn + "}:ussd:" + session_id);
  }
  std::string SmsSessionKey(const std::string& msisdn) const {
    return Key("sess:{" + msisdn + "}:sms");
  }
  std::vector<std::string> CaseKeys() {
    std::vector<std::string> cases;
    for (const auto& key : redis_.Keys(Key("case:*"))) {
      if (!key.ends_with(":log")) {
        cases.push_back(key);
      }
    }
    return cases;
  }

  // Walks a USSD session from the dial to the location input: Pengaduan, Kesehatan, Puskesmas,
  // Cibinong.
  void ToLocation(UssdCall& call) {
    call.Dial();
    for (const char* input : {"1", "1", "1", "1"}) {
      call.Send(input);
    }
    ASSERT_EQ(call.Send("7"), "CON " + kLocationId);
  }

  // Files a case by SMS from `phone` and returns its tracking number.
  std::string FileBySms(const std::string& phone) {
    server_.Sms(phone, "Antrean puskesmas lama sekali, pasien menunggu lima jam");
    for (const char* input : {"1", "1", "1", "cibinong", "Puskesmas Cibinong", "1"}) {
      server_.Sms(phone, input);
    }
    std::string done = server_.Sms(phone, "1");
    std::string tracking_no = TrackingNoIn(done);
    EXPECT_TRUE(cases::IsValidTrackingNumber(tracking_no)) << done;
    return tracking_no;
  }

  test::TestServer server_;
  test::RedisSync redis_;
};

using UssdDialog = DialogHttp;
using SmsDialog = DialogHttp;

TEST_F(UssdDialog, WholeReportInIndonesianEveryScreenAndTheCaseStored) {
  UssdCall call(server_, "ATUid_id_1", "081234567890");
  EXPECT_EQ(call.Dial(), "CON " + kMainId);
  EXPECT_EQ(call.Send("1"), "CON " + kTypeId);
  EXPECT_EQ(call.Send("1"), "CON " + kCategoryId);
  EXPECT_EQ(call.Send("1"), "CON " + kSubHealthId);
  EXPECT_EQ(call.Send("1"), "CON " + kKecamatanPage1Id);
  EXPECT_EQ(call.Send("7"), "CON " + kLocationId);
  EXPECT_EQ(call.Send("Desa Pakansari"), "CON " + kDetailsId);
  EXPECT_EQ(call.Send("Antrean puskesmas lama sekali"), "CON " + kIdentityId);
  EXPECT_EQ(call.Send("2"),
            "CON Kirim laporan?\nPengaduan, Puskesmas\nKec. Cibinong, Desa Pakansari\nAntrean "
            "puskesmas lama sekali\nIdentitas: Anonim\n1. Kirim\n2. Ubah\n3. Batal\n0. Kembali");
  std::string done = call.Send("1");
  std::string tracking_no = TrackingNoIn(done);
  ASSERT_EQ(tracking_no.size(), cases::kTrackingNumberDigits) << done;
  EXPECT_TRUE(cases::IsValidTrackingNumber(tracking_no)) << tracking_no;
  EXPECT_EQ(done, "END Terima kasih. Laporan Anda diterima dengan nomor " + tracking_no +
                      ". Cek status: SMS CEK " + tracking_no + " ke 1708.");

  auto stored = redis_.HGetAll(CaseKey(tracking_no));
  EXPECT_EQ(stored["tracking_no"], tracking_no);
  EXPECT_EQ(stored["status"], "submitted");
  EXPECT_EQ(stored["type"], "pengaduan");
  EXPECT_EQ(stored["category"], "kesehatan");
  EXPECT_EQ(stored["subcategory"], "puskesmas");
  EXPECT_EQ(stored["kecamatan"], "cibinong");
  EXPECT_EQ(stored["location"], "Desa Pakansari");
  EXPECT_EQ(stored["details"], "Antrean puskesmas lama sekali");
  EXPECT_EQ(stored["identity"], "anonim");
  EXPECT_EQ(stored["phone"], "+6281234567890");
  EXPECT_EQ(stored["lang"], "id");
  EXPECT_EQ(stored["channel"], "ussd");
  EXPECT_EQ(stored["created_at"], std::to_string(test::kTestEpochMs));
  EXPECT_EQ(CaseKeys(), std::vector<std::string>{CaseKey(tracking_no)});
  EXPECT_EQ(redis_.LRange(CaseKey(tracking_no) + ":log").size(), 1u);
  EXPECT_EQ(redis_.LRange(Key("citizen:{+6281234567890}:cases")),
            std::vector<std::string>{tracking_no});
  // The conversation is over: nothing of it is left to resume.
  EXPECT_FALSE(redis_.Exists(UssdSessionKey("+6281234567890", "ATUid_id_1")));
  EXPECT_EQ(UssdCall(server_, "ATUid_id_2", "081234567890").Dial(), "CON " + kMainId);
}

TEST_F(UssdDialog, WholeReportInEnglishEveryScreenAndTheCaseStored) {
  UssdCall call(server_, "ATUid_en_1", "+6285712345678");
  EXPECT_EQ(call.Dial(), "CON " + kMainId);
  EXPECT_EQ(call.Send("4"),
            "CON Pilih bahasa / Choose language:\n1. Bahasa Indonesia\n2. English\n0. Kembali");
  EXPECT_EQ(call.Send("2"), "CON " + kMainEn);
  EXPECT_EQ(call.Send("1"),
            "CON Type of report:\n1. Complaint\n2. Aspiration\n3. Information request\n0. Back");
  EXPECT_EQ(call.Send("3"),
            "CON Category:\n1. Health\n2. Public service\n3. Infrastructure\n0. Back");
  EXPECT_EQ(call.Send("3"),
            "CON Sub-category:\n1. Roads and bridges\n2. Clean water\n3. Street lights\n"
            "4. Drainage and floods\n0. Back");
  EXPECT_EQ(call.Send("1"),
            "CON District (kecamatan):\n1. Babakan Madang\n2. Bojonggede\n3. Caringin\n4. Cariu\n"
            "5. Ciampea\n6. Ciawi\n7. Cibinong\n8. Cibungbulang\n9. Cigombong\n10. Cigudeg\n"
            "98. More\n0. Back");
  EXPECT_EQ(call.Send("Ciawi"), "CON Write the location (village, street, landmark):\n0. Back");
  EXPECT_EQ(call.Send("Desa Bendungan"), "CON Describe the problem (min. 15 letters):\n0. Back");
  EXPECT_EQ(call.Send("Big pothole near the market"),
            "CON Your identity:\n1. Regular\n2. Anonymous\n3. Confidential\n0. Back");
  EXPECT_EQ(call.Send("3"),
            "CON Send report?\nInformation request, Roads and bridges\nKec. Ciawi, Desa "
            "Bendungan\nBig pothole near the market\nIdentity: Confidential\n1. Send\n2. Change\n"
            "3. Cancel\n0. Back");
  std::string done = call.Send("1");
  std::string tracking_no = TrackingNoIn(done);
  EXPECT_TRUE(cases::IsValidTrackingNumber(tracking_no)) << done;
  EXPECT_EQ(done, "END Thank you. Your report was received with number " + tracking_no +
                      ". Check status: SMS CEK " + tracking_no + " to 1708.");
  auto stored = redis_.HGetAll(CaseKey(tracking_no));
  EXPECT_EQ(stored["status"], "submitted");
  EXPECT_EQ(stored["type"], "informasi");
  EXPECT_EQ(stored["category"], "infrastruktur");
  EXPECT_EQ(stored["subcategory"], "jalan");
  EXPECT_EQ(stored["kecamatan"], "ciawi");
  EXPECT_EQ(stored["location"], "Desa Bendungan");
  EXPECT_EQ(stored["details"], "Big pothole near the market");
  EXPECT_EQ(stored["identity"], "rahasia");
  EXPECT_EQ(stored["phone"], "+6285712345678");
  EXPECT_EQ(stored["lang"], "en");
}

TEST_F(SmsDialog, WholeReportInIndonesianEveryReplyAndTheCaseStored) {
  const std::string phone = "6281298765432";
  EXPECT_EQ(server_.Sms(phone, "halo"), kMainId);
  EXPECT_EQ(server_.Sms(phone, "1"), kTypeId);
  EXPECT_EQ(server_.Sms(phone, "aspirasi"), kCategoryId);
  EXPECT_EQ(server_.Sms(phone, "2"),
            "Sub-kategori:\n1. KTP dan Akta\n2. Perizinan\n3. Bantuan Sosial\n4. Pungutan Liar\n"
            "0. Kembali");
  EXPECT_EQ(server_.Sms(phone, "4"), kKecamatanPage1Id);
  EXPECT_EQ(server_.Sms(phone, "Ciomas"), kLocationId);
  EXPECT_EQ(server_.Sms(phone, "Kantor Desa Ciomas"), kDetailsId);
  EXPECT_EQ(server_.Sms(phone, "Diminta uang untuk surat pindah"), kIdentityId);
  EXPECT_EQ(server_.Sms(phone, "biasa"),
            "Kirim laporan?\nAspirasi, Pungutan Liar\nKec. Ciomas, Kantor Desa Ciomas\nDiminta "
            "uang untuk surat pindah\nIdentitas: Biasa\n1. Kirim\n2. Ubah\n3. Batal\n0. Kembali");
  std::string done = server_.Sms(phone, "kirim");
  std::string tracking_no = TrackingNoIn(done);
  EXPECT_TRUE(cases::IsValidTrackingNumber(tracking_no)) << done;
  EXPECT_EQ(done, "Terima kasih. Laporan Anda diterima dengan nomor " + tracking_no +
                      ". Cek status: SMS CEK " + tracking_no + " ke 1708.");
  auto stored = redis_.HGetAll(CaseKey(tracking_no));
  EXPECT_EQ(stored["status"], "submitted");
  EXPECT_EQ(stored["type"], "aspirasi");
  EXPECT_EQ(stored["category"], "pelayanan-publik");
  EXPECT_EQ(stored["subcategory"], "pungli");
  EXPECT_EQ(stored["kecamatan"], "ciomas");
  EXPECT_EQ(stored["location"], "Kantor Desa Ciomas");
  EXPECT_EQ(stored["details"], "Diminta uang untuk surat pindah");
  EXPECT_EQ(stored["identity"], "biasa");
  EXPECT_EQ(stored["phone"], "+6281298765432");
  EXPECT_EQ(stored["lang"], "id");
  EXPECT_EQ(stored["channel"], "sms");
  EXPECT_FALSE(redis_.Exists(SmsSessionKey("+6281298765432")));
  // The next message starts a new conversation.
  EXPECT_EQ(server_.Sms(phone, "halo"), kMainId);
}

TEST_F(SmsDialog, WholeReportInEnglishEveryReplyAndTheCaseStored) {
  const std::string phone = "085712345679";
  EXPECT_EQ(server_.Sms(phone, "EN"), kMainEn);
  EXPECT_EQ(server_.Sms(phone, "report"),
            "Type of report:\n1. Complaint\n2. Aspiration\n3. Information request\n0. Back");
  EXPECT_EQ(server_.Sms(phone, "complaint"),
            "Category:\n1. Health\n2. Public service\n3. Infrastructure\n0. Back");
  EXPECT_EQ(server_.Sms(phone, "health"),
            "Sub-category:\n1. Health centre\n2. Hospital\n3. BPJS health insurance\n"
            "4. Medicine and vaccines\n0. Back");
  EXPECT_EQ(server_.Sms(phone, "hospital"),
            "District (kecamatan):\n1. Babakan Madang\n2. Bojonggede\n3. Caringin\n4. Cariu\n"
            "5. Ciampea\n6. Ciawi\n7. Cibinong\n8. Cibungbulang\n9. Cigombong\n10. Cigudeg\n"
            "98. More\n0. Back");
  EXPECT_EQ(server_.Sms(phone, "Cibinong"),
            "Write the location (village, street, landmark):\n0. Back");
  EXPECT_EQ(server_.Sms(phone, "RSUD Cibinong"),
            "Describe the problem (min. 15 letters):\n0. Back");
  EXPECT_EQ(server_.Sms(phone, "Emergency room refused a patient"),
            "Your identity:\n1. Regular\n2. Anonymous\n3. Confidential\n0. Back");
  EXPECT_EQ(server_.Sms(phone, "anonymous"),
            "Send report?\nComplaint, Hospital\nKec. Cibinong, RSUD Cibinong\nEmergency room "
            "refused a patient\nIdentity: Anonymous\n1. Send\n2. Change\n3. Cancel\n0. Back");
  std::string done = server_.Sms(phone, "send");
  std::string tracking_no = TrackingNoIn(done);
  EXPECT_TRUE(cases::IsValidTrackingNumber(tracking_no)) << done;
  EXPECT_EQ(done, "Thank you. Your report was received with number " + tracking_no +
                      ". Check status: SMS CEK " + tracking_no + " to 1708.");
  auto stored = redis_.HGetAll(CaseKey(tracking_no));
  EXPECT_EQ(stored["status"], "submitted");
  EXPECT_EQ(stored["subcategory"], "rumah-sakit");
  EXPECT_EQ(stored["identity"], "anonim");
  EXPECT_EQ(stored["details"], "Emergency room refused a patient");
  EXPECT_EQ(stored["phone"], "+6285712345679");
  EXPECT_EQ(stored["lang"], "en");
}

TEST_F(SmsDialog, LongFirstSmsBecomesTheDetailsAndIsNeverAskedFor) {
  const std::string phone = "081211112222";
  const std::string details = "Jembatan gantung di Desa Cibunian putus sejak minggu lalu";
  EXPECT_EQ(server_.Sms(phone, details), kTypeId);
  EXPECT_EQ(server_.Sms(phone, "1"), kCategoryId);
  EXPECT_EQ(server_.Sms(phone, "infrastruktur"),
            "Sub-kategori:\n1. Jalan dan Jembatan\n2. Air Bersih\n3. Lampu Jalan\n"
            "4. Drainase dan Banjir\n0. Kembali");
  EXPECT_EQ(server_.Sms(phone, "1"), kKecamatanPage1Id);
  EXPECT_EQ(server_.Sms(phone, "pamijahan"), kLocationId);
  EXPECT_EQ(server_.Sms(phone, "Desa Cibunian"), kIdentityId);
  server_.Sms(phone, "1");
  std::string tracking_no = TrackingNoIn(server_.Sms(phone, "1"));
  EXPECT_EQ(redis_.HGetAll(CaseKey(tracking_no))["details"], details);
}

TEST_F(UssdDialog, BackMainMenuPaginationAndInvalidInput) {
  UssdCall call(server_, "ATUid_nav", "081234567890");
  call.Dial();
  EXPECT_EQ(call.Send("9"), "CON " + kHint + kMainId);
  EXPECT_EQ(call.Send("lapor"), "CON " + kTypeId);
  EXPECT_EQ(call.Send("Pengaduan"), "CON " + kCategoryId);
  EXPECT_EQ(call.Send("0"), "CON " + kTypeId);
  EXPECT_EQ(call.Send("1"), "CON " + kCategoryId);
  EXPECT_EQ(call.Send("KESEHATAN"), "CON " + kSubHealthId);
  EXPECT_EQ(call.Send("puskesmas"), "CON " + kKecamatanPage1Id);
  EXPECT_EQ(call.Send("98"), "CON " + kKecamatan2Id);
  EXPECT_EQ(call.Send("98"), "CON " + kKecamatan3Id);
  EXPECT_EQ(call.Send("Bandung"), "CON " + kHint + kKecamatan3Id);
  EXPECT_EQ(call.Send("0"), "CON " + kKecamatan2Id);
  EXPECT_EQ(call.Send("0"), "CON " + kKecamatanPage1Id);
  EXPECT_EQ(call.Send("0"), "CON " + kSubHealthId);
  EXPECT_EQ(call.Send("1"), "CON " + kKecamatanPage1Id);
  // A number from a page not shown.
  EXPECT_EQ(call.Send("38"), "CON " + kLocationId);
  EXPECT_EQ(call.Send("ab"), "CON Lokasi minimal 3 huruf.\n" + kLocationId);
  EXPECT_EQ(call.Send("Desa Tanjungsari"), "CON " + kDetailsId);
  EXPECT_EQ(call.Send("pendek"), "CON Uraian terlalu pendek, minimal 15 huruf.\n" + kDetailsId);
  EXPECT_EQ(call.Send("00"), "CON " + kMainId);
  EXPECT_EQ(call.Send("1"), "CON " + kTypeId);
  EXPECT_TRUE(CaseKeys().empty());
}

// "Ubah" clears the answers; "0" right after it must not lead back to a summary of nothing, where
// "Kirim" would file an empty case.
TEST_F(UssdDialog, BackAfterChangeNeverFilesAnEmptyCase) {
  UssdCall call(server_, "ATUid_change", "081234567890");
  ToLocation(call);
  call.Send("Desa Pakansari");
  call.Send("Antrean puskesmas lama sekali");
  call.Send("2");
  EXPECT_EQ(call.Send("2"), "CON " + kTypeId);
  std::string back = call.Send("0");
  EXPECT_EQ(back.find('{'), std::string::npos) << back;
  call.Send("1");
  for (const auto& key : CaseKeys()) {
    auto stored = redis_.HGetAll(key);
    EXPECT_TRUE(stored.contains("details") && stored.contains("kecamatan"))
        << key << " was filed without the report's answers";
  }
}

TEST_F(UssdDialog, SurroundingSpacesAndAnyCaseAreAccepted) {
  UssdCall call(server_, "ATUid_spaces", "081234567890");
  call.Dial();
  EXPECT_EQ(call.Send(" 1 "), "CON " + kTypeId);
  EXPECT_EQ(call.Send("  ASPIRASI "), "CON " + kCategoryId);
  EXPECT_EQ(call.Send(" pelayanan   publik "),
            "CON Sub-kategori:\n1. KTP dan Akta\n2. Perizinan\n3. Bantuan Sosial\n"
            "4. Pungutan Liar\n0. Kembali");
}

TEST_F(SmsDialog, BackMainMenuAndInvalidInput) {
  const std::string phone = "081234500001";
  EXPECT_EQ(server_.Sms(phone, "halo"), kMainId);
  EXPECT_EQ(server_.Sms(phone, "7"), kHint + kMainId);
  EXPECT_EQ(server_.Sms(phone, "1"), kTypeId);
  EXPECT_EQ(server_.Sms(phone, "1"), kCategoryId);
  EXPECT_EQ(server_.Sms(phone, "0"), kTypeId);
  EXPECT_EQ(server_.Sms(phone, "xyz"), kHint + kTypeId);
  EXPECT_EQ(server_.Sms(phone, "00"), kMainId);
}

TEST_F(UssdDialog, ResumeOfferedWithinTenMinutesOfADroppedSession) {
  UssdCall dropped(server_, "ATUid_drop_1", "081234567890");
  ToLocation(dropped);
  dropped.Send("Desa Pakansari");
  // The telco drops the call; the citizen dials again 9 minutes later (a new sessionId).
  server_.clock().Advance(9 * kMinute);
  UssdCall again(server_, "ATUid_drop_2", "081234567890");
  EXPECT_EQ(again.Dial(), "CON " + kResumeId);
  EXPECT_EQ(again.Send("1"), "CON " + kDetailsId);
  EXPECT_EQ(again.Send("Antrean puskesmas lama sekali"), "CON " + kIdentityId);
  EXPECT_EQ(again.Send("2"),
            "CON Kirim laporan?\nPengaduan, Puskesmas\nKec. Cibinong, Desa Pakansari\nAntrean "
            "puskesmas lama sekali\nIdentitas: Anonim\n1. Kirim\n2. Ubah\n3. Batal\n0. Kembali");
  std::string tracking_no = TrackingNoIn(again.Send("1"));
  ASSERT_TRUE(cases::IsValidTrackingNumber(tracking_no));
  EXPECT_EQ(redis_.HGetAll(CaseKey(tracking_no))["location"], "Desa Pakansari");
  // Once the report is filed there is nothing more to resume.
  UssdCall third(server_, "ATUid_drop_3", "081234567890");
  EXPECT_EQ(third.Dial(), "CON " + kMainId);
}

TEST_F(UssdDialog, ResumeNotOfferedElevenMinutesAfterADroppedSession) {
  UssdCall dropped(server_, "ATUid_late_1", "081234567890");
  ToLocation(dropped);
  server_.clock().Advance(11 * kMinute);
  UssdCall again(server_, "ATUid_late_2", "081234567890");
  EXPECT_EQ(again.Dial(), "CON " + kMainId);
  EXPECT_EQ(again.Send("1"), "CON " + kTypeId);
}

TEST_F(UssdDialog, ResumeDeclinedStartsFromTheMainMenu) {
  UssdCall dropped(server_, "ATUid_no_1", "081234567890");
  ToLocation(dropped);
  server_.clock().Advance(2 * kMinute);
  UssdCall again(server_, "ATUid_no_2", "081234567890");
  EXPECT_EQ(again.Dial(), "CON " + kResumeId);
  EXPECT_EQ(again.Send("x"), "CON " + kHint + kResumeId);
  EXPECT_EQ(again.Send("2"), "CON " + kMainId);
  // Declined, it is not offered again ...
  UssdCall third(server_, "ATUid_no_3", "081234567890");
  EXPECT_EQ(third.Dial(), "CON " + kMainId);
  // ... and the new dialog is the one kept from now on.
  EXPECT_EQ(third.Send("1"), "CON " + kTypeId);
  EXPECT_EQ(third.Send("2"), "CON " + kCategoryId);
  UssdCall fourth(server_, "ATUid_no_4", "081234567890");
  EXPECT_EQ(fourth.Dial(), "CON " + kResumeId);
  EXPECT_EQ(fourth.Send("1"), "CON " + kCategoryId);
}

TEST_F(UssdDialog, ResumeIsOfferedOnlyToTheSamePhoneNumber) {
  UssdCall dropped(server_, "ATUid_own_1", "081234567890");
  ToLocation(dropped);
  UssdCall other(server_, "ATUid_own_2", "081299999999");
  EXPECT_EQ(other.Dial(), "CON " + kMainId);
}

TEST_F(SmsDialog, ConversationIdleThirtyOneMinutesStartsOver) {
  const std::string phone = "081234500002";
  server_.Sms(phone, "halo");
  server_.Sms(phone, "1");
  ASSERT_EQ(server_.Sms(phone, "1"), kCategoryId);
  server_.clock().Advance(29 * kMinute);
  EXPECT_EQ(server_.Sms(phone, "0"), kTypeId);
  server_.clock().Advance(31 * kMinute);
  // "1" is not read as Pengaduan: the old conversation is gone and this is a new one.
  EXPECT_EQ(server_.Sms(phone, "1"), kMainId);
  EXPECT_EQ(server_.Sms(phone, "1"), kTypeId);
}

TEST_F(SmsDialog, CheckStatusFromTheReportingNumberShowsIt) {
  std::string tracking_no = FileBySms("081234567890");
  ASSERT_FALSE(tracking_no.empty());
  const std::string status =
      "Laporan " + tracking_no + " (28/11/2026 08:00 WIB): diterima, menunggu verifikasi.";
  EXPECT_EQ(server_.Sms("081234567890", "CEK " + tracking_no), status);
  // The same number written another way is the same citizen.
  EXPECT_EQ(server_.Sms("+6281234567890", "status " + tracking_no), status);
  EXPECT_EQ(
      server_.Sms("6281234567890", "cek " + tracking_no.substr(0, 4) + " " + tracking_no.substr(4)),
      status);
  server_.Sms("081234567890", "EN");
  EXPECT_EQ(server_.Sms("081234567890", "CEK " + tracking_no),
            "Report " + tracking_no + " (28/11/2026 08:00 WIB): received, awaiting verification.");
}

TEST_F(SmsDialog, CheckStatusFromAnotherNumberReadsLikeANumberThatDoesNotExist) {
  std::string tracking_no = FileBySms("081234567890");
  ASSERT_FALSE(tracking_no.empty());
  std::string other = server_.Sms("081299999999", "CEK " + tracking_no);
  EXPECT_EQ(other, "Laporan " + tracking_no + " tidak ditemukan untuk nomor Anda.");
  std::string absent_no = *cases::MakeTrackingNumber(9'999'999);
  ASSERT_FALSE(redis_.Exists(CaseKey(absent_no)));
  std::string absent = server_.Sms("081299999999", "CEK " + absent_no);
  EXPECT_EQ(absent, "Laporan " + absent_no + " tidak ditemukan untuk nomor Anda.");
}

TEST_F(SmsDialog, CheckStatusWithAMistypedDigitIsNotValid) {
  std::string tracking_no = FileBySms("081234567890");
  ASSERT_EQ(tracking_no.size(), cases::kTrackingNumberDigits);
  std::string mistyped = tracking_no;
  mistyped[7] = mistyped[7] == '9' ? '0' : static_cast<char>(mistyped[7] + 1);
  EXPECT_EQ(server_.Sms("081234567890", "CEK " + mistyped),
            "Nomor " + mistyped + " tidak valid. Periksa kembali angkanya.");
  EXPECT_EQ(server_.Sms("081234567890", "CEK"),
            "Tulis: CEK <nomor laporan>, contoh CEK 123456786.");
}

TEST_F(UssdDialog, CheckStatusThroughTheMenuOwnAndOtherNumber) {
  std::string tracking_no = FileBySms("081234567890");
  ASSERT_FALSE(tracking_no.empty());
  UssdCall own(server_, "ATUid_cek_1", "081234567890");
  own.Dial();
  EXPECT_EQ(own.Send("2"), "CON Masukkan nomor laporan (9 angka):\n0. Kembali");
  EXPECT_EQ(own.Send(tracking_no), "END Laporan " + tracking_no +
                                       " (28/11/2026 08:00 WIB): diterima, menunggu "
                                       "verifikasi.");
  UssdCall other(server_, "ATUid_cek_2", "081299999999");
  other.Dial();
  other.Send("2");
  EXPECT_EQ(other.Send(tracking_no),
            "END Laporan " + tracking_no + " tidak ditemukan untuk nomor Anda.");
}

TEST_F(SmsDialog, SameKannelIdTwiceGivesTheSameReplyAndChangesNothing) {
  const std::string phone = "081234500003";
  const std::string msisdn = "+6281234500003";
  ASSERT_EQ(server_.Sms(phone, "halo", "kannel-1").body, kMainId);
  ASSERT_EQ(server_.Sms(phone, "1", "kannel-2").body, kTypeId);
  auto session = redis_.HGetAll(SmsSessionKey(msisdn));
  ASSERT_FALSE(session.empty());
  // Kannel retries the same message: had it been read again, "1" would have chosen Pengaduan.
  HttpReply again = server_.Sms(phone, "1", "kannel-2");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body, kTypeId);
  EXPECT_EQ(redis_.HGetAll(SmsSessionKey(msisdn)), session);
  EXPECT_EQ(server_.Sms(phone, "1", "kannel-3").body, kCategoryId);
}

TEST_F(SmsDialog, SameKannelIdTwiceFilesOneCase) {
  const std::string phone = "081234500004";
  server_.Sms(phone, "Antrean puskesmas lama sekali, pasien menunggu lima jam");
  for (const char* input : {"1", "1", "1", "cibinong", "Puskesmas Cibinong", "1"}) {
    server_.Sms(phone, input);
  }
  HttpReply first = server_.Sms(phone, "1", "kannel-send");
  HttpReply second = server_.Sms(phone, "1", "kannel-send");
  std::string tracking_no = TrackingNoIn(first.body);
  ASSERT_TRUE(cases::IsValidTrackingNumber(tracking_no)) << first.body;
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(CaseKeys(), std::vector<std::string>{CaseKey(tracking_no)});
  EXPECT_EQ(redis_.LRange(Key("citizen:{+6281234500004}:cases")),
            std::vector<std::string>{tracking_no});
  EXPECT_EQ(redis_.LRange(CaseKey(tracking_no) + ":log").size(), 1u);
}

TEST_F(UssdDialog, SameRequestTwiceGivesTheSameScreenAndChangesNothing) {
  UssdCall call(server_, "ATUid_dup", "081234567890");
  call.Dial();
  ASSERT_EQ(call.Send("1"), "CON " + kTypeId);
  auto session = redis_.HGetAll(UssdSessionKey("+6281234567890", "ATUid_dup"));
  ASSERT_FALSE(session.empty());
  EXPECT_EQ(call.Repeat(), "CON " + kTypeId);
  EXPECT_EQ(redis_.HGetAll(UssdSessionKey("+6281234567890", "ATUid_dup")), session);
  EXPECT_EQ(call.Send("1"), "CON " + kCategoryId);
  for (const char* input :
       {"1", "1", "7", "Desa Pakansari", "Antrean puskesmas lama sekali", "1"}) {
    call.Send(input);
  }
  std::string done = call.Send("1");
  std::string tracking_no = TrackingNoIn(done);
  ASSERT_TRUE(cases::IsValidTrackingNumber(tracking_no)) << done;
  EXPECT_EQ(call.Repeat(), done);
  EXPECT_EQ(CaseKeys(), std::vector<std::string>{CaseKey(tracking_no)});
}

TEST_F(UssdDialog, SessionIdReusedByAnotherPhoneNeverContinuesTheFirstCitizensSession) {
  UssdCall first(server_, "ATUid_shared", "081234567890");
  ToLocation(first);
  UssdCall second(server_, "ATUid_shared", "081299999999");
  EXPECT_EQ(second.Dial(), "CON " + kMainId);
  EXPECT_EQ(second.Send("1"), "CON " + kTypeId);
  EXPECT_EQ(second.Send("2"), "CON " + kCategoryId);
  EXPECT_EQ(second.Send("3"),
            "CON Sub-kategori:\n1. Jalan dan Jembatan\n2. Air Bersih\n3. Lampu Jalan\n"
            "4. Drainase dan Banjir\n0. Kembali");
  // The first citizen carries on where they were, with their own answers.
  EXPECT_EQ(first.Send("Desa Pakansari"), "CON " + kDetailsId);
  EXPECT_EQ(first.Send("Antrean puskesmas lama sekali"), "CON " + kIdentityId);
  EXPECT_EQ(first.Send("1"),
            "CON Kirim laporan?\nPengaduan, Puskesmas\nKec. Cibinong, Desa Pakansari\nAntrean "
            "puskesmas lama sekali\nIdentitas: Biasa\n1. Kirim\n2. Ubah\n3. Batal\n0. Kembali");
  std::string tracking_no = TrackingNoIn(first.Send("1"));
  ASSERT_TRUE(cases::IsValidTrackingNumber(tracking_no));
  EXPECT_EQ(redis_.HGetAll(CaseKey(tracking_no))["phone"], "+6281234567890");
}

// The reply a USSD request got is remembered under its sessionId and text; another phone sending
// the same sessionId and text must not be handed the first citizen's screen (their report).
TEST_F(UssdDialog, SessionIdReusedByAnotherPhoneNeverSeesTheFirstCitizensScreens) {
  UssdCall first(server_, "ATUid_leak", "081234567890");
  ToLocation(first);
  first.Send("Desa Pakansari");
  first.Send("Antrean puskesmas lama sekali");
  std::string summary = first.Send("2");
  ASSERT_NE(summary.find("Desa Pakansari"), std::string::npos) << summary;
  HttpReply replay = server_.Ussd("ATUid_leak", "081299999999", first.text());
  EXPECT_EQ(replay.status, 200);
  EXPECT_EQ(replay.body.find("Desa Pakansari"), std::string::npos) << replay.body;
  EXPECT_EQ(replay.body.find("Antrean puskesmas"), std::string::npos) << replay.body;
  EXPECT_EQ(replay.body, "CON " + kMainId);
}

TEST_F(SmsDialog, ControlCharactersAreRemovedBeforeTheyAreStored) {
  const std::string phone = "081234500005";
  const std::string raw = "Jalan\x01 rusak\x07 parah\tdi depan\r\nSDN 1\x1b Cibinong\x7f";
  const std::string clean = "Jalan rusak parah di depan SDN 1 Cibinong";
  EXPECT_EQ(server_.Sms(phone, raw), kTypeId);
  auto session = redis_.HGetAll(SmsSessionKey("+6281234500005"));
  EXPECT_NE(session["data"].find(clean), std::string::npos) << session["data"];
  for (const char* input : {"1", "3", "1", "cibinong"}) {
    server_.Sms(phone, input);
  }
  EXPECT_EQ(server_.Sms(phone, "Jl.\x02 Tegar\x03 Beriman"), kIdentityId);
  server_.Sms(phone, "1");
  std::string tracking_no = TrackingNoIn(server_.Sms(phone, "1"));
  ASSERT_TRUE(cases::IsValidTrackingNumber(tracking_no));
  auto stored = redis_.HGetAll(CaseKey(tracking_no));
  EXPECT_EQ(stored["details"], clean);
  EXPECT_EQ(stored["location"], "Jl. Tegar Beriman");
  for (const auto& [field, value] : stored) {
    for (unsigned char c : value) {
      EXPECT_FALSE(c < 0x20 || c == 0x7f) << field << " holds control character " << int(c);
    }
  }
}

}  // namespace
}  // namespace lapor
