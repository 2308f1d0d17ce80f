// Whole SMS conversations through Kannel's get-url webhook against a real Redis: every reply a
// citizen gets, how many messages they send, and what ends up stored.
#include "integration/dialog_http_fixture.hpp"

namespace lapor::test {
namespace {

using namespace screen;  // NOLINT: the default dialog's screens
using SmsDialog = DialogHttp;

// Issue 9: an SMS report whose first message names the problem and the place takes at most 6
// messages from the citizen.
constexpr size_t kMaxSmsMessages = 6;

// The citizen's messages and the replies they got, in order.
struct Exchange {
  std::vector<std::string> sent;
  std::vector<std::string> replies;
};

TEST_F(SmsDialog, AFirstSmsNamingProblemAndPlaceFilesAReportInFiveMessagesEveryReply) {
  const std::string phone = "6281298765432";
  const std::string report = "Jalan rusak di depan pasar Koba, berlubang besar dan sering jatuh";
  Exchange chat;
  for (const std::string& text :
       {report, std::string("1"), std::string("ya"), std::string("1"), std::string("1")}) {
    chat.sent.push_back(text);
    chat.replies.push_back(server_.Sms(phone, text));
  }
  EXPECT_EQ(chat.sent.size(), 5u);
  EXPECT_LE(chat.sent.size(), kMaxSmsMessages);
  EXPECT_EQ(chat.replies[0], kTypeId);
  // What the first SMS named is offered, not assumed: the problem, then the place.
  EXPECT_EQ(chat.replies[1], kRoadsOfferId);
  EXPECT_EQ(chat.replies[2], kKobaId);
  EXPECT_EQ(chat.replies[3],
            ConfirmId("Jalan dan Jembatan", kKobaKecamatan, "Jalan rusak di depan pasar Koba..."));
  std::string tracking_no = TrackingNoIn(chat.replies[4]);
  EXPECT_TRUE(cases::IsValidTrackingNumber(tracking_no)) << chat.replies[4];
  EXPECT_EQ(chat.replies[4], "Terima kasih. Laporan Anda diterima dengan nomor " + tracking_no +
                                 ". Cek status: SMS CEK " + tracking_no + " ke 1708.");
  auto stored = redis_.HGetAll(CaseKey(tracking_no));
  EXPECT_EQ(stored["status"], "submitted");
  EXPECT_EQ(stored["type"], "pengaduan");
  EXPECT_EQ(stored["category"], "infrastruktur");
  EXPECT_EQ(stored["subcategory"], "jalan");
  EXPECT_EQ(stored["place"], "19.04.01");
  EXPECT_EQ(stored["kecamatan"], "19.04.01");
  EXPECT_EQ(stored["region"], "19.04");
  EXPECT_EQ(stored["details"], report);
  EXPECT_EQ(stored["identity"], "biasa");
  EXPECT_EQ(stored["phone"], "+6281298765432");
  EXPECT_EQ(stored["lang"], "id");
  EXPECT_EQ(stored["channel"], "sms");
  EXPECT_FALSE(redis_.Exists(SmsSessionKey("+6281298765432")));
  // The next message starts a new conversation.
  EXPECT_EQ(server_.Sms(phone, "halo"), kMainId);
}

// In English: EN, then the report, in six messages.
TEST_F(SmsDialog, InEnglishTheLanguageThenTheReportInSixMessagesEveryReply) {
  const std::string phone = "085712345679";
  const std::string report = "The bridge in Namang is broken and the road is full of holes";
  Exchange chat;
  for (const std::string& text : {std::string("EN"), report, std::string("2"), std::string("yes"),
                                  std::string("1"), std::string("anonymous")}) {
    chat.sent.push_back(text);
    chat.replies.push_back(server_.Sms(phone, text));
  }
  EXPECT_EQ(chat.sent.size(), kMaxSmsMessages);
  EXPECT_EQ(chat.replies[0], kMainEn);
  EXPECT_EQ(chat.replies[1],
            "Type of report:\n1. Complaint\n2. Aspiration\n3. Information request\n0. Back");
  EXPECT_EQ(chat.replies[2],
            "Category: Infrastructure, Roads and bridges?\n1. Yes\n2. No, choose another\n0. Back");
  EXPECT_EQ(chat.replies[3],
            "Choose the place:\n1. Kec. Namang, Bangka Tengah\n"
            "2. Desa Namang, Namang, Bangka Tengah\n3. Type again\n0. Back");
  EXPECT_EQ(chat.replies[4], ConfirmEn("Roads and bridges", "Kec. Namang, Bangka Tengah",
                                       "The bridge in Namang is broken and..."));
  std::string tracking_no = TrackingNoIn(chat.replies[5]);
  EXPECT_TRUE(cases::IsValidTrackingNumber(tracking_no)) << chat.replies[5];
  EXPECT_EQ(chat.replies[5], "Thank you. Your report was received with number " + tracking_no +
                                 ". Check status: SMS CEK " + tracking_no + " to 1708.");
  auto stored = redis_.HGetAll(CaseKey(tracking_no));
  EXPECT_EQ(stored["type"], "aspirasi");
  EXPECT_EQ(stored["subcategory"], "jalan");
  EXPECT_EQ(stored["place"], "19.04.05");
  EXPECT_EQ(stored["identity"], "anonim");
  EXPECT_EQ(stored["details"], report);
  EXPECT_EQ(stored["lang"], "en");
}

// The place named, no problem word: the categories are asked; still six messages.
TEST_F(SmsDialog, AFirstSmsNamingOnlyThePlaceFilesInSixMessages) {
  const std::string phone = "081211112222";
  const std::vector<std::string> sent = {
      "Petugas kantor di desa Nibung kasar sekali pada warga", "1", "2", "4", "1", "1"};
  std::vector<std::string> replies;
  for (const auto& text : sent) {
    replies.push_back(server_.Sms(phone, text));
  }
  EXPECT_LE(sent.size(), kMaxSmsMessages);
  EXPECT_EQ(replies[1], kCategoryId);
  EXPECT_EQ(replies[3],
            "Pilih lokasi:\n1. Desa Nibung, Koba, Bangka Tengah\n2. Kec. Nibung, Musi Rawas Utara\n"
            "3. Desa Nibung, Batang Masumai, Merangin\n4. Ketik ulang\n0. Kembali");
  std::string tracking_no = TrackingNoIn(replies[5]);
  ASSERT_TRUE(cases::IsValidTrackingNumber(tracking_no)) << replies[5];
  auto stored = redis_.HGetAll(CaseKey(tracking_no));
  EXPECT_EQ(stored["subcategory"], "pungli");
  EXPECT_EQ(stored["place"], "19.04.01.2003");
  EXPECT_EQ(stored["kecamatan"], "19.04.01");
}

TEST_F(SmsDialog, AReportStartedFromTheMainMenuEveryReply) {
  const std::string phone = "081234500009";
  EXPECT_EQ(server_.Sms(phone, "halo"), kMainId);
  EXPECT_EQ(server_.Sms(phone, "aspirasi"), kCategoryId);
  EXPECT_EQ(server_.Sms(phone, "2"),
            "Sub-kategori:\n1. KTP dan Akta\n2. Perizinan\n3. Bantuan Sosial\n4. Pungutan Liar\n"
            "0. Kembali");
  EXPECT_EQ(server_.Sms(phone, "4"), kPlaceId);
  EXPECT_EQ(server_.Sms(phone, "koba"), kKobaId);
  EXPECT_EQ(server_.Sms(phone, "1"), kDetailsId);
  EXPECT_EQ(server_.Sms(phone, "Diminta uang untuk surat pindah"),
            ConfirmId("Pungutan Liar", kKobaKecamatan, "Diminta uang untuk surat pindah"));
  std::string done = server_.Sms(phone, "rahasia");
  std::string tracking_no = TrackingNoIn(done);
  EXPECT_TRUE(cases::IsValidTrackingNumber(tracking_no)) << done;
  auto stored = redis_.HGetAll(CaseKey(tracking_no));
  EXPECT_EQ(stored["type"], "aspirasi");
  EXPECT_EQ(stored["category"], "pelayanan-publik");
  EXPECT_EQ(stored["identity"], "rahasia");
}

TEST_F(SmsDialog, BackMainMenuAndInvalidInput) {
  const std::string phone = "081234500001";
  EXPECT_EQ(server_.Sms(phone, "halo"), kMainId);
  EXPECT_EQ(server_.Sms(phone, "7"), kHint + kMainId);
  EXPECT_EQ(server_.Sms(phone, "1"), kCategoryId);
  EXPECT_EQ(server_.Sms(phone, "1"), kSubHealthId);
  EXPECT_EQ(server_.Sms(phone, "0"), kCategoryId);
  EXPECT_EQ(server_.Sms(phone, "xyz"), kHint + kCategoryId);
  EXPECT_EQ(server_.Sms(phone, "00"), kMainId);
}

TEST_F(SmsDialog, ConversationIdleThirtyOneMinutesStartsOver) {
  const std::string phone = "081234500002";
  server_.Sms(phone, "halo");
  ASSERT_EQ(server_.Sms(phone, "1"), kCategoryId);
  ASSERT_EQ(server_.Sms(phone, "1"), kSubHealthId);
  server_.clock().Advance(29 * kMinute);
  EXPECT_EQ(server_.Sms(phone, "0"), kCategoryId);
  server_.clock().Advance(31 * kMinute);
  // "1" is not read as Kesehatan: the old conversation is gone and this is a new one.
  EXPECT_EQ(server_.Sms(phone, "1"), kMainId);
  EXPECT_EQ(server_.Sms(phone, "1"), kCategoryId);
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

TEST_F(SmsDialog, SameKannelIdTwiceGivesTheSameReplyAndChangesNothing) {
  const std::string phone = "081234500003";
  const std::string msisdn = "+6281234500003";
  ASSERT_EQ(server_.Sms(phone, "halo", "kannel-1").body, kMainId);
  ASSERT_EQ(server_.Sms(phone, "1", "kannel-2").body, kCategoryId);
  auto session = redis_.HGetAll(SmsSessionKey(msisdn));
  ASSERT_FALSE(session.empty());
  // Kannel retries the same message: had it been read again, "1" would have chosen Kesehatan.
  HttpReply again = server_.Sms(phone, "1", "kannel-2");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body, kCategoryId);
  EXPECT_EQ(redis_.HGetAll(SmsSessionKey(msisdn)), session);
  EXPECT_EQ(server_.Sms(phone, "1", "kannel-3").body, kSubHealthId);
}

TEST_F(SmsDialog, SameKannelIdTwiceFilesOneCase) {
  const std::string phone = "081234500004";
  server_.Sms(phone, "Antrean puskesmas di Koba lama sekali, pasien menunggu lima jam");
  for (const char* input : {"1", "ya", "1"}) {
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

TEST_F(SmsDialog, ControlCharactersAreRemovedBeforeTheyAreStored) {
  const std::string phone = "081234500005";
  const std::string raw = "Jalan\x01 rusak\x07 parah\tdi depan\r\nSDN 1\x1b Namang\x7f";
  const std::string clean = "Jalan rusak parah di depan SDN 1 Namang";
  EXPECT_EQ(server_.Sms(phone, raw), kTypeId);
  auto session = redis_.HGetAll(SmsSessionKey("+6281234500005"));
  EXPECT_NE(session["data"].find(clean), std::string::npos) << session["data"];
  for (const char* input : {"1", "1", "1"}) {
    server_.Sms(phone, input);
  }
  std::string tracking_no = TrackingNoIn(server_.Sms(phone, "1"));
  ASSERT_TRUE(cases::IsValidTrackingNumber(tracking_no));
  auto stored = redis_.HGetAll(CaseKey(tracking_no));
  EXPECT_EQ(stored["details"], clean);
  for (const auto& [field, value] : stored) {
    for (unsigned char c : value) {
      EXPECT_FALSE(c < 0x20 || c == 0x7f) << field << " holds control character " << int(c);
    }
  }
}

}  // namespace
}  // namespace lapor::test
