// Finding a place from what a citizen types, over the whole country (data/wilayah), with Bangka
// Tengah onboarded as in config/default.json.
#include "places/place_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "places/place_key.hpp"
#include "unit/places/places_fixture.hpp"

namespace lapor::places {
namespace {

const PlaceIndex& Index() { return test::NationalIndex(); }

std::vector<std::string> Labels(const std::vector<PlaceMatch>& matches) {
  std::vector<std::string> labels;
  for (const auto& m : matches) {
    labels.push_back(Index().Label(m.place));
  }
  return labels;
}

std::string First(std::string_view typed) {
  auto found = Index().Find(typed, 4);
  return found.empty() ? "" : Index().Label(found.front().place);
}

std::string Upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), ::toupper);
  return text;
}

struct Kecamatan {
  std::string name;
  std::string typo;  // one typo: changed, dropped, doubled or swapped letters
};

// Every kecamatan of Bangka Tengah, and a way a citizen may mistype it.
const std::vector<Kecamatan> kBangkaTengah = {
    {"Koba", "Kova"},
    {"Lubuk Besar", "Lubuk Besat"},
    {"Namang", "Namnag"},
    {"Pangkalan Baru", "Pangkalan Bru"},
    {"Simpang Katis", "Simpang Kattis"},
    {"Sungai Selan", "Sungai Selen"},
};

TEST(PlaceIndex, EveryBangkaTengahKecamatanIsFoundByItsExactName) {
  for (const auto& k : kBangkaTengah) {
    auto found = Index().Find(k.name, 4);
    ASSERT_FALSE(found.empty()) << k.name;
    EXPECT_EQ(Index().Label(found.front().place), "Kec. " + k.name + ", Bangka Tengah");
    EXPECT_EQ(found.front().kind, MatchKind::kExact) << k.name;
    EXPECT_TRUE(found.front().onboarded) << k.name;
  }
}

TEST(PlaceIndex, EveryBangkaTengahKecamatanIsFoundWithATypo) {
  for (const auto& k : kBangkaTengah) {
    auto found = Index().Find(k.typo, 4);
    ASSERT_FALSE(found.empty()) << k.typo;
    EXPECT_EQ(Index().Label(found.front().place), "Kec. " + k.name + ", Bangka Tengah")
        << k.typo << " -> " << ::testing::PrintToString(Labels(found));
  }
}

TEST(PlaceIndex, EveryBangkaTengahKecamatanIsFoundInUpperCaseAndAfterKec) {
  for (const auto& k : kBangkaTengah) {
    for (const std::string& typed : {Upper(k.name), "kec. " + k.name, "Kec " + k.name,
                                     "KECAMATAN " + Upper(k.name), "kec." + k.name}) {
      EXPECT_EQ(First(typed), "Kec. " + k.name + ", Bangka Tengah") << typed;
    }
  }
}

TEST(PlaceIndex, TwoTyposInALongNameAreForgiven) {
  EXPECT_EQ(First("pangkalanbrau"), "Kec. Pangkalan Baru, Bangka Tengah");  // joined, swapped
  EXPECT_EQ(First("Simpan Katiz"), "Kec. Simpang Katis, Bangka Tengah");
  EXPECT_EQ(First("sungei selann"), "Kec. Sungai Selan, Bangka Tengah");
}

TEST(PlaceIndex, DesaRegencyAndKelurahanAreFoundToo) {
  EXPECT_EQ(First("desa nibung"), "Desa Nibung, Koba, Bangka Tengah");
  EXPECT_EQ(First("Nibung"), "Desa Nibung, Koba, Bangka Tengah");
  EXPECT_EQ(First("bangka tengah"), "Kab. Bangka Tengah");
  EXPECT_EQ(First("Kabupaten Bangka Tengah"), "Kab. Bangka Tengah");
  // Koba is a kecamatan and a kelurahan in it: both offered, the kecamatan first.
  EXPECT_EQ(
      Labels(Index().Find("koba", 2)),
      (std::vector<std::string>{"Kec. Koba, Bangka Tengah", "Kel. Koba, Koba, Bangka Tengah"}));
  EXPECT_EQ(First("Kota Pangkal Pinang"), "Kota Pangkal Pinang");
}

TEST(PlaceIndex, NamesakesAcrossProvincesAreListedWithTheirRegency) {
  // Five kecamatan named Tebing Tinggi, in five provinces, after the city of Tebing Tinggi.
  auto found = Index().Find("tebing tinggi", 6);
  EXPECT_EQ(Labels(found), (std::vector<std::string>{
                               "Kota Tebing Tinggi",
                               "Kec. Tebing Tinggi, Serdang Bedagai",
                               "Kec. Tebing Tinggi, Kepulauan Meranti",
                               "Kec. Tebing Tinggi, Tanjung Jabung Barat",
                               "Kec. Tebing Tinggi, Empat Lawang",
                               "Kec. Tebing Tinggi, Balangan",
                           }));
  std::set<std::string> provinces;
  for (const auto& m : std::vector<PlaceMatch>(found.begin() + 1, found.end())) {
    uint32_t province = Index().map().Ancestor(m.place, Level::kProvince);
    provinces.insert(std::string(Index().map().at(province).name));
  }
  EXPECT_EQ(provinces.size(), 5u);
  // A kecamatan of an onboarded region comes before its namesakes elsewhere.
  auto benteng = Index().Find("benteng", 4);
  ASSERT_FALSE(benteng.empty());
  EXPECT_EQ(Index().Label(benteng.front().place), "Desa Benteng, Pangkalan Baru, Bangka Tengah");
  EXPECT_TRUE(benteng.front().onboarded);
  EXPECT_GT(benteng.size(), 1u);
  EXPECT_FALSE(benteng[1].onboarded);
}

TEST(PlaceIndex, RankingIsExactThenPrefixThenTypos) {
  auto found = Index().Find("pangkalan ba", 4);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(Index().Label(found.front().place), "Kec. Pangkalan Baru, Bangka Tengah");
  EXPECT_EQ(found.front().kind, MatchKind::kPrefix);
  auto exact = Index().Find("Lubuk Besar", 4);
  for (size_t i = 1; i < exact.size(); ++i) {
    EXPECT_LE(exact[i - 1].kind, exact[i].kind);
  }
}

TEST(PlaceIndex, NonsenseFindsNothing) {
  for (const char* typed : {"xqzvw", "qwrtypsdf", "12345", "", "  ...  ", "zz", "kec."}) {
    EXPECT_TRUE(Index().Find(typed, 4).empty())
        << typed << " -> " << ::testing::PrintToString(Labels(Index().Find(typed, 4)));
  }
}

TEST(PlaceIndex, SpotsThePlaceNamedInAReport) {
  auto spotted = Index().Spot("Jalan rusak di depan pasar Koba, berlubang besar", 2);
  EXPECT_EQ(Labels(spotted), (std::vector<std::string>{"Kec. Koba, Bangka Tengah",
                                                       "Kel. Koba, Koba, Bangka Tengah"}));
  EXPECT_EQ(Labels(Index().Spot("Antrean puskesmas di desa Nibung lama sekali", 1)),
            (std::vector<std::string>{"Desa Nibung, Koba, Bangka Tengah"}));
  EXPECT_EQ(Labels(Index().Spot("lampu jalan mati di Pangkalan Baru", 1)),
            (std::vector<std::string>{"Kec. Pangkalan Baru, Bangka Tengah"}));
  // Common words that are also somebody's desa name are not a place, unless in an onboarded
  // region (Tanjung Gunung is a desa of Pangkalan Baru).
  EXPECT_TRUE(Index().Spot("jalan baru di tengah pasar sudah rusak", 3).empty())
      << ::testing::PrintToString(
             Labels(Index().Spot("jalan baru di tengah pasar sudah rusak", 3)));
  EXPECT_EQ(Labels(Index().Spot("banjir di tanjung gunung", 1)),
            (std::vector<std::string>{"Desa Tanjung Gunung, Pangkalan Baru, Bangka Tengah"}));
}

// The typo index finds what a scan of every key would: the prefix-deletion shortcut loses
// nothing. Names from all over the country, each with a random typo or two.
TEST(KeyIndex, FindsWhatAFullScanFinds) {
  const auto& map = *test::CommittedMap();
  std::vector<std::pair<std::string, uint32_t>> entries;
  for (uint32_t id = map.Begin(Level::kDistrict); id < map.size(); ++id) {
    entries.emplace_back(FullPlaceKey(map.at(id).name), id);
  }
  KeyIndex index(entries);
  std::mt19937 random(9);
  for (int round = 0; round < 150; ++round) {
    std::string key = entries[random() % entries.size()].first;
    for (size_t typos = 1 + random() % 2; typos > 0 && key.size() > 2; --typos) {
      size_t at = random() % key.size();
      switch (random() % 3) {
        case 0:
          key[at] = static_cast<char>('a' + random() % 26);
          break;
        case 1:
          key.erase(at, 1);
          break;
        default:
          key.insert(at, 1, static_cast<char>('a' + random() % 26));
      }
    }
    for (size_t allowed : {size_t{1}, size_t{2}}) {
      std::vector<KeyIndex::Hit> hits;
      index.Fuzzy(key, allowed, hits);
      std::set<uint32_t> found;
      for (const auto& hit : hits) {
        found.insert(hit.id);
      }
      std::set<uint32_t> scanned;
      for (const auto& [name, id] : entries) {
        size_t d = BoundedDistance(key, name, allowed);
        if (d >= 1 && d <= allowed) {
          scanned.insert(id);
        }
      }
      EXPECT_EQ(found, scanned) << key << " within " << allowed;
    }
  }
}

}  // namespace
}  // namespace lapor::places
