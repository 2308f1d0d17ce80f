// Place matching over the whole country: loads data/wilayah, builds the index, and times
// PlaceIndex::Find on a mix of what citizens type (exact names, names with one or two typos, upper
// case, "kec."/"desa" in front, first letters only, nonsense) and PlaceIndex::Spot on free text.
// Prints; asserts nothing. Usage: place_bench [data dir] [rounds]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "places/place_index.hpp"
#include "places/wilayah.hpp"

namespace {

using lapor::places::Level;
using lapor::places::PlaceIndex;
using lapor::places::Wilayah;
using Clock = std::chrono::steady_clock;

double Micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

// One typo at a random place: a letter changed, dropped, doubled, or swapped with the next.
std::string Typo(std::string name, std::mt19937& random) {
  if (name.size() < 4) {
    return name;
  }
  size_t at = 1 + random() % (name.size() - 2);
  switch (random() % 4) {
    case 0:
      name[at] = name[at] == 'a' ? 'e' : 'a';
      break;
    case 1:
      name.erase(at, 1);
      break;
    case 2:
      name.insert(at, 1, name[at]);
      break;
    default:
      std::swap(name[at], name[at + 1]);
      break;
  }
  return name;
}

struct Mix {
  std::string what;
  std::vector<std::string> queries;
};

std::vector<Mix> Queries(const Wilayah& map) {
  std::mt19937 random(1708);
  std::vector<Mix> mixes = {{"exact kecamatan", {}},
                            {"exact desa", {}},
                            {"one typo (desa)", {}},
                            {"two typos (kecamatan)", {}},
                            {"upper case + \"kec.\"", {}},
                            {"first 5 letters", {}},
                            {"nonsense", {}}};
  for (uint32_t id = map.Begin(Level::kDistrict); id < map.End(Level::kDistrict); id += 4) {
    std::string name(map.at(id).name);
    mixes[0].queries.push_back(name);
    mixes[3].queries.push_back(Typo(Typo(name, random), random));
    std::string upper = "KEC. " + name;
    std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
    mixes[4].queries.push_back(upper);
    mixes[5].queries.push_back(name.substr(0, 5));
  }
  for (uint32_t id = map.Begin(Level::kVillage); id < map.End(Level::kVillage); id += 40) {
    std::string name(map.at(id).name);
    mixes[1].queries.push_back(name);
    mixes[2].queries.push_back(Typo(name, random));
  }
  const std::string letters = "bcdfghjklmnpqrstvwxz";
  for (int i = 0; i < 2000; ++i) {
    std::string nonsense;
    for (size_t n = 5 + random() % 8; n > 0; --n) {
      nonsense += letters[random() % letters.size()];
    }
    mixes[6].queries.push_back(nonsense);
  }
  return mixes;
}

void Report(const std::string& what, std::vector<double>& times, size_t queries) {
  std::sort(times.begin(), times.end());
  double sum = 0;
  for (double t : times) {
    sum += t;
  }
  std::printf("  %-24s %6zu queries  mean %6.2f us  p50 %6.2f  p99 %6.2f  max %7.2f\n",
              what.c_str(), queries, sum / static_cast<double>(times.size()),
              times[times.size() / 2], times[times.size() * 99 / 100], times.back());
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : "data/wilayah";
  int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  auto start = Clock::now();
  auto map = Wilayah::Load(dir);
  auto loaded = Clock::now();
  PlaceIndex index(map, {"19.04"});
  auto built = Clock::now();
  std::printf("map: %zu places (%zu regencies, %zu kecamatan, %zu desa) read in %.0f ms\n",
              map->size(), map->Count(Level::kRegency), map->Count(Level::kDistrict),
              map->Count(Level::kVillage), Micros(loaded - start) / 1000);
  std::printf("index: %zu keys, %zu deletion entries, %.1f MiB, built in %.0f ms\n",
              index.keys().keys(), index.keys().deletion_entries(),
              static_cast<double>(index.keys().bytes()) / (1024.0 * 1024.0),
              Micros(built - loaded) / 1000);
  std::printf("Find(query, 4), best of %d rounds per query:\n", rounds);
  std::vector<double> all;
  size_t found = 0;
  for (auto& mix : Queries(*map)) {
    std::vector<double> times;
    for (const auto& query : mix.queries) {
      double best = 1e9;
      for (int round = 0; round < rounds; ++round) {
        auto t0 = Clock::now();
        auto matches = index.Find(query, 4);
        best = std::min(best, Micros(Clock::now() - t0));
        found += round == 0 && !matches.empty() ? 1 : 0;
      }
      times.push_back(best);
    }
    all.insert(all.end(), times.begin(), times.end());
    Report(mix.what, times, mix.queries.size());
  }
  Report("all", all, all.size());
  std::printf("  (%zu of %zu queries found a place)\n", found, all.size());

  const std::vector<std::string> texts = {
      "Jalan rusak di depan pasar Koba, berlubang besar dan sering ada kecelakaan",
      "Antrean puskesmas di desa Nibung lama sekali, dokter jarang datang",
      "Lampu jalan mati sejak sebulan di Pangkalan Baru dekat masjid",
      "KTP elektronik saya belum jadi padahal sudah tiga bulan mengurus di kecamatan",
      "Banjir setiap hujan di perumahan kami di Cibinong, drainase tersumbat sampah"};
  std::vector<double> spot;
  for (int i = 0; i < 200; ++i) {
    for (const auto& text : texts) {
      auto t0 = Clock::now();
      auto spotted = index.Spot(text, 3);
      spot.push_back(Micros(Clock::now() - t0));
    }
  }
  std::printf("Spot(free text, 3):\n");
  Report("report texts", spot, texts.size());
  return 0;
}
