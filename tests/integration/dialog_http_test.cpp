// Whole USSD conversations through Africa's Talking's webhook against a real Redis: every screen a
// citizen sees, how many, and what ends up stored.
#include "integration/dialog_http_fixture.hpp"

namespace lapor::test {
namespace {

using namespace screen;  // NOLINT: the default dialog's screens
using UssdDialog = DialogHttp;

// Issue 9: a complete USSD report, the place found at the first try, in at most 8 screens from
// the dial to the END.
constexpr size_t kMaxUssdScreens = 8;

TEST_F(UssdDialog, WholeReportInIndonesianInEightScreensEveryScreenAndTheCaseStored) {
  UssdCall call(server_, "ATUid_id_1", "081234567890");
  std::vector<std::string> screens = {call.Dial()};
  for (const char* input : {"1", "1", "1", "koba", "1", "Antrean puskesmas lama sekali", "2"}) {
    screens.push_back(call.Send(input));
  }
  ASSERT_EQ(screens.size(), 8u);
  EXPECT_LE(screens.size(), kMaxUssdScreens);
  EXPECT_EQ(screens[0], "CON " + kMainId);
  EXPECT_EQ(screens[1], "CON " + kCategoryId);
  EXPECT_EQ(screens[2], "CON " + kSubHealthId);
  EXPECT_EQ(screens[3], "CON " + kPlaceId);
  EXPECT_EQ(screens[4], "CON " + kKobaId);
  EXPECT_EQ(screens[5], "CON " + kDetailsId);
  EXPECT_EQ(screens[6],
            "CON " + ConfirmId("Puskesmas", kKobaKecamatan, "Antrean puskesmas lama sekali"));
  std::string tracking_no = TrackingNoIn(screens[7]);
  ASSERT_EQ(tracking_no.size(), cases::kTrackingNumberDigits) << screens[7];
  EXPECT_TRUE(cases::IsValidTrackingNumber(tracking_no)) << tracking_no;
  EXPECT_EQ(screens[7], "END Terima kasih. Laporan Anda diterima dengan nomor " + tracking_no +
                            ". Cek status: SMS CEK " + tracking_no + " ke 1708.");
  for (const auto& screen : screens) {
    EXPECT_LE(dialog::ScreenLength(screen.substr(4)), 182u) << screen;
  }

  auto stored = redis_.HGetAll(CaseKey(tracking_no));
  EXPECT_EQ(stored["tracking_no"], tracking_no);
  EXPECT_EQ(stored["status"], "submitted");
  EXPECT_EQ(stored["type"], "pengaduan");
  EXPECT_EQ(stored["category"], "kesehatan");
  EXPECT_EQ(stored["subcategory"], "puskesmas");
  EXPECT_EQ(stored["place"], "19.04.01");
  EXPECT_EQ(stored["kecamatan"], "19.04.01");
  EXPECT_EQ(stored["region"], "19.04");
  EXPECT_EQ(stored["label_place"], kKobaKecamatan);
  EXPECT_EQ(stored["label_kecamatan"], "Koba");
  EXPECT_EQ(stored["label_region"], "Kabupaten Bangka Tengah");
  EXPECT_EQ(stored["details"], "Antrean puskesmas lama sekali");
  EXPECT_EQ(stored["identity"], "anonim");
  EXPECT_EQ(stored["phone"], "+6281234567890");
  EXPECT_EQ(stored["lang"], "id");
  EXPECT_EQ(stored["channel"], "ussd");
  EXPECT_EQ(stored["created_at"], std::to_string(kTestEpochMs));
  EXPECT_EQ(CaseKeys(), std::vector<std::string>{CaseKey(tracking_no)});
  EXPECT_EQ(redis_.LRange(CaseKey(tracking_no) + ":log").size(), 1u);
  EXPECT_EQ(redis_.LRange(Key("citizen:{+6281234567890}:cases")),
            std::vector<std::string>{tracking_no});
  // The conversation is over: nothing of it is left to resume, only its last answer for a retry.
  auto state = StoredUssdState("+6281234567890");
  ASSERT_TRUE(state);
  EXPECT_TRUE(state->session.empty());
  EXPECT_TRUE(state->end);
  EXPECT_EQ("END " + state->reply, screens[7]);
  EXPECT_EQ(UssdCall(server_, "ATUid_id_2", "081234567890").Dial(), "CON " + kMainId);
}

// In English: the two screens of the language menu, then the same 8.
TEST_F(UssdDialog, WholeReportInEnglishInEightScreensAfterTheLanguageMenu) {
  UssdCall call(server_, "ATUid_en_1", "+6285712345678");
  EXPECT_EQ(call.Dial(), "CON " + kMainId);
  EXPECT_EQ(call.Send("6"),
            "CON Pilih bahasa / Choose language:\n1. Bahasa Indonesia\n2. English\n0. Kembali");
  std::vector<std::string> screens = {call.Send("2")};
  for (const char* input :
       {"3", "3", "1", "pangkalan baru", "1", "Big pothole near the market", "confidential"}) {
    screens.push_back(call.Send(input));
  }
  ASSERT_EQ(screens.size(), 8u);
  EXPECT_LE(screens.size(), kMaxUssdScreens);
  EXPECT_EQ(screens[0], "CON " + kMainEn);
  EXPECT_EQ(screens[1],
            "CON Category:\n1. Health\n2. Public service\n3. Infrastructure\n"
            "4. Public order and harmony\n0. Back");
  EXPECT_EQ(screens[2],
            "CON Sub-category:\n1. Roads and bridges\n2. Clean water\n3. Street lights\n"
            "4. Drainage and floods\n0. Back");
  EXPECT_EQ(screens[3], "CON Where? Write the village or district (kecamatan):\n0. Back");
  EXPECT_EQ(screens[4],
            "CON Choose the place:\n1. Kec. Pangkalan Baru, Bangka Tengah\n"
            "2. Desa Pangkalan Baru, Siak Hulu, Kampar\n"
            "3. Kel. Pangkalan Batu, Berandan Barat, Langkat\n4. Type again\n0. Back");
  EXPECT_EQ(screens[5], "CON Describe the problem and the exact spot (street, landmark):\n0. Back");
  EXPECT_EQ(screens[6],
            "CON " + ConfirmEn("Roads and bridges", "Kec. Pangkalan Baru, Bangka Tengah",
                               "Big pothole near the market"));
  std::string tracking_no = TrackingNoIn(screens[7]);
  EXPECT_TRUE(cases::IsValidTrackingNumber(tracking_no)) << screens[7];
  EXPECT_EQ(screens[7], "END Thank you. Your report was received with number " + tracking_no +
                            ". Check status: SMS CEK " + tracking_no + " to 1708.");
  auto stored = redis_.HGetAll(CaseKey(tracking_no));
  EXPECT_EQ(stored["status"], "submitted");
  EXPECT_EQ(stored["type"], "informasi");
  EXPECT_EQ(stored["category"], "infrastruktur");
  EXPECT_EQ(stored["subcategory"], "jalan");
  EXPECT_EQ(stored["place"], "19.04.02");
  EXPECT_EQ(stored["region"], "19.04");
  EXPECT_EQ(stored["details"], "Big pothole near the market");
  EXPECT_EQ(stored["identity"], "rahasia");
  EXPECT_EQ(stored["phone"], "+6285712345678");
  EXPECT_EQ(stored["lang"], "en");
}

TEST_F(UssdDialog, APlaceNotFoundOffersToTypeAgainAndCostsOneScreen) {
  UssdCall call(server_, "ATUid_again", "081234567890");
  ToPlace(call);
  EXPECT_EQ(call.Send("qwxzvq"), "CON " + kPlaceNotFoundId);
  // A typo is forgiven.
  EXPECT_TRUE(call.Send("kova").starts_with("CON Pilih lokasi:\n1. Kec. Koba, Bangka Tengah\n"));
  EXPECT_EQ(call.Send("4"), "CON " + kPlaceId);  // "Ketik ulang"
  EXPECT_EQ(call.Send("sungai selan"),
            "CON Pilih lokasi:\n1. Kec. Sungai Selan, Bangka Tengah\n"
            "2. Kel. Sungai Selan, Sungai Selan, Bangka Tengah\n"
            "3. Desa Sungai Selan Atas, Sungai Selan, Bangka Tengah\n4. Ketik ulang\n0. Kembali");
  EXPECT_EQ(call.Send("1"), "CON " + kDetailsId);
  call.Send("Antrean puskesmas lama sekali");
  std::string tracking_no = TrackingNoIn(call.Send("1"));
  EXPECT_EQ(redis_.HGetAll(CaseKey(tracking_no))["place"], "19.04.03");
}

TEST_F(UssdDialog, APlaceOutsideTheOnboardedRegionsIsStoredWithItsRegency) {
  UssdCall call(server_, "ATUid_bogor", "081234567890");
  ToPlace(call);
  std::string found = call.Send("cibinong");
  EXPECT_TRUE(found.starts_with("CON Pilih lokasi:\n1. Kec. Cibinong, Bogor\n")) << found;
  call.Send("1");
  call.Send("Antrean puskesmas lama sekali");
  std::string tracking_no = TrackingNoIn(call.Send("1"));
  auto stored = redis_.HGetAll(CaseKey(tracking_no));
  EXPECT_EQ(stored["place"], "32.01.01");
  EXPECT_EQ(stored["region"], "32.01");
  EXPECT_EQ(stored["label_region"], "Kabupaten Bogor");
}

TEST_F(UssdDialog, BackMainMenuAndInvalidInput) {
  UssdCall call(server_, "ATUid_nav", "081234567890");
  call.Dial();
  EXPECT_EQ(call.Send("9"), "CON " + kHint + kMainId);
  EXPECT_EQ(call.Send("pengaduan"), "CON " + kCategoryId);
  EXPECT_EQ(call.Send("0"), "CON " + kMainId);
  EXPECT_EQ(call.Send("1"), "CON " + kCategoryId);
  EXPECT_EQ(call.Send("KESEHATAN"), "CON " + kSubHealthId);
  EXPECT_EQ(call.Send("puskesmas"), "CON " + kPlaceId);
  EXPECT_EQ(call.Send("koba"), "CON " + kKobaId);
  EXPECT_EQ(call.Send("9"), "CON " + kHint + kKobaId);
  EXPECT_EQ(call.Send("0"), "CON " + kPlaceId);
  EXPECT_EQ(call.Send("0"), "CON " + kSubHealthId);
  EXPECT_EQ(call.Send("1"), "CON " + kPlaceId);
  call.Send("koba");
  EXPECT_EQ(call.Send("2"), "CON " + kDetailsId);
  EXPECT_EQ(call.Send("pendek"), "CON Uraian terlalu pendek, minimal 15 huruf.\n" + kDetailsId);
  EXPECT_EQ(call.Send("00"), "CON " + kMainId);
  EXPECT_EQ(call.Send("1"), "CON " + kCategoryId);
  EXPECT_TRUE(CaseKeys().empty());
}

// "Ubah" clears the answers; "0" right after it must not lead back to a summary of nothing, where
// a send would file an empty case.
TEST_F(UssdDialog, BackAfterChangeNeverFilesAnEmptyCase) {
  UssdCall call(server_, "ATUid_change", "081234567890");
  ToDetails(call);
  call.Send("Antrean puskesmas lama sekali");
  EXPECT_EQ(call.Send("4"), "CON " + kTypeId);
  std::string back = call.Send("0");
  EXPECT_EQ(back.find('{'), std::string::npos) << back;
  call.Send("1");
  for (const auto& key : CaseKeys()) {
    auto stored = redis_.HGetAll(key);
    EXPECT_TRUE(stored.contains("details") && stored.contains("place"))
        << key << " was filed without the report's answers";
  }
}

TEST_F(UssdDialog, SurroundingSpacesAndAnyCaseAreAccepted) {
  UssdCall call(server_, "ATUid_spaces", "081234567890");
  call.Dial();
  EXPECT_EQ(call.Send("  ASPIRASI "), "CON " + kCategoryId);
  EXPECT_EQ(call.Send(" pelayanan   publik "),
            "CON Sub-kategori:\n1. KTP dan Akta\n2. Perizinan\n3. Bantuan Sosial\n"
            "4. Pungutan Liar\n0. Kembali");
  EXPECT_EQ(call.Send(" 1 "), "CON " + kPlaceId);
  EXPECT_EQ(call.Send("  KEC.  KOBA "), "CON " + kKobaId);
}

TEST_F(UssdDialog, ResumeOfferedWithinTenMinutesOfADroppedSession) {
  UssdCall dropped(server_, "ATUid_drop_1", "081234567890");
  ToDetails(dropped);
  // The telco drops the call; the citizen dials again 9 minutes later (a new sessionId).
  server_.clock().Advance(9 * kMinute);
  UssdCall again(server_, "ATUid_drop_2", "081234567890");
  EXPECT_EQ(again.Dial(), "CON " + kResumeId);
  EXPECT_EQ(again.Send("1"), "CON " + kDetailsId);
  EXPECT_EQ(again.Send("Antrean puskesmas lama sekali"),
            "CON " + ConfirmId("Puskesmas", kKobaKecamatan, "Antrean puskesmas lama sekali"));
  std::string tracking_no = TrackingNoIn(again.Send("1"));
  ASSERT_TRUE(cases::IsValidTrackingNumber(tracking_no));
  EXPECT_EQ(redis_.HGetAll(CaseKey(tracking_no))["place"], "19.04.01");
  // Once the report is filed there is nothing more to resume.
  UssdCall third(server_, "ATUid_drop_3", "081234567890");
  EXPECT_EQ(third.Dial(), "CON " + kMainId);
}

TEST_F(UssdDialog, ResumeNotOfferedElevenMinutesAfterADroppedSession) {
  UssdCall dropped(server_, "ATUid_late_1", "081234567890");
  ToPlace(dropped);
  server_.clock().Advance(11 * kMinute);
  UssdCall again(server_, "ATUid_late_2", "081234567890");
  EXPECT_EQ(again.Dial(), "CON " + kMainId);
  EXPECT_EQ(again.Send("1"), "CON " + kCategoryId);
}

TEST_F(UssdDialog, ResumeDeclinedStartsFromTheMainMenu) {
  UssdCall dropped(server_, "ATUid_no_1", "081234567890");
  ToPlace(dropped);
  server_.clock().Advance(2 * kMinute);
  UssdCall again(server_, "ATUid_no_2", "081234567890");
  EXPECT_EQ(again.Dial(), "CON " + kResumeId);
  EXPECT_EQ(again.Send("x"), "CON " + kHint + kResumeId);
  EXPECT_EQ(again.Send("2"), "CON " + kMainId);
  // Declined, it is not offered again ...
  UssdCall third(server_, "ATUid_no_3", "081234567890");
  EXPECT_EQ(third.Dial(), "CON " + kMainId);
  // ... and the new dialog is the one kept from now on.
  EXPECT_EQ(third.Send("2"), "CON " + kCategoryId);
  EXPECT_EQ(third.Send("1"), "CON " + kSubHealthId);
  UssdCall fourth(server_, "ATUid_no_4", "081234567890");
  EXPECT_EQ(fourth.Dial(), "CON " + kResumeId);
  EXPECT_EQ(fourth.Send("1"), "CON " + kSubHealthId);
}

TEST_F(UssdDialog, ResumeIsOfferedOnlyToTheSamePhoneNumber) {
  UssdCall dropped(server_, "ATUid_own_1", "081234567890");
  ToPlace(dropped);
  UssdCall other(server_, "ATUid_own_2", "081299999999");
  EXPECT_EQ(other.Dial(), "CON " + kMainId);
}

TEST_F(UssdDialog, CheckStatusThroughTheMenuOwnAndOtherNumber) {
  std::string tracking_no = FileBySms("081234567890");
  ASSERT_FALSE(tracking_no.empty());
  UssdCall own(server_, "ATUid_cek_1", "081234567890");
  own.Dial();
  EXPECT_EQ(own.Send("4"), "CON Masukkan nomor laporan (9 angka):\n0. Kembali");
  EXPECT_EQ(own.Send(tracking_no), "END Laporan " + tracking_no +
                                       " (28/11/2026 08:00 WIB): diterima, menunggu "
                                       "verifikasi.");
  UssdCall other(server_, "ATUid_cek_2", "081299999999");
  other.Dial();
  other.Send("4");
  EXPECT_EQ(other.Send(tracking_no),
            "END Laporan " + tracking_no + " tidak ditemukan untuk nomor Anda.");
}

// A live USSD dialog is one Redis key, whatever its length: the citizen's USSD state. No session
// per call, no resume copy, no dedupe record per step (eight keys at the details screen before).
TEST_F(UssdDialog, ALiveDialogIsOneKey) {
  UssdCall call(server_, "ATUid_keys_1", "081234567890");
  ToDetails(call);
  auto keys = redis_.Keys(Key("*{+6281234567890}*"));
  std::erase_if(keys, [](const std::string& key) { return key.find(":budget:") != key.npos; });
  EXPECT_EQ(keys, std::vector<std::string>{UssdStateKey("+6281234567890")});
  EXPECT_EQ(redis_.Keys(Key("seen:*")), std::vector<std::string>{});
  auto state = StoredUssdState("+6281234567890");
  ASSERT_TRUE(state);
  EXPECT_EQ(state->call, dialog::UssdShortId("ATUid_keys_1"));
  EXPECT_FALSE(state->session.empty());
  EXPECT_TRUE(state->reply.empty()) << "a plain screen is rendered again, not kept";
  // The state lives as long as a dropped call may be resumed.
  EXPECT_GT(redis_.Ttl(UssdStateKey("+6281234567890")), 9 * 60);
}

TEST_F(UssdDialog, ARetriedStepWhoseScreenHadAHintGetsTheSameScreen) {
  UssdCall call(server_, "ATUid_hint", "081234567890");
  call.Dial();
  const std::string hinted = "CON Pilihan tidak dikenal.\n" + kMainId;
  ASSERT_EQ(call.Send("7"), hinted);
  auto state = StoredUssdState("+6281234567890");
  ASSERT_TRUE(state);
  EXPECT_EQ("CON " + state->reply, hinted) << "a hint is not in the session: it is kept";
  EXPECT_EQ(call.Repeat(), hinted);
  EXPECT_EQ(call.Send("1"), "CON " + kCategoryId);
  EXPECT_EQ(call.Repeat(), "CON " + kCategoryId);
  EXPECT_EQ(call.Send("1"), "CON " + kSubHealthId);
}

TEST_F(UssdDialog, SameRequestTwiceGivesTheSameScreenAndChangesNothing) {
  UssdCall call(server_, "ATUid_dup", "081234567890");
  call.Dial();
  ASSERT_EQ(call.Send("1"), "CON " + kCategoryId);
  auto state = redis_.Get(UssdStateKey("+6281234567890"));
  ASSERT_TRUE(state);
  EXPECT_EQ(call.Repeat(), "CON " + kCategoryId);
  EXPECT_EQ(redis_.Get(UssdStateKey("+6281234567890")), state);
  EXPECT_EQ(call.Send("1"), "CON " + kSubHealthId);
  for (const char* input : {"1", "koba", "1", "Antrean puskesmas lama sekali"}) {
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
  ToDetails(first);
  UssdCall second(server_, "ATUid_shared", "081299999999");
  EXPECT_EQ(second.Dial(), "CON " + kMainId);
  EXPECT_EQ(second.Send("2"), "CON " + kCategoryId);
  EXPECT_EQ(second.Send("3"), "CON " + kSubInfraId);
  // The first citizen carries on where they were, with their own answers.
  EXPECT_EQ(first.Send("Antrean puskesmas lama sekali"),
            "CON " + ConfirmId("Puskesmas", kKobaKecamatan, "Antrean puskesmas lama sekali"));
  std::string tracking_no = TrackingNoIn(first.Send("1"));
  ASSERT_TRUE(cases::IsValidTrackingNumber(tracking_no));
  EXPECT_EQ(redis_.HGetAll(CaseKey(tracking_no))["phone"], "+6281234567890");
}

// The reply a USSD request got is remembered under its sessionId and text; another phone sending
// the same sessionId and text must not be handed the first citizen's screen (their report).
TEST_F(UssdDialog, SessionIdReusedByAnotherPhoneNeverSeesTheFirstCitizensScreens) {
  UssdCall first(server_, "ATUid_leak", "081234567890");
  ToDetails(first);
  std::string summary = first.Send("Antrean puskesmas lama sekali");
  ASSERT_NE(summary.find("Antrean puskesmas"), std::string::npos) << summary;
  HttpReply replay = server_.Ussd("ATUid_leak", "081299999999", first.text());
  EXPECT_EQ(replay.status, 200);
  EXPECT_EQ(replay.body.find("Koba"), std::string::npos) << replay.body;
  EXPECT_EQ(replay.body.find("Antrean puskesmas"), std::string::npos) << replay.body;
  EXPECT_EQ(replay.body, "CON " + kMainId);
}

}  // namespace
}  // namespace lapor::test
