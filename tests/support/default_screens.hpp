#pragma once

#include <string>

// The default dialog's screens (dialogs/lapor.json with templates/ and config/default.json) as a
// citizen sees them, written out once for every test that checks them exactly.
namespace lapor::test::screen {

inline const std::string kMainId =
    "LAPOR! 1708 - Layanan Aspirasi dan Pengaduan\n1. Lapor\n2. Cek status\n3. Bantuan\n"
    "4. Bahasa/Language";
inline const std::string kMainEn =
    "LAPOR! 1708 - Public complaints\n1. Report\n2. Check status\n3. Help\n4. Bahasa/Language";
inline const std::string kTypeId =
    "Jenis laporan:\n1. Pengaduan\n2. Aspirasi\n3. Permintaan Informasi\n0. Kembali";
inline const std::string kCategoryId =
    "Kategori:\n1. Kesehatan\n2. Pelayanan Publik\n3. Infrastruktur\n0. Kembali";
inline const std::string kSubHealthId =
    "Sub-kategori:\n1. Puskesmas\n2. Rumah Sakit\n3. BPJS Kesehatan\n4. Obat dan Vaksin\n"
    "0. Kembali";
inline const std::string kKecamatanPage1Id =
    "Kecamatan:\n1. Babakan Madang\n2. Bojonggede\n3. Caringin\n4. Cariu\n5. Ciampea\n6. Ciawi\n"
    "7. Cibinong\n8. Cibungbulang\n9. Cigombong\n98. Berikutnya\n0. Kembali";
inline const std::string kLocationId = "Tulis lokasi (desa, jalan, patokan):\n0. Kembali";
inline const std::string kDetailsId = "Ceritakan masalahnya (min. 15 huruf):\n0. Kembali";
inline const std::string kIdentityId =
    "Identitas pelapor:\n1. Biasa\n2. Anonim\n3. Rahasia\n0. Kembali";
inline const std::string kResumeId =
    "Lanjutkan laporan sebelumnya?\n1. Ya, lanjutkan\n2. Tidak, mulai baru";

}  // namespace lapor::test::screen
