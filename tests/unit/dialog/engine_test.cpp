#include "dialog/engine.hpp"

#include <gtest/gtest.h>

#include "unit/dialog/chat.hpp"
#include "unit/dialog/engine_fixture.hpp"
#include "dialog/screen.hpp"

namespace lapor::dialog {
namespace {

using test::Chat;

class EngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { engine_ = test::DefaultEngine(); }
  static std::shared_ptr<const Engine> engine_;
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
  EXPECT_EQ(chat.Send("cibinong").screen,
            "Tulis lokasi (desa, jalan, patokan):\n0. Kembali");
  EXPECT_EQ(chat.Send("Desa Pakansari").screen,
            "Ceritakan masalahnya (min. 15 huruf):\n0. Kembali");
  EXPECT_EQ(chat.Send("Antrean puskesmas lama sekali").screen,
            "Identitas pelapor:\n1. Biasa\n2. Anonim\n3. Rahasia\n0. Kembali");
  EXPECT_EQ(chat.Send("2").screen,
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

}  // namespace
}  // namespace lapor::dialog
