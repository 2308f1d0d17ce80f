#include "dialog/engine.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dialog/screen.hpp"
#include "support/default_screens.hpp"
#include "unit/dialog/chat.hpp"
#include "unit/dialog/engine_fixture.hpp"

namespace lapor::dialog {
namespace {

using namespace test::screen;  // NOLINT: the default dialog's screens

using test::Chat;

constexpr TimeMs kMinute = 60 * 1000;
// 2026-11-28 08:00 WIB.
constexpr TimeMs kT0 = 1795827600000;

class EngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { engine_ = test::DefaultEngine(); }
  static std::shared_ptr<const Engine> engine_;

  // A USSD chat dialled and walked to the location input (Pengaduan, Kesehatan, Puskesmas,
  // Cibinong).
  static Chat AtKecamatan(TimeMs now = kT0) {
    Chat chat(*engine_, Channel::kUssd);
    chat.Dial(now);
    for (const char* input : {"1", "1", "1", "1"}) {
      chat.Send(input, now);
    }
    EXPECT_EQ(chat.screen(), kKecamatanPage1Id);
    return chat;
  }
  static Chat AtLocation(TimeMs now = kT0) {
    Chat chat = AtKecamatan(now);
    chat.Send("7", now);
    EXPECT_EQ(chat.screen(), kLocationId);
    return chat;
  }
  // ... and on to the confirm summary.
  static Chat AtConfirm(TimeMs now = kT0) {
    Chat chat = AtLocation(now);
    chat.Send("Desa Pakansari", now);
    chat.Send("Antrean puskesmas lama sekali", now);
    chat.Send("2", now);
    EXPECT_TRUE(chat.screen().starts_with("Kirim laporan?\n")) << chat.screen();
    return chat;
  }
};
std::shared_ptr<const Engine> EngineTest::engine_;

TEST_F(EngineTest, UssdReportInIndonesianFilesCaseWithEveryScreen) {
  Chat chat(*engine_, Channel::kUssd);
  EXPECT_EQ(chat.Dial().screen,
            "LAPOR! 1708 - Layanan Aspirasi dan Pengaduan\n1. Lapor\n2. Cek status\n3. Bantuan\n"
            "4. Bahasa/Language");
  EXPECT_EQ(chat.Send("1").screen,
            "Jenis laporan:\n1. Pengaduan\n2. Aspirasi\n3. Permintaan Informasi\n0. Kembali");
  EXPECT_EQ(chat.Send("1").screen,
            "Kategori:\n1. Kesehatan\n2. Pelayanan Publik\n3. Infrastruktur\n0. Kembali");
  EXPECT_EQ(chat.Send("1").screen,
            "Sub-kategori:\n1. Puskesmas\n2. Rumah Sakit\n3. BPJS Kesehatan\n4. Obat dan Vaksin\n"
            "0. Kembali");
  std::string kecamatan = chat.Send("1").screen;
  EXPECT_TRUE(kecamatan.starts_with("Kecamatan:\n1. Babakan Madang\n")) << kecamatan;
  EXPECT_NE(kecamatan.find("\n98. Berikutnya\n0. Kembali"), std::string::npos) << kecamatan;
  EXPECT_LE(ScreenLength(kecamatan), 182u);
  EXPECT_EQ(chat.Send("cibinong").screen, "Tulis lokasi (desa, jalan, patokan):\n0. Kembali");
  EXPECT_EQ(chat.Send("Desa Pakansari").screen,
            "Ceritakan masalahnya (min. 15 huruf):\n0. Kembali");
  EXPECT_EQ(chat.Send("Antrean puskesmas lama sekali").screen,
            "Identitas pelapor:\n1. Biasa\n2. Anonim\n3. Rahasia\n0. Kembali");
  EXPECT_EQ(
      chat.Send("2").screen,
      "Kirim laporan?\nPengaduan, Puskesmas\nKec. Cibinong, Desa Pakansari\nAntrean puskesmas "
      "lama sekali\nIdentitas: Anonim\n1. Kirim\n2. Ubah\n3. Batal\n0. Kembali");
  auto done = chat.Send("1");
  EXPECT_TRUE(done.end);
  EXPECT_FALSE(done.session.has_value());
  ASSERT_TRUE(done.file_case.has_value());
  EXPECT_EQ(done.file_case->answers.at("type"), "pengaduan");
  EXPECT_EQ(done.file_case->answers.at("category"), "kesehatan");
  EXPECT_EQ(done.file_case->answers.at("subcategory"), "puskesmas");
  EXPECT_EQ(done.file_case->answers.at("kecamatan"), "cibinong");
  EXPECT_EQ(done.file_case->answers.at("identity"), "anonim");
  EXPECT_EQ(done.screen,
            "Terima kasih. Laporan Anda diterima dengan nomor {tracking_no}. Cek status: SMS CEK "
            "{tracking_no} ke 1708.");
}

TEST_F(EngineTest, LanguageMenuSwitchesToEnglishAndEveryReportScreenIsEnglish) {
  Chat chat(*engine_, Channel::kUssd);
  EXPECT_EQ(chat.Dial().screen, kMainId);
  EXPECT_EQ(chat.Send("4").screen,
            "Pilih bahasa / Choose language:\n1. Bahasa Indonesia\n2. English\n0. Kembali");
  auto main = chat.Send("2");
  EXPECT_EQ(main.screen,
            "LAPOR! 1708 - Public complaints\n1. Report\n2. Check status\n3. Help\n"
            "4. Bahasa/Language");
  ASSERT_TRUE(main.session.has_value());
  EXPECT_EQ(main.session->lang, "en");
  EXPECT_EQ(chat.Send("1").screen,
            "Type of report:\n1. Complaint\n2. Aspiration\n3. Information request\n0. Back");
  EXPECT_EQ(chat.Send("3").screen,
            "Category:\n1. Health\n2. Public service\n3. Infrastructure\n0. Back");
  EXPECT_EQ(chat.Send("3").screen,
            "Sub-category:\n1. Roads and bridges\n2. Clean water\n3. Street lights\n"
            "4. Drainage and floods\n0. Back");
  EXPECT_EQ(chat.Send("1").screen,
            "District (kecamatan):\n1. Babakan Madang\n2. Bojonggede\n3. Caringin\n4. Cariu\n"
            "5. Ciampea\n6. Ciawi\n7. Cibinong\n8. Cibungbulang\n9. Cigombong\n10. Cigudeg\n"
            "98. More\n0. Back");
  EXPECT_EQ(chat.Send("Ciawi").screen, "Write the location (village, street, landmark):\n0. Back");
  EXPECT_EQ(chat.Send("Desa Bendungan").screen, "Describe the problem (min. 15 letters):\n0. Back");
  EXPECT_EQ(chat.Send("Big pothole near the market").screen,
            "Your identity:\n1. Regular\n2. Anonymous\n3. Confidential\n0. Back");
  EXPECT_EQ(chat.Send("confidential").screen,
            "Send report?\nInformation request, Roads and bridges\nKec. Ciawi, Desa Bendungan\n"
            "Big pothole near the market\nIdentity: Confidential\n1. Send\n2. Change\n3. Cancel\n"
            "0. Back");
  auto done = chat.Send("send");
  EXPECT_TRUE(done.end);
  EXPECT_EQ(done.screen,
            "Thank you. Your report was received with number {tracking_no}. Check status: SMS CEK "
            "{tracking_no} to 1708.");
  ASSERT_TRUE(done.file_case.has_value());
  EXPECT_EQ(done.file_case->lang, "en");
  EXPECT_EQ(done.file_case->answers,
            (std::map<std::string, std::string>{{"type", "informasi"},
                                                {"category", "infrastruktur"},
                                                {"subcategory", "jalan"},
                                                {"kecamatan", "ciawi"},
                                                {"location", "Desa Bendungan"},
                                                {"details", "Big pothole near the market"},
                                                {"identity", "rahasia"}}));
}

// The summary keeps room for the one-line hint, so a summary that would fit alone but not with
// the hint has its free text shortened even when no hint is shown.
TEST_F(EngineTest, SummaryKeepsRoomForTheHintByShorteningTheDetails) {
  Chat chat(*engine_, Channel::kUssd);
  chat.Dial();
  for (const char* input : {"4", "2", "1", "3", "3", "1", "Gunung Putri", "Jl. Raya Bogor km 40",
                            "Big pothole near the market"}) {
    chat.Send(input);
  }
  auto summary = chat.Send("3");
  EXPECT_EQ(summary.screen,
            "Send report?\nInformation request, Roads and bridges\nKec. Gunung Putri, Jl. Raya "
            "Bogor km 40\nBig pothole ...\nIdentity: Confidential\n1. Send\n2. Change\n3. Cancel\n"
            "0. Back");
  auto with_hint = chat.Send("x");
  EXPECT_EQ(with_hint.screen, "Unknown choice.\n" + summary.screen);
  EXPECT_EQ(ScreenLength(with_hint.screen), 182u);
}

TEST_F(EngineTest, EnglishNavigationErrorAndEndScreensAreEnglish) {
  Chat chat(*engine_, Channel::kUssd);
  chat.Dial();
  chat.Send("4");
  chat.Send("english");
  EXPECT_EQ(chat.Send("x").screen,
            "Unknown choice.\nLAPOR! 1708 - Public complaints\n1. Report\n2. Check status\n"
            "3. Help\n4. Bahasa/Language");
  EXPECT_EQ(chat.Send("2").screen, "Enter the report number (9 digits):\n0. Back");
  EXPECT_EQ(chat.Send("12").screen,
            "The report number has 9 digits.\nEnter the report number (9 digits):\n0. Back");
  EXPECT_EQ(chat.Send("0").screen,
            "LAPOR! 1708 - Public complaints\n1. Report\n2. Check status\n3. Help\n"
            "4. Bahasa/Language");
  chat.Send("1");
  chat.Send("1");
  chat.Send("1");
  chat.Send("1");
  EXPECT_EQ(chat.Send("1").screen, "Write the location (village, street, landmark):\n0. Back");
  EXPECT_EQ(chat.Send("ab").screen,
            "Location needs at least 3 letters.\nWrite the location (village, street, "
            "landmark):\n0. Back");
  chat.Send("Desa Sentul");
  EXPECT_EQ(chat.Send("too short").screen,
            "Too short, at least 15 letters please.\nDescribe the problem (min. 15 letters):\n"
            "0. Back");
  EXPECT_EQ(chat.Send("00").screen,
            "LAPOR! 1708 - Public complaints\n1. Report\n2. Check status\n3. Help\n"
            "4. Bahasa/Language");
  auto help = chat.Send("3");
  EXPECT_TRUE(help.end);
  EXPECT_EQ(help.screen,
            "LAPOR! 1708: report public service problems. SMS LAPOR to 1708 or dial *1708#. CEK "
            "<number> for status, CANCEL to stop, ID untuk Bahasa Indonesia.");
}

TEST_F(EngineTest, EnglishCancelEndsInEnglish) {
  Chat chat(*engine_, Channel::kUssd);
  chat.Dial();
  chat.Send("4");
  chat.Send("2");
  for (const char* input :
       {"1", "1", "1", "1", "1", "Desa Sentul", "Antrean puskesmas lama sekali", "1"}) {
    chat.Send(input);
  }
  auto cancelled = chat.Send("3");
  EXPECT_TRUE(cancelled.end);
  EXPECT_FALSE(cancelled.file_case.has_value());
  EXPECT_EQ(cancelled.screen, "Report cancelled. Dial *1708# any time.");
}

TEST_F(EngineTest, LanguageMenuBackToIndonesian) {
  Chat chat(*engine_, Channel::kUssd);
  chat.Dial();
  chat.Send("4");
  chat.Send("2");
  chat.Send("4");
  auto main = chat.Send("1");
  EXPECT_EQ(main.screen, kMainId);
  ASSERT_TRUE(main.session.has_value());
  EXPECT_EQ(main.session->lang, "id");
}

TEST_F(EngineTest, MenuAcceptsNumberLabelWordAnyCasePrefixAndSurroundingSpaces) {
  struct Case {
    std::string typed;
    std::string category;
  };
  const std::vector<Case> cases = {
      {"2", "pelayanan-publik"},
      {"Pelayanan Publik", "pelayanan-publik"},
      {"pelayanan publik", "pelayanan-publik"},
      {"PELAYANAN", "pelayanan-publik"},
      {"pelayanan", "pelayanan-publik"},
      {"pel", "pelayanan-publik"},
      {"  Kesehatan  ", "kesehatan"},
      {"kEsEhAtAn", "kesehatan"},
      {"infra", "infrastruktur"},
      {"  pelayanan   PUBLIK ", "pelayanan-publik"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("typed \"" + c.typed + "\"");
    Chat chat(*engine_, Channel::kUssd);
    chat.Dial();
    chat.Send("1");
    ASSERT_EQ(chat.Send("1").screen, kCategoryId);
    auto next = chat.Send(c.typed);
    ASSERT_TRUE(next.session.has_value());
    EXPECT_EQ(next.session->answers.at("category"), c.category);
    EXPECT_TRUE(next.screen.starts_with("Sub-kategori:\n")) << next.screen;
  }
}

TEST_F(EngineTest, KecamatanByNameAnyCaseOrUniquePrefix) {
  struct Case {
    std::string typed;
    std::string kecamatan;
  };
  const std::vector<Case> cases = {
      {"cibinong", "cibinong"}, {"CIBINONG", "cibinong"},
      {"Cibi", "cibinong"},     {"gunung putri", "gunung-putri"},
      {"parung", "parung"},     {"Parung Panjang", "parung-panjang"},
      {"tenjo", "tenjo"},       {"tenjol", "tenjolaya"},
      {"40", "tenjolaya"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("typed \"" + c.typed + "\"");
    Chat chat = AtKecamatan();
    auto next = chat.Send(c.typed);
    ASSERT_TRUE(next.session.has_value());
    EXPECT_EQ(next.session->answers.at("kecamatan"), c.kecamatan);
    EXPECT_EQ(next.screen, kLocationId);
  }
}

TEST_F(EngineTest, AmbiguousShortOrUnknownChoiceRepeatsScreenWithHint) {
  for (std::string typed : {"Cib", "gunung", "ci", "x", "41", "0000", "Bandung", "999"}) {
    SCOPED_TRACE("typed \"" + typed + "\"");
    Chat chat = AtKecamatan();
    auto again = chat.Send(typed);
    EXPECT_EQ(again.screen, "Pilihan tidak dikenal.\n" + std::string(kKecamatanPage1Id));
    ASSERT_TRUE(again.session.has_value());
    EXPECT_EQ(again.session->node, "kecamatan");
    EXPECT_FALSE(again.session->answers.contains("kecamatan"));
    EXPECT_LE(ScreenLength(again.screen), 182u);
  }
}

TEST_F(EngineTest, WrongMenuAnswerRepeatsTheScreenWithHintAndThenAcceptsAGoodOne) {
  Chat chat(*engine_, Channel::kUssd);
  chat.Dial();
  chat.Send("1");
  EXPECT_EQ(chat.Send("7").screen, "Pilihan tidak dikenal.\n" + std::string(kTypeId));
  EXPECT_EQ(chat.Send("aduan").screen, "Pilihan tidak dikenal.\n" + std::string(kTypeId));
  EXPECT_EQ(chat.Send("pengaduan").screen, kCategoryId);
}

TEST_F(EngineTest, InputTooShortTooLongOrBadFormatRepeatsWithHint) {
  Chat chat = AtLocation();
  EXPECT_EQ(chat.Send("ab").screen, "Lokasi minimal 3 huruf.\n" + std::string(kLocationId));
  EXPECT_EQ(chat.Send("---").screen, "Lokasi minimal 3 huruf.\n" + std::string(kLocationId));
  EXPECT_EQ(chat.Send(std::string(121, 'a')).screen,
            "Terlalu panjang, maks. 120 huruf.\n" + std::string(kLocationId));
  ASSERT_TRUE(chat.session.has_value());
  EXPECT_FALSE(chat.session->answers.contains("location"));
  EXPECT_EQ(chat.Send(std::string(120, 'a')).screen, kDetailsId);
  EXPECT_EQ(chat.Send("rusak parah").screen,
            "Uraian terlalu pendek, minimal 15 huruf.\n" + std::string(kDetailsId));
  // Characters are counted, not bytes: 14 characters in 16 bytes are too short.
  EXPECT_EQ(chat.Send("Jalan rusak éé").screen,
            "Uraian terlalu pendek, minimal 15 huruf.\n" + std::string(kDetailsId));
  EXPECT_EQ(chat.Send("Jalan rusak ééé").screen, kIdentityId);
}

TEST_F(EngineTest, BackGoesToThePreviousScreenAndKeepsEarlierAnswers) {
  Chat chat = AtLocation();
  EXPECT_EQ(chat.Send("0").screen, kKecamatanPage1Id);
  EXPECT_EQ(chat.Send("0").screen, kSubHealthId);
  EXPECT_EQ(chat.Send("0").screen, kCategoryId);
  ASSERT_TRUE(chat.session.has_value());
  EXPECT_EQ(chat.session->answers.at("type"), "pengaduan");
  EXPECT_EQ(chat.Send("0").screen, kTypeId);
  EXPECT_EQ(chat.Send("0").screen, kMainId);
  // On the main menu there is nowhere further back.
  EXPECT_EQ(chat.Send("0").screen, kMainId);
  EXPECT_EQ(chat.Send("1").screen, kTypeId);
}

TEST_F(EngineTest, BackFromConfirmAndFromInputs) {
  Chat chat = AtConfirm();
  EXPECT_EQ(chat.Send("0").screen, kIdentityId);
  EXPECT_EQ(chat.Send("0").screen, kDetailsId);
  EXPECT_EQ(chat.Send("0").screen, kLocationId);
  ASSERT_TRUE(chat.session.has_value());
  EXPECT_EQ(chat.session->answers.at("details"), "Antrean puskesmas lama sekali");
}

TEST_F(EngineTest, DoubleZeroGoesToMainMenuFromAnywhereAndForgetsAnswers) {
  Chat chat = AtConfirm();
  auto main = chat.Send("00");
  EXPECT_EQ(main.screen, kMainId);
  ASSERT_TRUE(main.session.has_value());
  EXPECT_EQ(main.session->node, "main");
  EXPECT_TRUE(main.session->answers.empty());
  EXPECT_TRUE(main.session->trail.empty());
  EXPECT_EQ(chat.Send("00").screen, kMainId);
  Chat at_location = AtLocation();
  EXPECT_EQ(at_location.Send("00").screen, kMainId);
}

TEST_F(EngineTest, ConfirmChangeClearsAnswersAndRestartsAtType) {
  Chat chat = AtConfirm();
  auto change = chat.Send("2");
  EXPECT_EQ(change.screen, kTypeId);
  ASSERT_TRUE(change.session.has_value());
  EXPECT_TRUE(change.session->answers.empty());
  EXPECT_TRUE(change.session->prefilled.empty());
  EXPECT_FALSE(change.file_case.has_value());
  for (const char* input : {"2", "3", "2", "1", "Kampung Baru", "Lampu jalan mati sebulan"}) {
    chat.Send(input);
  }
  EXPECT_EQ(chat.Send("biasa").screen,
            "Kirim laporan?\nAspirasi, Air Bersih\nKec. Babakan Madang, Kampung Baru\nLampu jalan "
            "mati sebulan\nIdentitas: Biasa\n1. Kirim\n2. Ubah\n3. Batal\n0. Kembali");
  auto done = chat.Send("kirim");
  ASSERT_TRUE(done.file_case.has_value());
  EXPECT_EQ(done.file_case->answers.at("type"), "aspirasi");
  EXPECT_EQ(done.file_case->answers.at("subcategory"), "air-bersih");
}

// After "Ubah" the answers are gone; going back must not land on the summary with nothing in it,
// where "Kirim" would file an empty case.
TEST_F(EngineTest, BackAfterChangeNeverShowsAnEmptySummaryOrFilesAnEmptyCase) {
  Chat chat = AtConfirm();
  chat.Send("2");
  auto back = chat.Send("0");
  EXPECT_EQ(back.screen.find('{'), std::string::npos) << back.screen;
  EXPECT_FALSE(back.screen.starts_with("Kirim laporan?")) << back.screen;
  auto submit = chat.Send("1");
  if (submit.file_case) {
    EXPECT_TRUE(submit.file_case->answers.contains("details"))
        << "a case was filed with no answers";
  }
}

TEST_F(EngineTest, ConfirmCancelEndsWithoutFilingACase) {
  Chat chat = AtConfirm();
  auto cancelled = chat.Send("batal");
  EXPECT_TRUE(cancelled.end);
  EXPECT_FALSE(cancelled.session.has_value());
  EXPECT_FALSE(cancelled.file_case.has_value());
  EXPECT_EQ(cancelled.screen, "Laporan dibatalkan. Hubungi *1708# kapan saja.");
}

TEST_F(EngineTest, SummaryShortensLongAnswersToFitTheScreenButFilesThemWhole) {
  Chat chat = AtLocation();
  std::string location(120, 'L');
  std::string details(1000, 'd');
  chat.Send(location);
  chat.Send(details);
  auto summary = chat.Send("3");
  EXPECT_LE(ScreenLength(summary.screen), 182u) << summary.screen;
  EXPECT_TRUE(summary.screen.starts_with("Kirim laporan?\nPengaduan, Puskesmas\nKec. Cibinong, "))
      << summary.screen;
  EXPECT_NE(summary.screen.find("..."), std::string::npos) << summary.screen;
  EXPECT_TRUE(
      summary.screen.ends_with("\nIdentitas: Rahasia\n1. Kirim\n2. Ubah\n3. Batal\n0. "
                               "Kembali"))
      << summary.screen;
  auto with_hint = chat.Send("x");
  EXPECT_LE(ScreenLength(with_hint.screen), 182u) << with_hint.screen;
  EXPECT_TRUE(with_hint.screen.starts_with("Pilihan tidak dikenal.\nKirim laporan?\n"));
  auto done = chat.Send("1");
  ASSERT_TRUE(done.file_case.has_value());
  EXPECT_EQ(done.file_case->answers.at("location"), location);
  EXPECT_EQ(done.file_case->answers.at("details"), details);
}

TEST_F(EngineTest, StatusCheckThroughTheUssdMenu) {
  const std::string own = "+6281234567890";
  CaseView found{
      .tracking_no = "000000427", .status = "submitted", .phone = own, .updated_at = kT0};
  {
    Chat chat(*engine_, Channel::kUssd, own);
    chat.lookup = found;
    chat.Dial(kT0);
    EXPECT_EQ(chat.Send("2", kT0).screen, "Masukkan nomor laporan (9 angka):\n0. Kembali");
    EXPECT_EQ(chat.Send("1234", kT0).screen,
              "Nomor laporan 9 angka.\nMasukkan nomor laporan (9 angka):\n0. Kembali");
    auto status = chat.Send("000000427", kT0);
    EXPECT_TRUE(status.end);
    EXPECT_EQ(status.screen,
              "Laporan 000000427 (28/11/2026 08:00 WIB): diterima, menunggu verifikasi.");
  }
  {
    SCOPED_TRACE("another phone number");
    Chat chat(*engine_, Channel::kUssd, "+6285700000001");
    chat.lookup = found;
    chat.Dial(kT0);
    chat.Send("2", kT0);
    EXPECT_EQ(chat.Send("000000427", kT0).screen,
              "Laporan 000000427 tidak ditemukan untuk nomor Anda.");
  }
  {
    SCOPED_TRACE("a mistyped digit");
    Chat chat(*engine_, Channel::kUssd, own);
    chat.Dial(kT0);
    chat.Send("2", kT0);
    EXPECT_EQ(chat.Send("000000428", kT0).screen,
              "Nomor 000000428 tidak valid. Periksa kembali angkanya.");
  }
}

TEST_F(EngineTest, HelpFromTheMainMenuEndsWithTheHelpText) {
  Chat chat(*engine_, Channel::kUssd);
  chat.Dial();
  auto help = chat.Send("bantuan");
  EXPECT_TRUE(help.end);
  EXPECT_FALSE(help.session.has_value());
  EXPECT_EQ(help.screen,
            "LAPOR! 1708: laporkan masalah layanan publik. SMS LAPOR ke 1708 atau tekan *1708#. "
            "CEK <nomor> untuk status, BATAL untuk membatalkan, EN for English.");
}

TEST_F(EngineTest, ResumeOfferedWithinTenMinutesOfADroppedSession) {
  Chat dropped = AtLocation(kT0);
  ASSERT_TRUE(dropped.session.has_value());
  for (TimeMs later : {1 * kMinute, 9 * kMinute, 10 * kMinute}) {
    SCOPED_TRACE(std::to_string(later / kMinute) + " minutes later");
    Chat again(*engine_, Channel::kUssd);
    again.resume = dropped.session;
    auto offer = again.Dial(kT0 + later);
    EXPECT_EQ(offer.screen, kResumeId);
    EXPECT_FALSE(offer.end);
    auto resumed = again.Send("1", kT0 + later);
    EXPECT_EQ(resumed.screen, kLocationId);
    ASSERT_TRUE(resumed.session.has_value());
    EXPECT_EQ(resumed.session->node, "location");
    EXPECT_EQ(resumed.session->answers.at("kecamatan"), "cibinong");
    // The report carries on to the end from there.
    again.Send("Desa Pakansari", kT0 + later);
    again.Send("Antrean puskesmas lama sekali", kT0 + later);
    again.Send("1", kT0 + later);
    auto done = again.Send("1", kT0 + later);
    ASSERT_TRUE(done.file_case.has_value());
    EXPECT_EQ(done.file_case->answers.at("type"), "pengaduan");
    EXPECT_EQ(done.file_case->answers.at("location"), "Desa Pakansari");
  }
}

TEST_F(EngineTest, ResumeNotOfferedMoreThanTenMinutesAfterADroppedSession) {
  Chat dropped = AtLocation(kT0);
  for (TimeMs later : {10 * kMinute + 1000, 11 * kMinute, 60 * kMinute}) {
    SCOPED_TRACE(std::to_string(later / 1000) + " s later");
    Chat again(*engine_, Channel::kUssd);
    again.resume = dropped.session;
    auto fresh = again.Dial(kT0 + later);
    EXPECT_EQ(fresh.screen, kMainId);
    ASSERT_TRUE(fresh.session.has_value());
    EXPECT_TRUE(fresh.session->answers.empty());
  }
}

TEST_F(EngineTest, ResumeNoStartsAFreshDialogAtTheMainMenu) {
  Chat dropped = AtLocation(kT0);
  Chat again(*engine_, Channel::kUssd);
  again.resume = dropped.session;
  again.Dial(kT0 + kMinute);
  EXPECT_EQ(again.Send("x", kT0 + kMinute).screen,
            "Pilihan tidak dikenal.\n" + std::string(kResumeId));
  auto fresh = again.Send("2", kT0 + kMinute);
  EXPECT_EQ(fresh.screen, kMainId);
  ASSERT_TRUE(fresh.session.has_value());
  EXPECT_TRUE(fresh.session->answers.empty());
  EXPECT_EQ(again.Send("1", kT0 + kMinute).screen, kTypeId);
}

TEST_F(EngineTest, DoubleZeroOnTheResumeOfferGoesToTheMainMenu) {
  Chat dropped = AtLocation(kT0);
  Chat again(*engine_, Channel::kUssd);
  again.resume = dropped.session;
  ASSERT_EQ(again.Dial(kT0 + kMinute).screen, kResumeId);
  EXPECT_EQ(again.Send("00", kT0 + kMinute).screen, kMainId);
}

TEST_F(EngineTest, ResumeOfferIsInTheLanguageOfTheDroppedDialog) {
  Chat dropped(*engine_, Channel::kUssd);
  dropped.Dial(kT0);
  dropped.Send("4", kT0);
  dropped.Send("2", kT0);
  dropped.Send("1", kT0);
  Chat again(*engine_, Channel::kUssd);
  again.resume = dropped.session;
  EXPECT_EQ(again.Dial(kT0 + kMinute).screen,
            "Continue your previous report?\n1. Yes, continue\n2. No, start again");
  EXPECT_EQ(again.Send("yes", kT0 + kMinute).screen,
            "Type of report:\n1. Complaint\n2. Aspiration\n3. Information request\n0. Back");
}

TEST_F(EngineTest, NoResumeOfferForADroppedSessionStillAtTheMainMenu) {
  Chat dropped(*engine_, Channel::kUssd);
  dropped.Dial(kT0);
  Chat again(*engine_, Channel::kUssd);
  again.resume = dropped.session;
  EXPECT_EQ(again.Dial(kT0 + kMinute).screen, kMainId);
}

TEST_F(EngineTest, SmsConversationContinuesWithinThirtyIdleMinutes) {
  Chat chat(*engine_, Channel::kSms);
  chat.Send("halo", kT0);
  EXPECT_EQ(chat.Send("1", kT0 + 29 * kMinute).screen, kTypeId);
  // Each message restarts the idle time.
  EXPECT_EQ(chat.Send("1", kT0 + 58 * kMinute).screen, kCategoryId);
}

TEST_F(EngineTest, SmsConversationIdleForMoreThanThirtyMinutesStartsOver) {
  Chat chat(*engine_, Channel::kSms);
  chat.Send("halo", kT0);
  chat.Send("1", kT0);
  ASSERT_EQ(chat.Send("1", kT0).screen, kCategoryId);
  auto fresh = chat.Send("1", kT0 + 31 * kMinute);
  EXPECT_EQ(fresh.screen, kMainId);
  ASSERT_TRUE(fresh.session.has_value());
  EXPECT_TRUE(fresh.session->answers.empty());
  EXPECT_EQ(fresh.session->started_at, kT0 + 31 * kMinute);
}

TEST_F(EngineTest, BusyTextInEachLanguage) {
  EXPECT_EQ(engine_->BusyText("id"),
            "Maaf, layanan sedang sibuk. Silakan coba lagi beberapa saat lagi.");
  EXPECT_EQ(engine_->BusyText("en"), "Sorry, the service is busy. Please try again in a moment.");
}

}  // namespace
}  // namespace lapor::dialog
