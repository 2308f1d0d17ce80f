#include "places/place_key.hpp"

#include <gtest/gtest.h>

#include <random>

namespace lapor::places {
namespace {

// The optimal-string-alignment distance, the whole table, no shortcuts: what BoundedDistance must
// agree with.
size_t ReferenceDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) {
    d[i][0] = i;
  }
  for (size_t j = 0; j <= b.size(); ++j) {
    d[0][j] = j;
  }
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

TEST(PlaceKey, IgnoresCaseSpacesPunctuationAndKindWords) {
  EXPECT_EQ(PlaceKey("Koba"), "koba");
  EXPECT_EQ(PlaceKey("  KEC.   Pangkalan-Baru "), "pangkalanbaru");
  EXPECT_EQ(PlaceKey("kecamatan pangkalan baru"), "pangkalanbaru");
  EXPECT_EQ(PlaceKey("Kabupaten Bangka Tengah"), "bangkatengah");
  EXPECT_EQ(PlaceKey("kab. bangka tengah"), "bangkatengah");
  EXPECT_EQ(PlaceKey("Kota Administrasi Jakarta Pusat"), "jakartapusat");
  EXPECT_EQ(PlaceKey("desa Nibung"), "nibung");
  EXPECT_EQ(PlaceKey("Kel. Koba"), "koba");
  EXPECT_EQ(PlaceKey("Kurau (Timur)"), "kurautimur");
  EXPECT_EQ(PlaceKey("Kota"), "kota");
  EXPECT_EQ(PlaceKey("..."), "");
  EXPECT_EQ(FullPlaceKey("Kota Agung"), "kotaagung");
}

TEST(PlaceKey, WordsAreRunsOfLettersAndDigits) {
  EXPECT_EQ(
      PlaceWords("Jalan rusak di depan pasar Koba, RT.02"),
      (std::vector<std::string>{"jalan", "rusak", "di", "depan", "pasar", "koba", "rt", "02"}));
  EXPECT_TRUE(PlaceWords(" -- ").empty());
  EXPECT_TRUE(IsPlaceKindWord("kec"));
  EXPECT_FALSE(IsPlaceKindWord("koba"));
}

TEST(BoundedDistance, CountsTyposUpToTheBound) {
  EXPECT_EQ(BoundedDistance("koba", "koba", 2), 0u);
  EXPECT_EQ(BoundedDistance("kova", "koba", 2), 1u);      // changed
  EXPECT_EQ(BoundedDistance("kba", "koba", 2), 1u);       // dropped
  EXPECT_EQ(BoundedDistance("kobba", "koba", 2), 1u);     // doubled
  EXPECT_EQ(BoundedDistance("namnag", "namang", 2), 1u);  // swapped
  EXPECT_EQ(BoundedDistance("pangkalanbru", "pangkalanbaru", 1), 1u);
  EXPECT_EQ(BoundedDistance("sungaiselan", "simpangkatis", 2), 3u);
  EXPECT_EQ(BoundedDistance("", "abc", 2), 3u);
}

TEST(BoundedDistance, AgreesWithTheWholeTableOnRandomWords) {
  std::mt19937 random(1708);
  for (int i = 0; i < 20000; ++i) {
    auto word = [&] {
      std::string w;
      for (size_t n = random() % 9; n > 0; --n) {
        w += static_cast<char>('a' + random() % 3);
      }
      return w;
    };
    std::string a = word();
    std::string b = word();
    size_t bound = random() % 4;
    EXPECT_EQ(BoundedDistance(a, b, bound), std::min(ReferenceDistance(a, b), bound + 1))
        << a << " " << b << " bound " << bound;
  }
}

TEST(TyposAllowed, GrowWithTheName) {
  EXPECT_EQ(TyposAllowed(3), 0u);
  EXPECT_EQ(TyposAllowed(4), 1u);
  EXPECT_EQ(TyposAllowed(6), 1u);
  EXPECT_EQ(TyposAllowed(7), 2u);
}

}  // namespace
}  // namespace lapor::places
