#include "places/wilayah.hpp"

#include <gtest/gtest.h>

#include "common/config_error.hpp"
#include "unit/places/places_fixture.hpp"

namespace lapor::places {
namespace {

std::string ProblemsOf(std::vector<std::string> texts) {
  try {
    Wilayah::Parse(std::move(texts), "wilayah");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(Wilayah, CommittedDataHoldsTheWholeCountry) {
  const auto& map = *test::CommittedMap();
  EXPECT_EQ(map.Count(Level::kProvince), 38u);
  EXPECT_EQ(map.Count(Level::kRegency), 514u);
  EXPECT_EQ(map.Count(Level::kDistrict), 7285u);
  EXPECT_EQ(map.Count(Level::kVillage), 83762u);
  EXPECT_EQ(map.size(), 38u + 514u + 7285u + 83762u);
}

TEST(Wilayah, BangkaTengahHasItsSixKecamatan) {
  const auto& map = *test::CommittedMap();
  uint32_t regency = map.Find("19.04");
  ASSERT_NE(regency, kNoPlace);
  EXPECT_EQ(map.at(regency).name, "Kabupaten Bangka Tengah");
  EXPECT_EQ(map.at(map.at(regency).parent).name, "Kepulauan Bangka Belitung");
  std::vector<std::string> kecamatan;
  for (uint32_t id = map.Begin(Level::kDistrict); id < map.End(Level::kDistrict); ++id) {
    if (map.at(id).parent == regency) {
      kecamatan.emplace_back(map.at(id).name);
    }
  }
  EXPECT_EQ(kecamatan, (std::vector<std::string>{"Koba", "Pangkalan Baru", "Sungai Selan",
                                                 "Simpang Katis", "Namang", "Lubuk Besar"}));
}

TEST(Wilayah, FindsByCodeAndWalksUp) {
  const auto& map = *test::CommittedMap();
  uint32_t nibung = map.Find("19.04.01.2003");
  ASSERT_NE(nibung, kNoPlace);
  EXPECT_EQ(map.at(nibung).name, "Nibung");
  EXPECT_EQ(map.at(nibung).level, Level::kVillage);
  EXPECT_EQ(map.at(map.Ancestor(nibung, Level::kDistrict)).name, "Koba");
  EXPECT_EQ(map.at(map.Ancestor(nibung, Level::kRegency)).code, "19.04");
  EXPECT_EQ(map.Ancestor(map.Find("19.04"), Level::kDistrict), kNoPlace);
  EXPECT_EQ(map.Find("19.04.99"), kNoPlace);
  EXPECT_EQ(map.Find("19.4"), kNoPlace);
  EXPECT_EQ(map.Find(""), kNoPlace);
}

TEST(Wilayah, CodesHaveTheirShape) {
  Level level = Level::kProvince;
  EXPECT_TRUE(LevelOfCode("19", level));
  EXPECT_EQ(level, Level::kProvince);
  EXPECT_TRUE(LevelOfCode("19.04.01.2003", level));
  EXPECT_EQ(level, Level::kVillage);
  for (const char* bad : {"", "1", "19.", "19.4", "19.04.01.203", "19.04.01.2003.1", "ab.cd"}) {
    EXPECT_FALSE(LevelOfCode(bad, level)) << bad;
  }
}

TEST(Wilayah, BrokenFilesAreRefusedWithFileAndLine) {
  std::string provinces = "19\tKepulauan Bangka Belitung\n";
  std::string regencies = "19.04\tKabupaten Bangka Tengah\n";
  std::string districts = "19.04.01\tKoba\n";
  EXPECT_EQ(ProblemsOf({provinces, regencies, districts, "19.04.01.2003\tNibung\n"}), "");
  EXPECT_EQ(ProblemsOf({provinces, regencies, districts, "19.04.02.2003\tNibung\n"}),
            "wilayah/villages.tsv:1: 19.04.02.2003 has no parent one level up\n");
  EXPECT_EQ(ProblemsOf({provinces, regencies + "19.01\tKabupaten Bangka\n", districts, ""}),
            "wilayah/regencies.tsv:2: 19.01 is out of order or repeated\n");
  EXPECT_EQ(ProblemsOf({provinces, regencies, "19.04.01 Koba\n", ""}),
            "wilayah/districts.tsv:1: \"19.04.01 Koba\" is not a code of this level\n");
  EXPECT_EQ(ProblemsOf({provinces, regencies, "19.04.01\t\n", ""}),
            "wilayah/districts.tsv:1: needs \"<code>\\t<name>\"\n");
  EXPECT_NE(ProblemsOf({provinces}).find("needs the four files"), std::string::npos);
}

TEST(Wilayah, AMissingFolderNamesTheFile) {
  try {
    Wilayah::Load("/no/such/wilayah");
    FAIL() << "loaded a missing folder";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("/no/such/wilayah/provinces.tsv: cannot be read"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace lapor::places
