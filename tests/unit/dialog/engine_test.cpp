#include "dialog/engine.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "dialog/screen.hpp"
#include "support/default_screens.hpp"
#include "support/test_time.hpp"
#include "unit/dialog/chat.hpp"
#include "unit/dialog/engine_fixture.hpp"

namespace lapor::dialog {
namespace {

using namespace test::screen;  // NOLINT: the default dialog's screens

using test::Chat;

using test::kMinute;
using test::kTestEpochMs;

class EngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { engine_ = test::DefaultEngine(); }
  static std::shared_ptr<const Engine> engine_;

  // A USSD chat dialled and walked to the place prompt (Pengaduan, Kesehatan, Puskesmas).
  static Chat AtPlace(TimeMs now = kTestEpochMs) {
    Chat chat(*engine_, Channel::kUssd);
    chat.Dial(now);
    for (const char* input : {"1", "1", "1"}) {
      chat.Send(input, now);
    }
    EXPECT_EQ(chat.screen(), kPlaceId);
    return chat;
  }
  // ... on to the details (Koba chosen) ...
  static Chat AtDetails(TimeMs now = kTestEpochMs) {
    Chat chat = AtPlace(now);
    chat.Send("koba", now);
    chat.Send("1", now);
    EXPECT_EQ(chat.screen(), kDetailsId);
    return chat;
  }
  // ... and on to the confirm screen.
  static Chat AtConfirm(TimeMs now = kTestEpochMs) {
    Chat chat = AtDetails(now);
    chat.Send("Antrean puskesmas lama sekali", now);
    EXPECT_EQ(chat.screen(),
              ConfirmId("Puskesmas", kKobaKecamatan, "Antrean puskesmas lama sekali"));
    return chat;
  }
};
std::shared_ptr<const Engine> EngineTest::engine_;

TEST_F(EngineTest, UssdReportInIndonesianInEightScreensFilesTheCaseWithItsPlace) {
  Chat chat(*engine_, Channel::kUssd);
  std::vector<std::string> screens = {chat.Dial().screen};
  for (const char* input : {"1", "1", "1", "koba", "1", "Antrean puskesmas lama sekali", "2"}) {
    screens.push_back(chat.Send(input).screen);
  }
  ASSERT_EQ(screens.size(), 8u);  // from the dial to the END
  EXPECT_EQ(screens[0], kMainId);
  EXPECT_EQ(screens[1], kCategoryId);
  EXPECT_EQ(screens[2], kSubHealthId);
  EXPECT_EQ(screens[3], kPlaceId);
  EXPECT_EQ(screens[4], kKobaId);
  EXPECT_EQ(screens[5], kDetailsId);
  EXPECT_EQ(screens[6], ConfirmId("Puskesmas", kKobaKecamatan, "Antrean puskesmas lama sekali"));
  EXPECT_EQ(screens[7],
            "Terima kasih. Laporan Anda diterima dengan nomor {tracking_no}. Cek "
            "status: SMS CEK {tracking_no} ke 1708.");
  const auto& done = chat.last;
  EXPECT_TRUE(done.end);
  EXPECT_FALSE(done.session.has_value());
  ASSERT_TRUE(done.file_case.has_value());
  EXPECT_EQ(done.file_case->answers,
            (std::map<std::string, std::string>{{"type", "pengaduan"},
                                                {"category", "kesehatan"},
                                                {"subcategory", "puskesmas"},
                                                {"place", "19.04.01"},
                                                {"kecamatan", "19.04.01"},
                                                {"details", "Antrean puskesmas lama sekali"},
                                                {"identity", "anonim"}}));
  EXPECT_EQ(done.file_case->region, "19.04");
  EXPECT_EQ(done.file_case->labels.at("place"), kKobaKecamatan);
  EXPECT_EQ(done.file_case->labels.at("kecamatan"), "Koba");
  EXPECT_EQ(done.file_case->labels.at("region"), "Kabupaten Bangka Tengah");
  EXPECT_EQ(done.file_case->labels.at("category"), "Kesehatan");
  EXPECT_EQ(done.file_case->lang, "id");
  for (const auto& screen : screens) {
    EXPECT_LE(ScreenLength(screen), 182u) << screen;
  }
}

TEST_F(EngineTest, LanguageMenuSwitchesToEnglishAndEveryReportScreenIsEnglish) {
  Chat chat(*engine_, Channel::kUssd);
  chat.Dial();
  EXPECT_EQ(chat.Send("6").screen,
            "Pilih bahasa / Choose language:\n1. Bahasa Indonesia\n2. English\n0. Kembali");
  auto main = chat.Send("2");
  EXPECT_EQ(main.screen, kMainEn);
  ASSERT_TRUE(main.session.has_value());
  EXPECT_EQ(main.session->lang, "en");
  EXPECT_EQ(chat.Send("3").screen,
            "Category:\n1. Health\n2. Public service\n3. Infrastructure\n"
            "4. Public order and harmony\n0. Back");
  EXPECT_EQ(chat.Send("3").screen,
            "Sub-category:\n1. Roads and bridges\n2. Clean water\n3. Street lights\n"
            "4. Drainage and floods\n0. Back");
  EXPECT_EQ(chat.Send("1").screen, "Where? Write the village or district (kecamatan):\n0. Back");
  EXPECT_EQ(chat.Send("Pangkalan Baru").screen,
            "Choose the place:\n1. Kec. Pangkalan Baru, Bangka Tengah\n"
            "2. Desa Pangkalan Baru, Siak Hulu, Kampar\n"
            "3. Kel. Pangkalan Batu, Berandan Barat, Langkat\n4. Type again\n0. Back");
  EXPECT_EQ(chat.Send("1").screen,
            "Describe the problem and the exact spot (street, landmark):\n0. Back");
  EXPECT_EQ(chat.Send("Big pothole near the market").screen,
            ConfirmEn("Roads and bridges", "Kec. Pangkalan Baru, Bangka Tengah",
                      "Big pothole near the market"));
  auto done = chat.Send("confidential");
  ASSERT_TRUE(done.file_case.has_value());
  EXPECT_EQ(done.screen,
            "Thank you. Your report was received with number {tracking_no}. Check "
            "status: SMS CEK {tracking_no} to 1708.");
  EXPECT_EQ(done.file_case->lang, "en");
  EXPECT_EQ(done.file_case->answers.at("type"), "informasi");
  EXPECT_EQ(done.file_case->answers.at("place"), "19.04.02");
  EXPECT_EQ(done.file_case->answers.at("identity"), "rahasia");
  // Officials read the answers in Indonesian, whatever the citizen's language.
  EXPECT_EQ(done.file_case->labels.at("subcategory"), "Jalan dan Jembatan");
}

TEST_F(EngineTest, TheConfirmScreenSavesTheIdentityChosenByNumberOrWord) {
  for (const auto& [typed, identity] :
       std::vector<std::pair<std::string, std::string>>{{"1", "biasa"},
                                                        {"biasa", "biasa"},
                                                        {"2", "anonim"},
                                                        {"ANONIM", "anonim"},
                                                        {"rahasia", "rahasia"},
                                                        {"3", "rahasia"}}) {
    SCOPED_TRACE(typed);
    Chat chat = AtConfirm();
    auto done = chat.Send(typed);
    ASSERT_TRUE(done.file_case.has_value());
    EXPECT_EQ(done.file_case->answers.at("identity"), identity);
  }
}

TEST_F(EngineTest, EnglishNavigationErrorAndEndScreensAreEnglish) {
  Chat chat(*engine_, Channel::kUssd);
  chat.Dial();
  chat.Send("6");
  chat.Send("english");
  EXPECT_EQ(chat.Send("x").screen, "Unknown choice.\n" + kMainEn);
  EXPECT_EQ(chat.Send("4").screen, "Enter the report number (9 digits):\n0. Back");
  EXPECT_EQ(chat.Send("12").screen,
            "The report number has 9 digits.\nEnter the report number (9 digits):\n0. Back");
  EXPECT_EQ(chat.Send("0").screen, kMainEn);
  chat.Send("1");
  chat.Send("1");
  chat.Send("1");
  EXPECT_EQ(chat.Send("qwxzv").screen,
            "Place not found, type it again.\nWhere? Write the village or district "
            "(kecamatan):\n0. Back");
  chat.Send("koba");
  chat.Send("1");
  EXPECT_EQ(chat.Send("too short").screen,
            "Too short, at least 15 letters please.\nDescribe the problem and the exact spot "
            "(street, landmark):\n0. Back");
  EXPECT_EQ(chat.Send("00").screen, kMainEn);
  auto help = chat.Send("5");
  EXPECT_TRUE(help.end);
  EXPECT_EQ(help.screen,
            "LAPOR! 1708: report public service problems. SMS LAPOR to 1708 or dial *1708#. CEK "
            "<number> for status, CANCEL to stop, ID untuk Bahasa Indonesia.");
}

TEST_F(EngineTest, LanguageMenuBackToIndonesian) {
  Chat chat(*engine_, Channel::kUssd);
  chat.Dial();
  chat.Send("6");
  chat.Send("2");
  chat.Send("6");
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
      {"ketertiban", "ketertiban"},
      {"  pelayanan   PUBLIK ", "pelayanan-publik"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("typed \"" + c.typed + "\"");
    Chat chat(*engine_, Channel::kUssd);
    chat.Dial();
    ASSERT_EQ(chat.Send("1").screen, kCategoryId);
    auto next = chat.Send(c.typed);
    ASSERT_TRUE(next.session.has_value());
    EXPECT_EQ(next.session->answers.at("category"), c.category);
    EXPECT_TRUE(next.screen.starts_with("Sub-kategori:\n")) << next.screen;
  }
}

// Menus are rendered once per language when an engine is built: an engine with edited texts shows
// and understands its own labels while the engine it came from keeps its own, and a prompt that
// names an answer is rendered with the answer given.
TEST_F(EngineTest, AnEngineWithEditedTextsShowsAndMatchesItsOwnMenus) {
  auto edited = engine_->WithTemplates(std::make_shared<const text::TemplateSet>(
      engine_->templates().With({{"id",
                                  {{"category.health", "Kesehatan Masyarakat"},
                                   {"category.prompt", "Kategori {type}:"}}}})));
  Chat chat(*edited, Channel::kUssd);
  chat.Dial();
  chat.Send("1");
  EXPECT_EQ(chat.screen(),
            "Kategori Pengaduan:\n1. Kesehatan Masyarakat\n2. Pelayanan Publik\n3. Infrastruktur\n"
            "4. Ketertiban dan Kerukunan\n0. Kembali");
  chat.Send("kesehatan masyarakat");
  EXPECT_EQ(chat.screen(), kSubHealthId);

  Chat before(*engine_, Channel::kUssd);
  before.Dial();
  before.Send("1");
  EXPECT_EQ(before.screen(), kCategoryId);
  before.Send("kesehatan masyarakat");
  EXPECT_EQ(before.screen(), "Pilihan tidak dikenal.\n" + kCategoryId);
}

TEST_F(EngineTest, MainMenuChoicesThatAreNotReportTypesSaveNoType) {
  Chat chat(*engine_, Channel::kUssd);
  chat.Dial();
  auto check = chat.Send("cek status");
  ASSERT_TRUE(check.session.has_value());
  EXPECT_FALSE(check.session->answers.contains("type"));
  EXPECT_EQ(check.screen, "Masukkan nomor laporan (9 angka):\n0. Kembali");
}

TEST_F(EngineTest, WrongMenuAnswerRepeatsTheScreenWithHintAndThenAcceptsAGoodOne) {
  Chat chat(*engine_, Channel::kUssd);
  chat.Dial();
  EXPECT_EQ(chat.Send("7").screen, "Pilihan tidak dikenal.\n" + kMainId);
  EXPECT_EQ(chat.Send("aduan").screen, "Pilihan tidak dikenal.\n" + kMainId);
  EXPECT_EQ(chat.Send("pengaduan").screen, kCategoryId);
  EXPECT_EQ(chat.Send("5").screen, "Pilihan tidak dikenal.\n" + kCategoryId);
}

TEST_F(EngineTest, DetailsTooShortOrTooLongRepeatWithHint) {
  Chat chat = AtDetails();
  EXPECT_EQ(chat.Send("rusak parah").screen,
            "Uraian terlalu pendek, minimal 15 huruf.\n" + kDetailsId);
  EXPECT_EQ(chat.Send(std::string(1001, 'a')).screen,
            "Terlalu panjang, maks. 1000 huruf.\n" + kDetailsId);
  // Characters are counted, not bytes: 14 characters in 16 bytes are too short.
  EXPECT_EQ(chat.Send("Jalan rusak éé").screen,
            "Uraian terlalu pendek, minimal 15 huruf.\n" + kDetailsId);
  ASSERT_TRUE(chat.session.has_value());
  EXPECT_FALSE(chat.session->answers.contains("details"));
  EXPECT_EQ(chat.Send("Jalan rusak ééé").screen,
            ConfirmId("Puskesmas", kKobaKecamatan, "Jalan rusak ééé"));
}

TEST_F(EngineTest, BackGoesToThePreviousScreenAndKeepsEarlierAnswers) {
  Chat chat = AtPlace();
  EXPECT_EQ(chat.Send("0").screen, kSubHealthId);
  EXPECT_EQ(chat.Send("0").screen, kCategoryId);
  ASSERT_TRUE(chat.session.has_value());
  EXPECT_EQ(chat.session->answers.at("type"), "pengaduan");
  EXPECT_EQ(chat.Send("0").screen, kMainId);
  // On the main menu there is nowhere further back.
  EXPECT_EQ(chat.Send("0").screen, kMainId);
  EXPECT_EQ(chat.Send("1").screen, kCategoryId);
}

TEST_F(EngineTest, BackFromConfirmAndFromThePlacesFound) {
  Chat chat = AtConfirm();
  EXPECT_EQ(chat.Send("0").screen, kDetailsId);
  EXPECT_EQ(chat.Send("0").screen, kPlaceId);
  ASSERT_TRUE(chat.session.has_value());
  EXPECT_EQ(chat.session->answers.at("details"), "Antrean puskesmas lama sekali");
  EXPECT_EQ(chat.Send("koba").screen, kKobaId);
  // From the places found back to typing a name, then to the menu before.
  EXPECT_EQ(chat.Send("0").screen, kPlaceId);
  EXPECT_EQ(chat.Send("0").screen, kSubHealthId);
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
  Chat at_place = AtPlace();
  EXPECT_EQ(at_place.Send("00").screen, kMainId);
}

TEST_F(EngineTest, ConfirmChangeClearsAnswersAndRestartsAtType) {
  Chat chat = AtConfirm();
  auto change = chat.Send("4");
  EXPECT_EQ(change.screen, kTypeId);
  ASSERT_TRUE(change.session.has_value());
  EXPECT_TRUE(change.session->answers.empty());
  EXPECT_TRUE(change.session->prefilled.empty());
  EXPECT_FALSE(change.file_case.has_value());
  for (const char* input : {"2", "3", "2", "nibung", "1"}) {
    chat.Send(input);
  }
  EXPECT_EQ(chat.Send("Air PDAM tidak mengalir seminggu").screen,
            ConfirmId("Air Bersih", "Desa Nibung, Koba, Bangka Tengah",
                      "Air PDAM tidak mengalir seminggu"));
  auto done = chat.Send("biasa");
  ASSERT_TRUE(done.file_case.has_value());
  EXPECT_EQ(done.file_case->answers.at("type"), "aspirasi");
  EXPECT_EQ(done.file_case->answers.at("subcategory"), "air-bersih");
  EXPECT_EQ(done.file_case->answers.at("place"), "19.04.01.2003");
  EXPECT_EQ(done.file_case->answers.at("kecamatan"), "19.04.01");
}

// After "Ubah" the answers are gone; going back must not land on the summary with nothing in it,
// where "Biasa" would file an empty case.
TEST_F(EngineTest, BackAfterChangeNeverShowsAnEmptySummaryOrFilesAnEmptyCase) {
  Chat chat = AtConfirm();
  chat.Send("4");
  auto back = chat.Send("0");
  EXPECT_EQ(back.screen.find('{'), std::string::npos) << back.screen;
  EXPECT_EQ(back.screen.find("Kirim sebagai"), std::string::npos) << back.screen;
  auto submit = chat.Send("1");
  if (submit.file_case) {
    EXPECT_TRUE(submit.file_case->answers.contains("details"))
        << "a case was filed with no answers";
  }
}

TEST_F(EngineTest, SummaryShortensLongAnswersToFitTheScreenButFilesThemWhole) {
  Chat chat = AtDetails();
  std::string details(1000, 'd');
  auto summary = chat.Send(details);
  EXPECT_LE(ScreenLength(summary.screen), 182u) << summary.screen;
  EXPECT_EQ(summary.screen, ConfirmId("Puskesmas", kKobaKecamatan, std::string(40, 'd') + "..."));
  EXPECT_EQ(ScreenLength(summary.screen), 182u);
  // The hint takes its room from the details.
  auto with_hint = chat.Send("x");
  EXPECT_EQ(with_hint.screen, "Pilihan tidak dikenal.\n" + ConfirmId("Puskesmas", kKobaKecamatan,
                                                                     std::string(17, 'd') + "..."));
  EXPECT_EQ(ScreenLength(with_hint.screen), 182u);
  auto done = chat.Send("1");
  ASSERT_TRUE(done.file_case.has_value());
  EXPECT_EQ(done.file_case->answers.at("details"), details);
}

TEST_F(EngineTest, StatusCheckThroughTheUssdMenu) {
  const std::string own = "+6281234567890";
  CaseView found{
      .tracking_no = "000000427", .status = "submitted", .phone = own, .updated_at = kTestEpochMs};
  {
    Chat chat(*engine_, Channel::kUssd, own);
    chat.lookup = found;
    chat.Dial(kTestEpochMs);
    EXPECT_EQ(chat.Send("4", kTestEpochMs).screen, "Masukkan nomor laporan (9 angka):\n0. Kembali");
    EXPECT_EQ(chat.Send("1234", kTestEpochMs).screen,
              "Nomor laporan 9 angka.\nMasukkan nomor laporan (9 angka):\n0. Kembali");
    auto status = chat.Send("000000427", kTestEpochMs);
    EXPECT_TRUE(status.end);
    EXPECT_EQ(status.screen,
              "Laporan 000000427 (28/11/2026 08:00 WIB): diterima, menunggu verifikasi.");
  }
  {
    SCOPED_TRACE("another phone number");
    Chat chat(*engine_, Channel::kUssd, "+6285700000001");
    chat.lookup = found;
    chat.Dial(kTestEpochMs);
    chat.Send("4", kTestEpochMs);
    EXPECT_EQ(chat.Send("000000427", kTestEpochMs).screen,
              "Laporan 000000427 tidak ditemukan untuk nomor Anda.");
  }
  {
    SCOPED_TRACE("a mistyped digit");
    Chat chat(*engine_, Channel::kUssd, own);
    chat.Dial(kTestEpochMs);
    chat.Send("4", kTestEpochMs);
    EXPECT_EQ(chat.Send("000000428", kTestEpochMs).screen,
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
  Chat dropped = AtPlace(kTestEpochMs);
  ASSERT_TRUE(dropped.session.has_value());
  for (TimeMs later : {1 * kMinute, 9 * kMinute, 10 * kMinute}) {
    SCOPED_TRACE(std::to_string(later / kMinute) + " minutes later");
    Chat again(*engine_, Channel::kUssd);
    again.resume = dropped.session;
    auto offer = again.Dial(kTestEpochMs + later);
    EXPECT_EQ(offer.screen, kResumeId);
    EXPECT_FALSE(offer.end);
    auto resumed = again.Send("1", kTestEpochMs + later);
    EXPECT_EQ(resumed.screen, kPlaceId);
    ASSERT_TRUE(resumed.session.has_value());
    EXPECT_EQ(resumed.session->node, "place");
    EXPECT_EQ(resumed.session->answers.at("subcategory"), "puskesmas");
    // The report carries on to the end from there.
    again.Send("koba", kTestEpochMs + later);
    again.Send("1", kTestEpochMs + later);
    again.Send("Antrean puskesmas lama sekali", kTestEpochMs + later);
    auto done = again.Send("1", kTestEpochMs + later);
    ASSERT_TRUE(done.file_case.has_value());
    EXPECT_EQ(done.file_case->answers.at("type"), "pengaduan");
    EXPECT_EQ(done.file_case->answers.at("place"), "19.04.01");
  }
}

TEST_F(EngineTest, ACallThatDroppedAtTheResumeOfferIsOfferedToResumeAgain) {
  Chat dropped = AtPlace(kTestEpochMs);
  Chat offered(*engine_, Channel::kUssd);
  offered.resume = dropped.session;
  ASSERT_EQ(offered.Dial(kTestEpochMs + kMinute).screen, kResumeId);
  // That call drops too; the store now holds the session at the offer, and the next dial finds it.
  Chat again(*engine_, Channel::kUssd);
  again.resume = offered.session;
  EXPECT_EQ(again.Dial(kTestEpochMs + 2 * kMinute).screen, kResumeId);
  EXPECT_EQ(again.Send("1", kTestEpochMs + 2 * kMinute).screen, kPlaceId);
}

// The store keeps no screen for a replayable step and answers a retry with ScreenOf(session): the
// promise must hold for every such step, hints, pages, offers and the resume offer included.
TEST_F(EngineTest, AReplayableStepsScreenIsTheScreenOfItsSession) {
  int replayable = 0;
  int kept = 0;
  auto check = [&](const StepResult& step) {
    if (!step.replayable) {
      ++kept;
      return;
    }
    ++replayable;
    ASSERT_TRUE(step.session.has_value()) << step.screen;
    EXPECT_EQ(engine_->ScreenOf(*step.session), step.screen);
  };
  Chat chat(*engine_, Channel::kUssd);
  check(chat.Dial(kTestEpochMs));
  for (const char* input : {"7",
                            "1",
                            "9",
                            "1",
                            "0",
                            "1",
                            "1",
                            "k",
                            "koba",
                            "4",
                            "koba",
                            "1",
                            "rusak",
                            "Antrean puskesmas lama sekali",
                            "9",
                            "4",
                            "2",
                            "1",
                            "00",
                            "2",
                            "1",
                            "1",
                            "koba",
                            "1",
                            "Jalan berlubang di depan pasar",
                            "1"}) {
    SCOPED_TRACE(input);
    check(chat.Send(input, kTestEpochMs));
  }
  Chat resumed(*engine_, Channel::kUssd);
  resumed.resume = AtDetails().session;
  check(resumed.Dial(kTestEpochMs + kMinute));
  check(resumed.Send("x", kTestEpochMs + kMinute));
  EXPECT_GT(replayable, 10);
  EXPECT_GT(kept, 3) << "the walk should meet hints and an end";
}

TEST_F(EngineTest, ResumeNotOfferedMoreThanTenMinutesAfterADroppedSession) {
  Chat dropped = AtPlace(kTestEpochMs);
  for (TimeMs later : {10 * kMinute + 1000, 11 * kMinute, 60 * kMinute}) {
    SCOPED_TRACE(std::to_string(later / 1000) + " s later");
    Chat again(*engine_, Channel::kUssd);
    again.resume = dropped.session;
    auto fresh = again.Dial(kTestEpochMs + later);
    EXPECT_EQ(fresh.screen, kMainId);
    ASSERT_TRUE(fresh.session.has_value());
    EXPECT_TRUE(fresh.session->answers.empty());
  }
}

TEST_F(EngineTest, ResumeNoStartsAFreshDialogAtTheMainMenu) {
  Chat dropped = AtPlace(kTestEpochMs);
  Chat again(*engine_, Channel::kUssd);
  again.resume = dropped.session;
  again.Dial(kTestEpochMs + kMinute);
  EXPECT_EQ(again.Send("x", kTestEpochMs + kMinute).screen, "Pilihan tidak dikenal.\n" + kResumeId);
  auto fresh = again.Send("2", kTestEpochMs + kMinute);
  EXPECT_EQ(fresh.screen, kMainId);
  ASSERT_TRUE(fresh.session.has_value());
  EXPECT_TRUE(fresh.session->answers.empty());
  EXPECT_EQ(again.Send("1", kTestEpochMs + kMinute).screen, kCategoryId);
}

TEST_F(EngineTest, DoubleZeroOnTheResumeOfferGoesToTheMainMenu) {
  Chat dropped = AtPlace(kTestEpochMs);
  Chat again(*engine_, Channel::kUssd);
  again.resume = dropped.session;
  ASSERT_EQ(again.Dial(kTestEpochMs + kMinute).screen, kResumeId);
  EXPECT_EQ(again.Send("00", kTestEpochMs + kMinute).screen, kMainId);
}

TEST_F(EngineTest, ResumeOfferIsInTheLanguageOfTheDroppedDialog) {
  Chat dropped(*engine_, Channel::kUssd);
  dropped.Dial(kTestEpochMs);
  dropped.Send("6", kTestEpochMs);
  dropped.Send("2", kTestEpochMs);
  dropped.Send("1", kTestEpochMs);
  Chat again(*engine_, Channel::kUssd);
  again.resume = dropped.session;
  EXPECT_EQ(again.Dial(kTestEpochMs + kMinute).screen,
            "Continue your previous report?\n1. Yes, continue\n2. No, start again");
  EXPECT_EQ(again.Send("yes", kTestEpochMs + kMinute).screen,
            "Category:\n1. Health\n2. Public service\n3. Infrastructure\n"
            "4. Public order and harmony\n0. Back");
}

TEST_F(EngineTest, NoResumeOfferForADroppedSessionStillAtTheMainMenu) {
  Chat dropped(*engine_, Channel::kUssd);
  dropped.Dial(kTestEpochMs);
  Chat again(*engine_, Channel::kUssd);
  again.resume = dropped.session;
  EXPECT_EQ(again.Dial(kTestEpochMs + kMinute).screen, kMainId);
}

TEST_F(EngineTest, SmsConversationContinuesWithinThirtyIdleMinutes) {
  Chat chat(*engine_, Channel::kSms);
  chat.Send("halo", kTestEpochMs);
  EXPECT_EQ(chat.Send("1", kTestEpochMs + 29 * kMinute).screen, kCategoryId);
  // Each message restarts the idle time.
  EXPECT_EQ(chat.Send("1", kTestEpochMs + 58 * kMinute).screen, kSubHealthId);
}

TEST_F(EngineTest, SmsConversationIdleForMoreThanThirtyMinutesStartsOver) {
  Chat chat(*engine_, Channel::kSms);
  chat.Send("halo", kTestEpochMs);
  ASSERT_EQ(chat.Send("1", kTestEpochMs).screen, kCategoryId);
  auto fresh = chat.Send("1", kTestEpochMs + 31 * kMinute);
  EXPECT_EQ(fresh.screen, kMainId);
  ASSERT_TRUE(fresh.session.has_value());
  EXPECT_TRUE(fresh.session->answers.empty());
  EXPECT_EQ(fresh.session->started_at, kTestEpochMs + 31 * kMinute);
}

TEST_F(EngineTest, BusyTextInEachLanguage) {
  EXPECT_EQ(engine_->BusyText("id"),
            "Maaf, layanan sedang sibuk. Silakan coba lagi beberapa saat lagi.");
  EXPECT_EQ(engine_->BusyText("en"), "Sorry, the service is busy. Please try again in a moment.");
}

}  // namespace
}  // namespace lapor::dialog
