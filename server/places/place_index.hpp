#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "places/key_index.hpp"
#include "places/wilayah.hpp"

namespace lapor::places {

// One place found for what a citizen typed.
struct PlaceMatch {
  uint32_t place = kNoPlace;  // id in the Wilayah
  MatchKind kind = MatchKind::kExact;
  uint8_t distance = 0;  // typos, for kFuzzy
  bool onboarded = false;
  bool operator==(const PlaceMatch&) const = default;
};

// Finds regencies, kecamatan and desa/kelurahan of the whole country from what a citizen types,
// and labels them so namesakes can be told apart. Immutable and thread-safe once built.
//
// Ranking: exact key > prefix of a key > within a few typos (place_key.hpp: TyposAllowed); then
// places of onboarded regions first; then fewer typos; then regency > kecamatan > desa; then by
// code. The places of onboarded regions are searched in full on every lookup, so a typo'd
// kecamatan of an onboarded region is never crowded out by namesakes elsewhere.
class PlaceIndex {
 public:
  // `onboarded`: the regency codes ("19.04") whose places rank first; codes not in the map are
  // ignored (config checks name them).
  PlaceIndex(std::shared_ptr<const Wilayah> map, const std::vector<std::string>& onboarded);

  // The best `limit` places for a typed name ("kec. koba", "pangkalan baru", "BANGKA TENGAH",
  // "namnag"); empty for text that names no place.
  std::vector<PlaceMatch> Find(std::string_view typed, size_t limit) const;
  // Places named somewhere in free text ("jalan rusak di depan pasar Koba"), best first: exact
  // names of one to three words (common words such as "pasar" or "jalan baru" only in an
  // onboarded region), and names of onboarded regions with one typo when the name is long (two
  // words, or 8 letters). At most `limit`.
  std::vector<PlaceMatch> Spot(std::string_view text, size_t limit) const;

  // How a place reads in a menu, so namesakes differ: "Kab. Bangka Tengah", "Kec. Koba, Bangka
  // Tengah", "Desa Nibung, Koba, Bangka Tengah", "Kel. Koba, Koba, Bangka Tengah"; at most
  // kMaxLabel characters.
  std::string Label(uint32_t place) const;
  static constexpr size_t kMaxLabel = 60;
  // A regency's name without "Kabupaten" ("Bangka Tengah", "Kota Pangkal Pinang").
  std::string RegencyShortName(uint32_t regency) const;

  bool Onboarded(uint32_t place) const;
  const Wilayah& map() const { return *map_; }
  const KeyIndex& keys() const { return keys_; }

 private:
  // Onboarded places with their keys, searched in full.
  struct Local {
    uint32_t place;
    std::string key;
  };
  void LookupLocal(std::string_view key, std::vector<KeyIndex::Hit>& out) const;
  std::vector<PlaceMatch> Rank(const std::vector<KeyIndex::Hit>& hits, size_t limit) const;

  std::shared_ptr<const Wilayah> map_;
  std::vector<std::string> onboarded_;  // regency codes, sorted
  KeyIndex keys_;
  std::vector<Local> local_;
};

}  // namespace lapor::places
