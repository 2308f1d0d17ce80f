#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lapor::places {

// The four levels of Indonesia's administrative map, by Kemendagri code length:
// "19" provinsi, "19.04" kabupaten/kota, "19.04.01" kecamatan, "19.04.01.2003" desa/kelurahan.
enum class Level : uint8_t { kProvince, kRegency, kDistrict, kVillage };

inline constexpr uint32_t kNoPlace = UINT32_MAX;

// One place. The views point into the Wilayah that holds it and live as long as it does.
struct Place {
  std::string_view code;  // "19.04.01"
  std::string_view name;  // "Koba", "Kabupaten Bangka Tengah"
  Level level = Level::kProvince;
  uint32_t parent = kNoPlace;  // index of the place one level up; kNoPlace for a province
};

// The level a Kemendagri code names by its shape ("19", "19.04", "19.04.01", "19.04.01.2003");
// false when `code` has none of those shapes.
bool LevelOfCode(std::string_view code, Level& level);

// The map of Indonesia as data/wilayah/ holds it (scripts/import-wilayah): every province,
// regency, kecamatan and desa with its code and name. Immutable once loaded; thread-safe to read.
class Wilayah {
 public:
  // Reads provinces.tsv, regencies.tsv, districts.tsv and villages.tsv from `dir`: lines of
  // "<code>\t<name>", sorted by code, each code's parent present one level up. Throws ConfigError
  // naming the file and line of each problem (at most a few per file).
  static std::shared_ptr<const Wilayah> Load(const std::string& dir);
  // The same from the four files' texts, in that order; `dir` names them in problems.
  static std::shared_ptr<const Wilayah> Parse(std::vector<std::string> texts,
                                              const std::string& dir);

  size_t size() const { return places_.size(); }
  const Place& at(uint32_t id) const { return places_[id]; }
  // The place with this code, or kNoPlace.
  uint32_t Find(std::string_view code) const;
  // The place's ancestor at `level` (itself when it is at that level), or kNoPlace when it is
  // above that level.
  uint32_t Ancestor(uint32_t id, Level level) const;
  // How many places there are at `level`.
  size_t Count(Level level) const;
  // Places at `level` are ids [Begin(level), End(level)), sorted by code.
  uint32_t Begin(Level level) const { return begin_[static_cast<size_t>(level)]; }
  uint32_t End(Level level) const { return begin_[static_cast<size_t>(level) + 1]; }

 private:
  Wilayah() = default;

  std::vector<std::unique_ptr<const std::string>> texts_;  // the files; places point into them
  std::vector<Place> places_;                              // by level, then by code
  uint32_t begin_[5] = {0, 0, 0, 0, 0};
};

}  // namespace lapor::places
