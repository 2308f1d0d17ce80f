// The place step (a name typed, the places found offered as a menu) and what a citizen's first
// free SMS suggests (its place and its problem, offered to be confirmed, never assumed).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dialog/engine.hpp"
#include "dialog/screen.hpp"
#include "support/default_screens.hpp"
#include "unit/dialog/chat.hpp"
#include "unit/dialog/engine_fixture.hpp"

namespace lapor::dialog {
namespace {

using namespace test::screen;  // NOLINT: the default dialog's screens

using test::Chat;

const std::string kRoadSms = "Jalan rusak di depan pasar Koba, berlubang besar dan sering jatuh";

class PlaceStep : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { engine_ = test::DefaultEngine(); }
  static std::shared_ptr<const Engine> engine_;

  static Chat AtPlace(Channel channel = Channel::kUssd) {
    Chat chat(*engine_, channel);
    if (channel == Channel::kUssd) {
      chat.Dial();
    } else {
      chat.Send("halo");
    }
    for (const char* input : {"1", "1", "1"}) {
      chat.Send(input);
    }
    EXPECT_EQ(chat.screen(), kPlaceId);
    return chat;
  }
};
std::shared_ptr<const Engine> PlaceStep::engine_;

// The first option of the places found for `typed`.
std::string FirstFound(Chat& chat, const std::string& typed) {
  auto screen = chat.Send(typed).screen;
  auto at = screen.find("\n1. ");
  return at == std::string::npos ? screen
                                 : screen.substr(at + 4, screen.find('\n', at + 1) - at - 4);
}

TEST_F(PlaceStep, ANameWithATypoInAnyCaseOrAfterKecFindsThePlace) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"koba", kKobaKecamatan},
      {"KOBA", kKobaKecamatan},
      {"kec. koba", kKobaKecamatan},
      {"Kecamatan Koba", kKobaKecamatan},
      {"kova", kKobaKecamatan},
      {"desa nibung", "Desa Nibung, Koba, Bangka Tengah"},
      {"bangka tengah", "Kab. Bangka Tengah"}};
  for (const auto& [typed, first] : cases) {
    SCOPED_TRACE(typed);
    Chat chat = AtPlace();
    EXPECT_EQ(FirstFound(chat, typed), first);
  }
}

TEST_F(PlaceStep, NonsenseOffersToTypeAgainAndNothingIsSaved) {
  Chat chat = AtPlace();
  auto again = chat.Send("qwxzv");
  EXPECT_EQ(again.screen, kPlaceNotFoundId);
  ASSERT_TRUE(again.session.has_value());
  EXPECT_FALSE(again.session->answers.contains("place"));
  EXPECT_FALSE(again.session->offers.contains("place"));
  EXPECT_EQ(chat.Send("koba").screen, kKobaId);
}

TEST_F(PlaceStep, PlacesFoundAreOfferedNeverAssumed) {
  Chat chat = AtPlace();
  auto found = chat.Send("koba");
  EXPECT_EQ(found.screen, kKobaId);
  ASSERT_TRUE(found.session.has_value());
  EXPECT_FALSE(found.session->answers.contains("place"));
  EXPECT_EQ(found.session->offers.at("place"), "19.04.01,19.04.01.1001,93.04.24.2005");
  auto chosen = chat.Send("2");
  EXPECT_EQ(chosen.screen, kDetailsId);
  ASSERT_TRUE(chosen.session.has_value());
  EXPECT_EQ(chosen.session->answers.at("place"), "19.04.01.1001");
  EXPECT_FALSE(chosen.session->offers.contains("place"));
}

TEST_F(PlaceStep, TypeAgainAWrongNumberOrAnotherName) {
  Chat chat = AtPlace();
  chat.Send("koba");
  EXPECT_EQ(chat.Send("9").screen, "Pilihan tidak dikenal.\n" + kKobaId);
  EXPECT_EQ(chat.Send("4").screen, kPlaceId);  // Ketik ulang
  chat.Send("koba");
  EXPECT_EQ(chat.Send("ketik ulang").screen, kPlaceId);
  chat.Send("koba");
  // Another name at the menu is a new search.
  EXPECT_EQ(FirstFound(chat, "lubuk besar"), "Kec. Lubuk Besar, Bangka Tengah");
}

TEST_F(PlaceStep, APlaceOutsideTheOnboardedRegionsIsFiledWithItsRegency) {
  Chat chat = AtPlace();
  EXPECT_EQ(FirstFound(chat, "cibinong"), "Kec. Cibinong, Bogor");
  chat.Send("1");
  chat.Send("Antrean puskesmas lama sekali");
  auto done = chat.Send("1");
  ASSERT_TRUE(done.file_case.has_value());
  EXPECT_EQ(done.file_case->answers.at("place"), "32.01.01");
  EXPECT_EQ(done.file_case->answers.at("kecamatan"), "32.01.01");
  EXPECT_EQ(done.file_case->region, "32.01");
  EXPECT_EQ(done.file_case->labels.at("region"), "Kabupaten Bogor");
  EXPECT_EQ(done.file_case->labels.at("kecamatan"), "Cibinong");
}

TEST_F(PlaceStep, ARegencyIsAPlaceWithoutAKecamatan) {
  Chat chat = AtPlace();
  chat.Send("bangka tengah");
  chat.Send("1");
  chat.Send("Antrean puskesmas lama sekali");
  auto done = chat.Send("1");
  ASSERT_TRUE(done.file_case.has_value());
  EXPECT_EQ(done.file_case->answers.at("place"), "19.04");
  EXPECT_FALSE(done.file_case->answers.contains("kecamatan"));
  EXPECT_EQ(done.file_case->region, "19.04");
}

// A first SMS that names the problem and the place: both offered, and a report in 5 messages.
TEST_F(PlaceStep, AFirstSmsNamingProblemAndPlaceIsOfferedThenConfirmed) {
  Chat chat(*engine_, Channel::kSms);
  std::vector<std::string> replies = {chat.Send(kRoadSms).screen};
  ASSERT_TRUE(chat.session.has_value());
  // Found, offered, not assumed.
  EXPECT_FALSE(chat.session->answers.contains("place"));
  EXPECT_FALSE(chat.session->answers.contains("category"));
  EXPECT_EQ(chat.session->offers.at("category"), "infrastruktur");
  EXPECT_EQ(chat.session->offers.at("subcategory"), "jalan");
  EXPECT_TRUE(chat.session->offers.at("place").starts_with("19.04.01,"))
      << chat.session->offers.at("place");
  for (const char* input : {"1", "ya", "1", "1"}) {
    replies.push_back(chat.Send(input).screen);
  }
  ASSERT_EQ(replies.size(), 5u);  // messages from the citizen
  EXPECT_EQ(replies[0], kTypeId);
  EXPECT_EQ(replies[1], kRoadsOfferId);
  EXPECT_EQ(replies[2], kKobaId);
  EXPECT_EQ(replies[3],
            ConfirmId("Jalan dan Jembatan", kKobaKecamatan, "Jalan rusak di depan pasar Koba..."));
  const auto& done = chat.last;
  ASSERT_TRUE(done.file_case.has_value());
  EXPECT_EQ(done.file_case->answers.at("category"), "infrastruktur");
  EXPECT_EQ(done.file_case->answers.at("subcategory"), "jalan");
  EXPECT_EQ(done.file_case->answers.at("place"), "19.04.01");
  EXPECT_EQ(done.file_case->answers.at("details"), kRoadSms);
  EXPECT_EQ(done.file_case->answers.at("identity"), "biasa");
}

TEST_F(PlaceStep, ACategoryOfferDeclinedShowsTheCategoriesAndForgetsTheOffer) {
  Chat chat(*engine_, Channel::kSms);
  chat.Send(kRoadSms);
  chat.Send("1");
  auto declined = chat.Send("2");
  EXPECT_EQ(declined.screen, kCategoryId);
  ASSERT_TRUE(declined.session.has_value());
  EXPECT_FALSE(declined.session->offers.contains("category"));
  EXPECT_FALSE(declined.session->offers.contains("subcategory"));
  EXPECT_EQ(chat.Send("1").screen, kSubHealthId);
  // The place is still offered.
  EXPECT_EQ(chat.Send("1").screen, kKobaId);
  EXPECT_EQ(chat.Send("4").screen, kPlaceId);
}

TEST_F(PlaceStep, AnOfferWantsYesOrNo) {
  Chat chat(*engine_, Channel::kSms);
  chat.Send(kRoadSms);
  chat.Send("1");
  EXPECT_EQ(chat.Send("3").screen, "Pilihan tidak dikenal.\n" + kRoadsOfferId);
  EXPECT_EQ(chat.Send("bukan").screen, kCategoryId);
}

// A first SMS that names the place but no problem word: the categories are asked, the place is
// offered; still 6 messages.
TEST_F(PlaceStep, AFirstSmsNamingOnlyThePlaceAsksTheCategoryInSixMessages) {
  Chat chat(*engine_, Channel::kSms);
  std::vector<std::string> replies = {
      chat.Send("Petugas kantor di Koba lambat sekali melayani warga").screen};
  ASSERT_TRUE(chat.session.has_value());
  EXPECT_FALSE(chat.session->offers.contains("category"));
  EXPECT_TRUE(chat.session->offers.contains("place"));
  for (const char* input : {"1", "2", "3", "1", "1"}) {
    replies.push_back(chat.Send(input).screen);
  }
  ASSERT_EQ(replies.size(), 6u);
  EXPECT_EQ(replies[0], kTypeId);
  EXPECT_EQ(replies[1], kCategoryId);
  EXPECT_TRUE(replies[2].starts_with("Sub-kategori:\n1. KTP dan Akta")) << replies[2];
  EXPECT_EQ(replies[3], kKobaId);
  EXPECT_TRUE(replies[4].starts_with("Bantuan Sosial, Kec. Koba, Bangka Tengah\n")) << replies[4];
  ASSERT_TRUE(chat.last.file_case.has_value());
  EXPECT_EQ(chat.last.file_case->answers.at("subcategory"), "bansos");
}

TEST_F(PlaceStep, EveryScreenOfThePlaceStepFitsInBothLanguages) {
  for (bool english : {false, true}) {
    Chat chat(*engine_, Channel::kUssd);
    chat.Dial();
    if (english) {
      chat.Send("6");
      chat.Send("2");
    }
    for (const char* input : {"1", "1", "1"}) {
      chat.Send(input);
    }
    for (const char* typed : {"sungai selan", "tebing tinggi", "qqqq", "99", "pangkalan"}) {
      EXPECT_LE(ScreenLength(chat.Send(typed).screen), 182u) << chat.screen();
    }
  }
}

}  // namespace
}  // namespace lapor::dialog
