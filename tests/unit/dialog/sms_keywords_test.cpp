#include "dialog/sms_keywords.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/default_screens.hpp"
#include "support/test_time.hpp"
#include "unit/dialog/chat.hpp"
#include "unit/dialog/engine_fixture.hpp"

namespace lapor::dialog {
namespace {

using namespace test::screen;  // NOLINT: the default dialog's screens

using test::kMinute;
using test::kTestEpochMs;
const std::string kPhone = "+6281234567890";

const std::string kCategoryEn =
    "Category:\n1. Health\n2. Public service\n3. Infrastructure\n4. Public order and harmony\n"
    "0. Back";
constexpr std::string_view kHelpId =
    "LAPOR! 1708: laporkan masalah layanan publik. SMS LAPOR ke 1708 atau tekan *1708#. CEK "
    "<nomor> untuk status, BATAL untuk membatalkan, EN for English.";
constexpr std::string_view kHelpEn =
    "LAPOR! 1708: report public service problems. SMS LAPOR to 1708 or dial *1708#. CEK <number> "
    "for status, CANCEL to stop, ID untuk Bahasa Indonesia.";

// --- The parser alone -------------------------------------------------------------------------

struct ParseCase {
  std::string text;
  Keyword keyword;
  std::string argument;
};

TEST(SmsKeywords, RecognisesEveryKeywordInAnyCase) {
  const std::vector<ParseCase> cases = {
      {"LAPOR", Keyword::kReport, ""},
      {"lapor", Keyword::kReport, ""},
      {"Report", Keyword::kReport, ""},
      {"CEK 12345678", Keyword::kCheck, "12345678"},
      {"cek 1234 5678", Keyword::kCheck, "1234 5678"},
      {"Cek #000000427", Keyword::kCheck, "#000000427"},
      {"STATUS 000000427", Keyword::kCheck, "000000427"},
      {"check 000000427", Keyword::kCheck, "000000427"},
      {"CEK", Keyword::kCheck, ""},
      {"status", Keyword::kCheck, ""},
      {"BANTUAN", Keyword::kHelp, ""},
      {"help", Keyword::kHelp, ""},
      {"Help", Keyword::kHelp, ""},
      {"BATAL", Keyword::kCancel, ""},
      {"batal", Keyword::kCancel, ""},
      {"CANCEL", Keyword::kCancel, ""},
      {"EN", Keyword::kLanguage, "en"},
      {"english", Keyword::kLanguage, "en"},
      {"ID", Keyword::kLanguage, "id"},
      {"Indonesia", Keyword::kLanguage, "id"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("\"" + c.text + "\"");
    auto command = ParseSmsCommand(c.text);
    EXPECT_EQ(command.keyword, c.keyword);
    EXPECT_EQ(command.argument, c.argument);
  }
}

TEST(SmsKeywords, CaseCommandsNeedAValidTrackingNumber) {
  const std::vector<ParseCase> commands = {
      {"TIDAK 000000427", Keyword::kFeedback, "000000427"},
      {"tidak #000000427", Keyword::kFeedback, "#000000427"},
      {"PUAS 0000 0042 7", Keyword::kFeedback, "0000 0042 7"},
      {"INFO 000000427 jalan masih rusak", Keyword::kInfo, "000000427 jalan masih rusak"},
      {"info 0000-0042-7", Keyword::kInfo, "0000-0042-7"},
  };
  for (const auto& c : commands) {
    SCOPED_TRACE("\"" + c.text + "\"");
    auto command = ParseSmsCommand(c.text);
    EXPECT_EQ(command.keyword, c.keyword);
    EXPECT_EQ(command.argument, c.argument);
  }
  // A citizen's words that begin like a command: a number that is not a tracking number (too
  // short, too long, a wrong check digit) leaves them words.
  for (std::string text :
       {"Tidak 3 hari sampah tidak diangkut", "TIDAK 2 kali diminta uang", "Info 1708 tidak aktif",
        "tidak 000000428", "puas 00000427", "INFO 0000000427 x", "Tidak 000000427000 orang"}) {
    SCOPED_TRACE("\"" + text + "\"");
    EXPECT_EQ(ParseSmsCommand(text).keyword, Keyword::kNone);
  }
}

TEST(SmsKeywords, LaporKeepsTheRestAsWrittenForTheDetails) {
  auto command = ParseSmsCommand("LAPOR Jalan Rusak di Desa Cibinong, RT 03");
  EXPECT_EQ(command.keyword, Keyword::kReport);
  EXPECT_EQ(command.argument, "Jalan Rusak di Desa Cibinong, RT 03");
}

TEST(SmsKeywords, WordsThatOnlyStartASentenceAreNotKeywords) {
  for (std::string text :
       {"batal karena jalan sudah diperbaiki warga", "BATAL saja", "bantuan sosial tidak sampai",
        "help me please", "cancel the order", "EN route", "id card hilang",
        "Cek jalan rusak di desa", "status jalan tidak jelas", "laporan jalan rusak", "lapor,jalan",
        "halo", "", "cekk 12345678", "1", "00"}) {
    SCOPED_TRACE("\"" + text + "\"");
    EXPECT_EQ(ParseSmsCommand(text).keyword, Keyword::kNone);
  }
}

// --- Keywords in the engine -------------------------------------------------------------------

class SmsEngine : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { engine_ = test::DefaultEngine(); }
  static std::shared_ptr<const Engine> engine_;

  static test::Chat NewChat(const std::string& phone = kPhone) {
    return test::Chat(*engine_, Channel::kSms, phone);
  }
};
std::shared_ptr<const Engine> SmsEngine::engine_;

TEST_F(SmsEngine, WholeReportInIndonesianEveryReply) {
  auto chat = NewChat();
  EXPECT_EQ(chat.Send("halo", kTestEpochMs).screen, kMainId);
  EXPECT_EQ(chat.Send("aspirasi", kTestEpochMs).screen, kCategoryId);
  EXPECT_EQ(chat.Send("2", kTestEpochMs).screen,
            "Sub-kategori:\n1. KTP dan Akta\n2. Perizinan\n3. Bantuan Sosial\n4. Pungutan Liar\n"
            "0. Kembali");
  EXPECT_EQ(chat.Send("4", kTestEpochMs).screen, kPlaceId);
  EXPECT_EQ(chat.Send("koba", kTestEpochMs).screen, kKobaId);
  EXPECT_EQ(chat.Send("1", kTestEpochMs).screen, kDetailsId);
  EXPECT_EQ(
      chat.Send("Diminta uang untuk surat pindah", kTestEpochMs).screen,
      ConfirmId("Pungutan Liar", "Kec. Koba, Bangka Tengah", "Diminta uang untuk surat pindah"));
  auto done = chat.Send("1", kTestEpochMs);
  EXPECT_FALSE(done.session.has_value());
  ASSERT_TRUE(done.file_case.has_value());
  EXPECT_EQ(done.file_case->lang, "id");
  EXPECT_EQ(done.file_case->answers.at("subcategory"), "pungli");
  EXPECT_EQ(done.file_case->answers.at("kecamatan"), "19.04.01");
  EXPECT_EQ(done.screen,
            "Terima kasih. Laporan Anda diterima dengan nomor {tracking_no}. Cek status: SMS CEK "
            "{tracking_no} ke 1708.");
}

TEST_F(SmsEngine, EnglishKeywordThenWholeReportInEnglish) {
  auto chat = NewChat();
  EXPECT_EQ(chat.Send("EN", kTestEpochMs).screen, kMainEn);
  EXPECT_EQ(chat.Send("complaint", kTestEpochMs).screen, kCategoryEn);
  EXPECT_EQ(chat.Send("health", kTestEpochMs).screen,
            "Sub-category:\n1. Health centre\n2. Hospital\n3. BPJS health insurance\n"
            "4. Medicine and vaccines\n0. Back");
  EXPECT_EQ(chat.Send("hospital", kTestEpochMs).screen,
            "Where? Write the village or district (kecamatan):\n0. Back");
  EXPECT_EQ(chat.Send("Koba", kTestEpochMs).screen,
            "Choose the place:\n1. Kec. Koba, Bangka Tengah\n2. Kel. Koba, Koba, Bangka Tengah\n"
            "3. Desa Koba, Tomor Birip, Asmat\n4. Type again\n0. Back");
  EXPECT_EQ(chat.Send("1", kTestEpochMs).screen,
            "Describe the problem and the exact spot (street, landmark):\n0. Back");
  EXPECT_EQ(chat.Send("Emergency room refused a patient", kTestEpochMs).screen,
            ConfirmEn("Hospital", "Kec. Koba, Bangka Tengah", "Emergency room refused a patient"));
  auto done = chat.Send("anonymous", kTestEpochMs);
  ASSERT_TRUE(done.file_case.has_value());
  EXPECT_EQ(done.file_case->lang, "en");
  EXPECT_EQ(done.file_case->answers.at("identity"), "anonim");
  EXPECT_EQ(done.screen,
            "Thank you. Your report was received with number {tracking_no}. Check status: SMS CEK "
            "{tracking_no} to 1708.");
}

TEST_F(SmsEngine, LanguageKeywordMidDialogShowsTheSameStepInTheOtherLanguage) {
  auto chat = NewChat();
  chat.Send("halo", kTestEpochMs);
  chat.Send("1", kTestEpochMs);
  auto en = chat.Send("en", kTestEpochMs);
  EXPECT_EQ(en.screen, kCategoryEn);
  ASSERT_TRUE(en.session.has_value());
  EXPECT_EQ(en.session->node, "category");
  EXPECT_EQ(chat.Send("ID", kTestEpochMs).screen, kCategoryId);
}

TEST_F(SmsEngine, LaporWithALongTextPrefillsDetailsAndNeverAsksForThem) {
  auto chat = NewChat();
  const std::string details = "Jalan rusak parah di depan SDN 1 Namang";
  auto start = chat.Send("LAPOR " + details, kTestEpochMs);
  EXPECT_EQ(start.screen, kTypeId);
  ASSERT_TRUE(start.session.has_value());
  EXPECT_EQ(start.session->answers.at("details"), details);
  EXPECT_EQ(chat.Send("1", kTestEpochMs).screen, kRoadsOfferId);
  EXPECT_EQ(chat.Send("ya", kTestEpochMs).screen,
            "Pilih lokasi:\n1. Kec. Namang, Bangka Tengah\n2. Desa Namang, Namang, Bangka Tengah\n"
            "3. Ketik ulang\n0. Kembali");
  // Straight from the place to the confirm screen: the details were given.
  EXPECT_EQ(chat.Send("1", kTestEpochMs).screen,
            ConfirmId("Jalan dan Jembatan", "Kec. Namang, Bangka Tengah",
                      "Jalan rusak parah di depan SD..."));
  auto done = chat.Send("2", kTestEpochMs);
  ASSERT_TRUE(done.file_case.has_value());
  EXPECT_EQ(done.file_case->answers.at("details"), details);
  EXPECT_EQ(done.file_case->answers.at("identity"), "anonim");
}

TEST_F(SmsEngine, LaporWithAShortTextStartsTheReportAndAsksForDetailsLater) {
  auto chat = NewChat();
  auto start = chat.Send("lapor jalan", kTestEpochMs);
  EXPECT_EQ(start.screen, kTypeId);
  ASSERT_TRUE(start.session.has_value());
  EXPECT_FALSE(start.session->answers.contains("details"));
  EXPECT_TRUE(start.session->offers.empty());
  for (const char* input : {"1", "3", "1", "koba"}) {
    chat.Send(input, kTestEpochMs);
  }
  EXPECT_EQ(chat.Send("1", kTestEpochMs).screen, kDetailsId);
}

TEST_F(SmsEngine, LongFirstSmsIsTakenAsDetailsAndTheDialogAsksOnlyTheRest) {
  auto chat = NewChat();
  const std::string details = "Lampu jalan di depan sekolah mati sejak dua minggu";
  EXPECT_EQ(chat.Send(details, kTestEpochMs).screen, kTypeId);
  EXPECT_EQ(chat.Send("3", kTestEpochMs).screen,
            "Kategori: Infrastruktur, Lampu Jalan?\n1. Ya\n2. Bukan, pilih lain\n0. Kembali");
  // No place named: it is asked.
  EXPECT_EQ(chat.Send("1", kTestEpochMs).screen, kPlaceId);
  chat.Send("simpang katis", kTestEpochMs);
  EXPECT_EQ(chat.Send("1", kTestEpochMs).screen,
            ConfirmId("Lampu Jalan", "Kec. Simpang Katis, Bangka Tengah",
                      "Lampu jalan di depan sekolah ..."));
  auto done = chat.Send("rahasia", kTestEpochMs);
  ASSERT_TRUE(done.file_case.has_value());
  EXPECT_EQ(done.file_case->answers.at("details"), details);
  EXPECT_EQ(done.file_case->answers.at("subcategory"), "listrik");
  EXPECT_EQ(done.file_case->answers.at("type"), "informasi");
}

TEST_F(SmsEngine, ShortFirstSmsShowsTheMainMenu) {
  auto chat = NewChat();
  auto reply = chat.Send("jalan rusak", kTestEpochMs);
  EXPECT_EQ(reply.screen, kMainId);
  ASSERT_TRUE(reply.session.has_value());
  EXPECT_TRUE(reply.session->answers.empty());
}

TEST_F(SmsEngine, BackSkipsThePrefilledDetailsBothWays) {
  auto chat = NewChat();
  chat.Send("Jembatan gantung di Desa Nibung putus", kTestEpochMs);
  for (const char* input : {"1", "1", "1"}) {
    chat.Send(input, kTestEpochMs);
  }
  const std::string confirm = ConfirmId("Jalan dan Jembatan", "Desa Nibung, Koba, Bangka Tengah",
                                        "Jembatan gantung di Des...");
  ASSERT_EQ(chat.screen(), confirm);
  // Back from the confirm screen goes to the place, over the details the first SMS gave.
  EXPECT_EQ(chat.Send("0", kTestEpochMs).screen, kPlaceId);
  chat.Send("nibung", kTestEpochMs);
  EXPECT_EQ(chat.Send("1", kTestEpochMs).screen, confirm);
  ASSERT_TRUE(chat.session.has_value());
  EXPECT_EQ(chat.session->answers.at("details"), "Jembatan gantung di Desa Nibung putus");
  EXPECT_EQ(chat.session->answers.at("place"), "19.04.01.2003");
}

TEST_F(SmsEngine, ChangeAfterAPrefilledReportAsksForDetailsAgain) {
  auto chat = NewChat();
  chat.Send("Jembatan gantung di Desa Nibung putus", kTestEpochMs);
  for (const char* input : {"1", "1", "1"}) {
    chat.Send(input, kTestEpochMs);
  }
  ASSERT_TRUE(chat.screen().ends_with("4. Ubah\n0. Kembali")) << chat.screen();
  EXPECT_EQ(chat.Send("ubah", kTestEpochMs).screen, kTypeId);
  ASSERT_TRUE(chat.session.has_value());
  EXPECT_TRUE(chat.session->offers.empty());
  for (const char* input : {"1", "3", "1", "nibung"}) {
    chat.Send(input, kTestEpochMs);
  }
  EXPECT_EQ(chat.Send("1", kTestEpochMs).screen, kDetailsId);
}

TEST_F(SmsEngine, BatalAsTheStartOfDetailsIsNotACancel) {
  const std::string details = "batal karena jalan sudah diperbaiki warga sendiri";
  {
    SCOPED_TRACE("as the first SMS");
    auto chat = NewChat();
    auto reply = chat.Send(details, kTestEpochMs);
    EXPECT_EQ(reply.screen, kTypeId);
    ASSERT_TRUE(reply.session.has_value());
    EXPECT_EQ(reply.session->answers.at("details"), details);
  }
  {
    SCOPED_TRACE("typed at the details step");
    auto chat = NewChat();
    for (const char* input : {"halo", "1", "3", "1", "koba", "1"}) {
      chat.Send(input, kTestEpochMs);
    }
    ASSERT_EQ(chat.screen(), kDetailsId);
    auto reply = chat.Send(details, kTestEpochMs);
    EXPECT_TRUE(
        reply.screen.ends_with("Kirim sebagai:\n1. Biasa\n2. Anonim (nomor disamarkan)\n"
                               "3. Rahasia (tidak dipublikasi)\n4. Ubah\n0. Kembali"))
        << reply.screen;
    ASSERT_TRUE(reply.session.has_value());
    EXPECT_EQ(reply.session->answers.at("details"), details);
  }
}

TEST_F(SmsEngine, BatalOrCancelEndsTheConversation) {
  for (std::string word : {"BATAL", "batal", "Cancel"}) {
    SCOPED_TRACE(word);
    auto chat = NewChat();
    chat.Send("halo", kTestEpochMs);
    chat.Send("1", kTestEpochMs);
    auto cancelled = chat.Send(word, kTestEpochMs);
    EXPECT_FALSE(cancelled.session.has_value());
    EXPECT_FALSE(cancelled.file_case.has_value());
    EXPECT_EQ(cancelled.screen, "Percakapan dibatalkan. SMS LAPOR untuk mulai lagi.");
    // The next message starts over.
    EXPECT_EQ(chat.Send("1", kTestEpochMs).screen, kMainId);
  }
  auto english = NewChat();
  english.Send("EN", kTestEpochMs);
  EXPECT_EQ(english.Send("CANCEL", kTestEpochMs).screen,
            "Conversation cancelled. SMS LAPOR to start again.");
}

TEST_F(SmsEngine, HelpAnswersAndLeavesTheDialogWhereItWas) {
  auto chat = NewChat();
  chat.Send("halo", kTestEpochMs);
  chat.Send("1", kTestEpochMs);
  auto help = chat.Send("BANTUAN", kTestEpochMs);
  EXPECT_EQ(help.screen, kHelpId);
  ASSERT_TRUE(help.session.has_value());
  EXPECT_EQ(help.session->node, "category");
  EXPECT_EQ(chat.Send("1", kTestEpochMs).screen, kSubHealthId);
  auto english = NewChat();
  english.Send("EN", kTestEpochMs);
  EXPECT_EQ(english.Send("help", kTestEpochMs).screen, kHelpEn);
}

TEST_F(SmsEngine, CheckOwnCaseShowsItsStatus) {
  auto chat = NewChat();
  chat.lookup = CaseView{.tracking_no = "000000427",
                         .status = "submitted",
                         .phone = kPhone,
                         .updated_at = kTestEpochMs + 90 * kMinute};
  for (std::string text :
       {"CEK 000000427", "cek 0000 0042 7", "STATUS 000000427", "cek #000000427"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(chat.Send(text, kTestEpochMs).screen,
              "Laporan 000000427 (28/11/2026 09:30 WIB): diterima, menunggu verifikasi.");
  }
  chat.Send("EN", kTestEpochMs);
  EXPECT_EQ(chat.Send("STATUS 000000427", kTestEpochMs).screen,
            "Report 000000427 (28/11/2026 09:30 WIB): received, awaiting verification.");
}

TEST_F(SmsEngine, CheckAnotherNumbersCaseReadsExactlyLikeAMissingOne) {
  auto other = NewChat("+6285700000001");
  other.lookup = CaseView{.tracking_no = "000000427",
                          .status = "submitted",
                          .phone = kPhone,
                          .updated_at = kTestEpochMs};
  auto missing = NewChat("+6285700000001");
  EXPECT_EQ(other.Send("CEK 000000427", kTestEpochMs).screen,
            "Laporan 000000427 tidak ditemukan untuk nomor Anda.");
  EXPECT_EQ(missing.Send("CEK 000000427", kTestEpochMs).screen, other.screen());
  other.Send("EN", kTestEpochMs);
  EXPECT_EQ(other.Send("CEK 000000427", kTestEpochMs).screen,
            "Report 000000427 was not found for your number.");
}

TEST_F(SmsEngine, CheckWithAMistypedDigitOrNoNumber) {
  auto chat = NewChat();
  EXPECT_EQ(chat.Send("CEK 000000428", kTestEpochMs).screen,
            "Nomor 000000428 tidak valid. Periksa kembali angkanya.");
  // Two neighbouring digits swapped.
  EXPECT_EQ(chat.Send("CEK 000004027", kTestEpochMs).screen,
            "Nomor 000004027 tidak valid. Periksa kembali angkanya.");
  EXPECT_EQ(chat.Send("CEK", kTestEpochMs).screen,
            "Tulis: CEK <nomor laporan>, contoh CEK 123456786.");
  EXPECT_EQ(chat.Send("STATUS 1234", kTestEpochMs).screen,
            "Tulis: CEK <nomor laporan>, contoh CEK 123456786.");
  chat.Send("EN", kTestEpochMs);
  EXPECT_EQ(chat.Send("CEK", kTestEpochMs).screen,
            "Write: CEK <report number>, e.g. CEK 123456786.");
  EXPECT_EQ(chat.Send("CEK 000000428", kTestEpochMs).screen,
            "Number 000000428 is not valid. Please check the digits.");
}

TEST_F(SmsEngine, CheckMidDialogLeavesTheDialogWhereItWas) {
  auto chat = NewChat();
  chat.Send("halo", kTestEpochMs);
  chat.Send("1", kTestEpochMs);
  chat.Send("CEK 000000427", kTestEpochMs);
  ASSERT_TRUE(chat.session.has_value());
  EXPECT_EQ(chat.session->node, "category");
  EXPECT_EQ(chat.Send("1", kTestEpochMs).screen, kSubHealthId);
}

TEST_F(SmsEngine, IdleExpiryAfterThirtyMinutesStartsANewConversation) {
  auto chat = NewChat();
  chat.Send("halo", kTestEpochMs);
  chat.Send("1", kTestEpochMs);
  chat.Send("1", kTestEpochMs + 10 * kMinute);
  // 30 minutes of quiet is still the same conversation ...
  auto kept = chat.Send("0", kTestEpochMs + 40 * kMinute);
  EXPECT_EQ(kept.screen, kCategoryId);
  // ... 31 is not: "1" is read on a new main menu, not as an answer to the old one.
  auto fresh = chat.Send("1", kTestEpochMs + 71 * kMinute);
  EXPECT_EQ(fresh.screen, kMainId);
  ASSERT_TRUE(fresh.session.has_value());
  EXPECT_TRUE(fresh.session->answers.empty());
  EXPECT_TRUE(fresh.session->trail.empty());
}

TEST_F(SmsEngine, LaporMidDialogStartsANewReport) {
  auto chat = NewChat();
  for (const char* input : {"halo", "1", "2", "2", "koba"}) {
    chat.Send(input, kTestEpochMs);
  }
  auto restart = chat.Send("LAPOR", kTestEpochMs);
  EXPECT_EQ(restart.screen, kTypeId);
  ASSERT_TRUE(restart.session.has_value());
  EXPECT_TRUE(restart.session->answers.empty());
}

TEST_F(SmsEngine, InsideAFreeTextStepABareWordIsAnAnswer) {
  auto chat = NewChat();
  for (const char* input : {"halo", "1", "1", "1", "koba", "1"}) {
    chat.Send(input, kTestEpochMs);
  }
  ASSERT_EQ(chat.screen(), kDetailsId);
  // Keywords alone are answers here (too short for the details, so asked again), never commands.
  for (const char* word : {"Stop", "ID", "BANTUAN", "LAPOR", "cek"}) {
    SCOPED_TRACE(word);
    auto reply = chat.Send(word, kTestEpochMs);
    ASSERT_TRUE(reply.session.has_value());
    EXPECT_EQ(reply.session->node, "details");
    EXPECT_FALSE(reply.opt_out.has_value());
    EXPECT_EQ(reply.session->lang, "id");
  }
  auto details = chat.Send("Tidak 3 hari sampah tidak diangkut", kTestEpochMs);
  ASSERT_TRUE(details.session.has_value());
  EXPECT_EQ(details.session->node, "confirm");
  EXPECT_EQ(details.session->answers.at("details"), "Tidak 3 hari sampah tidak diangkut");
  // On a menu the same words are commands again.
  auto cancelled = chat.Send("BATAL", kTestEpochMs);
  EXPECT_FALSE(cancelled.session.has_value());
}

TEST_F(SmsEngine, LaporWithTextMidDialogIsAnAnswerNotARestart) {
  auto chat = NewChat();
  for (const char* input : {"halo", "1", "1", "1", "koba", "1"}) {
    chat.Send(input, kTestEpochMs);
  }
  auto answer = chat.Send("Lapor, antrean puskesmas lama sekali", kTestEpochMs);
  ASSERT_TRUE(answer.session.has_value());
  EXPECT_EQ(answer.session->node, "confirm");
  EXPECT_EQ(answer.session->answers.at("details"), "Lapor, antrean puskesmas lama sekali");
  EXPECT_EQ(answer.session->answers.at("place"), "19.04.01");
}

}  // namespace
}  // namespace lapor::dialog
