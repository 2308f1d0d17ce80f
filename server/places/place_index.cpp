#include "places/place_index.hpp"

#include <algorithm>
#include <tuple>

#include "places/place_key.hpp"

namespace lapor::places {
namespace {

// Prefix matches read per key looked up: enough for a menu of a few, bounded for "sun".
constexpr size_t kPrefixKeys = 64;
// The longest run of words Spot tries as one name ("sungai selan atas").
constexpr size_t kSpotWords = 3;

// Common words of a citizen's report that are also the names of some desa somewhere: not taken
// as a place on their own (they still count inside a longer name: "pasar baru", "lubuk besar").
constexpr std::string_view kCommonWords[] = {
    "air",     "ada",    "baru",  "barat", "batu",  "belum",   "bukit",   "dan",      "dari",
    "depan",   "desa",   "di",    "dusun", "gang",  "gunung",  "jalan",   "jembatan", "kali",
    "kampung", "kantor", "ke",    "kota",  "lama",  "laut",    "lubuk",   "masjid",   "pantai",
    "pasar",   "rumah",  "rt",    "rw",    "sakit", "sekolah", "selatan", "sudah",    "sungai",
    "tanjung", "tengah", "tidak", "timur", "ujung", "utara",   "yang",    "dekat"};
// Words after which a name is more likely a place ("di Koba", "desa Nibung").
constexpr std::string_view kCueWords[] = {"di", "dekat", "sekitar"};

bool Contains(const auto& list, std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

int LevelRank(Level level) {
  switch (level) {
    case Level::kRegency:
      return 0;
    case Level::kDistrict:
      return 1;
    default:
      return 2;
  }
}

std::string Truncate(std::string text, size_t max) {
  if (text.size() > max) {
    text.resize(max - 3);
    text += "...";
  }
  return text;
}

}  // namespace

PlaceIndex::PlaceIndex(std::shared_ptr<const Wilayah> map,
                       const std::vector<std::string>& onboarded)
    : map_(std::move(map)), onboarded_(onboarded), keys_([&] {
        std::vector<std::pair<std::string, uint32_t>> entries;
        for (uint32_t id = map_->Begin(Level::kRegency); id < map_->size(); ++id) {
          const Place& p = map_->at(id);
          entries.emplace_back(p.level == Level::kRegency ? PlaceKey(p.name) : FullPlaceKey(p.name),
                               id);
        }
        return entries;
      }()) {
  std::sort(onboarded_.begin(), onboarded_.end());
  for (uint32_t id = map_->Begin(Level::kRegency); id < map_->size(); ++id) {
    if (Onboarded(id)) {
      const Place& p = map_->at(id);
      local_.push_back({id, p.level == Level::kRegency ? PlaceKey(p.name) : FullPlaceKey(p.name)});
    }
  }
}

bool PlaceIndex::Onboarded(uint32_t place) const {
  uint32_t regency = map_->Ancestor(place, Level::kRegency);
  return regency != kNoPlace &&
         std::binary_search(onboarded_.begin(), onboarded_.end(), map_->at(regency).code);
}

void PlaceIndex::LookupLocal(std::string_view key, std::vector<KeyIndex::Hit>& out) const {
  size_t typos = TyposAllowed(key.size());
  for (const auto& local : local_) {
    if (local.key == key) {
      out.push_back({.id = local.place, .kind = MatchKind::kExact});
    } else if (key.size() >= 3 && local.key.starts_with(key)) {
      out.push_back({.id = local.place, .kind = MatchKind::kPrefix});
    } else if (typos > 0) {
      size_t distance = BoundedDistance(key, local.key, typos);
      if (distance <= typos) {
        out.push_back({.id = local.place,
                       .kind = MatchKind::kFuzzy,
                       .distance = static_cast<uint8_t>(distance)});
      }
    }
  }
}

std::vector<PlaceMatch> PlaceIndex::Rank(const std::vector<KeyIndex::Hit>& hits,
                                         size_t limit) const {
  std::vector<PlaceMatch> matches;
  matches.reserve(hits.size());
  for (const auto& hit : hits) {
    matches.push_back({.place = hit.id,
                       .kind = hit.kind,
                       .distance = hit.distance,
                       .onboarded = Onboarded(hit.id)});
  }
  auto order = [this](const PlaceMatch& m) {
    const Place& p = map_->at(m.place);
    return std::make_tuple(m.kind, !m.onboarded, m.distance, LevelRank(p.level), p.code);
  };
  std::sort(matches.begin(), matches.end(),
            [&](const PlaceMatch& a, const PlaceMatch& b) { return order(a) < order(b); });
  // The best hit of each place only.
  std::vector<PlaceMatch> best;
  for (const auto& m : matches) {
    bool seen = std::any_of(best.begin(), best.end(),
                            [&](const PlaceMatch& b) { return b.place == m.place; });
    if (!seen) {
      best.push_back(m);
      if (best.size() == limit) {
        break;
      }
    }
  }
  return best;
}

std::vector<PlaceMatch> PlaceIndex::Find(std::string_view typed, size_t limit) const {
  auto words = PlaceWords(typed);
  if (std::all_of(words.begin(), words.end(), [](const auto& w) { return IsPlaceKindWord(w); })) {
    return {};  // nothing, or only "kec." or "desa"
  }
  std::vector<KeyIndex::Hit> hits;
  std::vector<std::string> keys = {PlaceKey(typed)};
  if (std::string full = FullPlaceKey(typed); full != keys.front()) {
    keys.push_back(std::move(full));
  }
  for (const auto& key : keys) {
    keys_.Lookup(key, kPrefixKeys, hits);
    LookupLocal(key, hits);
  }
  // Typo'd names rank below every exact and prefix match: look for them only when those leave
  // room in the list.
  if (Rank(hits, limit).size() < limit) {
    for (const auto& key : keys) {
      keys_.Fuzzy(key, TyposAllowed(key.size()), hits);
    }
  }
  return Rank(hits, limit);
}

std::vector<PlaceMatch> PlaceIndex::Spot(std::string_view text, size_t limit) const {
  auto words = PlaceWords(text);
  // (order, hit): a name after a cue word before one without, then longer names first.
  std::vector<std::pair<int, KeyIndex::Hit>> scored;
  for (size_t n = kSpotWords; n >= 1; --n) {
    for (size_t i = 0; i + n <= words.size(); ++i) {
      bool common = true;
      std::string key;
      for (size_t w = i; w < i + n; ++w) {
        common = common && Contains(kCommonWords, words[w]);
        key += words[w];
      }
      if (IsPlaceKindWord(words[i]) || key.size() < 4) {
        continue;
      }
      bool cue = i > 0 && (IsPlaceKindWord(words[i - 1]) || Contains(kCueWords, words[i - 1]));
      std::vector<KeyIndex::Hit> hits;
      // Common words ("jalan baru", "pasar") name a place only in an onboarded region.
      if (!common) {
        keys_.Lookup(key, 0, hits);
      }
      LookupLocal(key, hits);
      // Only whole names: a prefix of a name is not a place named, and in free text a typo is
      // forgiven only in a long name ("sungai selann", not "minggu" for Munggu).
      bool typo_ok = n >= 2 || key.size() >= 8;
      for (const auto& hit : hits) {
        bool fuzzy_ok = hit.kind == MatchKind::kFuzzy && typo_ok && hit.distance <= 1;
        if (hit.kind == MatchKind::kExact || fuzzy_ok) {
          scored.push_back({(cue ? 0 : 10) + static_cast<int>(kSpotWords - n), hit});
        }
      }
    }
  }
  // Onboarded first, then cue and length, then the better match.
  auto rank = [this](const std::pair<int, KeyIndex::Hit>& s) {
    return std::make_tuple(!Onboarded(s.second.id), s.first, s.second.kind, s.second.distance);
  };
  std::stable_sort(scored.begin(), scored.end(),
                   [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  std::vector<KeyIndex::Hit> best;
  for (const auto& entry : scored) {
    const KeyIndex::Hit& hit =
        entry.second;  // not a structured binding: clang 14 cannot capture one
    bool seen = std::any_of(best.begin(), best.end(),
                            [&](const KeyIndex::Hit& b) { return b.id == hit.id; });
    if (!seen) {
      best.push_back(hit);
    }
  }
  std::vector<PlaceMatch> spotted;
  for (size_t i = 0; i < best.size() && i < limit; ++i) {
    spotted.push_back(Rank({best[i]}, 1).front());
  }
  return spotted;
}

std::string PlaceIndex::RegencyShortName(uint32_t regency) const {
  std::string_view name = map_->at(regency).name;
  for (std::string_view prefix : {"Kabupaten Administrasi ", "Kabupaten "}) {
    if (name.starts_with(prefix)) {
      return std::string(name.substr(prefix.size()));
    }
  }
  constexpr std::string_view kCityAdministration = "Kota Administrasi ";
  if (name.starts_with(kCityAdministration)) {
    return "Kota " + std::string(name.substr(kCityAdministration.size()));
  }
  return std::string(name);
}

std::string PlaceIndex::Label(uint32_t place) const {
  const Place& p = map_->at(place);
  switch (p.level) {
    case Level::kProvince:
      return Truncate("Prov. " + std::string(p.name), kMaxLabel);
    case Level::kRegency: {
      std::string short_name = RegencyShortName(place);
      return Truncate(short_name.starts_with("Kota ") ? short_name : "Kab. " + short_name,
                      kMaxLabel);
    }
    case Level::kDistrict:
      return Truncate("Kec. " + std::string(p.name) + ", " + RegencyShortName(p.parent), kMaxLabel);
    case Level::kVillage: {
      // The fourth part of the code: 1xxx a kelurahan, 2xxx a desa.
      bool kelurahan = p.code.size() > 9 && p.code[9] == '1';
      const Place& district = map_->at(p.parent);
      return Truncate(std::string(kelurahan ? "Kel. " : "Desa ") + std::string(p.name) + ", " +
                          std::string(district.name) + ", " + RegencyShortName(district.parent),
                      kMaxLabel);
    }
  }
  return std::string(p.name);
}

}  // namespace lapor::places
