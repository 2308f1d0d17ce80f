#pragma once

#include <string>

// The default dialog's screens (dialogs/lapor.json with templates/ and config/default.json) as a
// citizen sees them, written out once for every test that checks them exactly.
namespace lapor::test::screen {

inline const std::string kMainId =
    "LAPOR! 1708 - Layanan Aspirasi dan Pengaduan\n1. Pengaduan\n2. Aspirasi\n"
    "3. Permintaan Informasi\n4. Cek status\n5. Bantuan\n6. Bahasa/Language";
inline const std::string kMainEn =
    "LAPOR! 1708 - Public complaints\n1. Complaint\n2. Aspiration\n3. Information request\n"
    "4. Check status\n5. Help\n6. Bahasa/Language";
inline const std::string kTypeId =
    "Jenis laporan:\n1. Pengaduan\n2. Aspirasi\n3. Permintaan Informasi\n0. Kembali";
inline const std::string kCategoryId =
    "Kategori:\n1. Kesehatan\n2. Pelayanan Publik\n3. Infrastruktur\n"
    "4. Ketertiban dan Kerukunan\n0. Kembali";
inline const std::string kSubHealthId =
    "Sub-kategori:\n1. Puskesmas\n2. Rumah Sakit\n3. BPJS Kesehatan\n4. Obat dan Vaksin\n"
    "0. Kembali";
inline const std::string kSubInfraId =
    "Sub-kategori:\n1. Jalan dan Jembatan\n2. Air Bersih\n3. Lampu Jalan\n"
    "4. Drainase dan Banjir\n0. Kembali";
// The offer a first SMS about a broken road gets.
inline const std::string kRoadsOfferId =
    "Kategori: Infrastruktur, Jalan dan Jembatan?\n1. Ya\n2. Bukan, pilih lain\n0. Kembali";
inline const std::string kPlaceId = "Di mana? Tulis nama desa atau kecamatan:\n0. Kembali";
inline const std::string kPlaceNotFoundId = "Lokasi tidak ditemukan, ketik ulang.\n" + kPlaceId;
// The kecamatan "koba" finds first, as a case names it.
inline const std::string kKobaKecamatan = "Kec. Koba, Bangka Tengah";
// What "koba" finds: the kecamatan and the kelurahan of Bangka Tengah, then a namesake.
inline const std::string kKobaId =
    "Pilih lokasi:\n1. Kec. Koba, Bangka Tengah\n2. Kel. Koba, Koba, Bangka Tengah\n"
    "3. Desa Koba, Tomor Birip, Asmat\n4. Ketik ulang\n0. Kembali";
inline const std::string kDetailsId =
    "Ceritakan masalahnya dan lokasi persisnya (jalan, patokan):\n0. Kembali";
inline const std::string kResumeId =
    "Lanjutkan laporan sebelumnya?\n1. Ya, lanjutkan\n2. Tidak, mulai baru";

// The confirm screen: what and where, the details (as short as the screen needs), and how to send.
inline std::string ConfirmId(const std::string& subcategory, const std::string& place,
                             const std::string& details) {
  return subcategory + ", " + place + "\n" + details +
         "\nKirim sebagai:\n1. Biasa\n2. Anonim (nomor disamarkan)\n"
         "3. Rahasia (tidak dipublikasi)\n4. Ubah\n0. Kembali";
}
inline std::string ConfirmEn(const std::string& subcategory, const std::string& place,
                             const std::string& details) {
  return subcategory + ", " + place + "\n" + details +
         "\nSend as:\n1. Regular\n2. Anonymous (number masked)\n3. Confidential (not published)\n"
         "4. Change\n0. Back";
}

}  // namespace lapor::test::screen
