#include "app/references.hpp"

#include <algorithm>

#include "common/config_error.hpp"
#include "places/place_key.hpp"

namespace lapor::app {
namespace {

std::string Listed(const std::vector<std::string>& items) {
  std::string list;
  for (const auto& item : items) {
    list += (list.empty() ? "" : ", ") + item;
  }
  return list.empty() ? "none" : list;
}

// The kecamatan of `regency` written `name` (any case, with or without "kec.") or by its code.
uint32_t FindKecamatan(const places::PlaceIndex& places, uint32_t regency,
                       const std::string& name) {
  const auto& map = places.map();
  uint32_t by_code = map.Find(name);
  if (by_code != places::kNoPlace) {
    const places::Place& p = map.at(by_code);
    return p.level == places::Level::kDistrict && p.parent == regency ? by_code : places::kNoPlace;
  }
  std::string key = places::PlaceKey(name);
  for (uint32_t id = map.Begin(places::Level::kDistrict); id < map.End(places::Level::kDistrict);
       ++id) {
    if (map.at(id).parent == regency && places::FullPlaceKey(map.at(id).name) == key) {
      return id;
    }
  }
  return places::kNoPlace;
}

void ResolveOpd(cases::Opd& opd, const std::string& path, uint32_t regency,
                const std::vector<std::string>& categories, const places::PlaceIndex& places,
                std::vector<std::string>& problems) {
  for (size_t c = 0; c < opd.categories.size(); ++c) {
    if (std::find(categories.begin(), categories.end(), opd.categories[c]) == categories.end()) {
      problems.push_back(path + "/categories/" + std::to_string(c) + ": \"" + opd.categories[c] +
                         "\" is not a category of the dialog (" + Listed(categories) + ")");
    }
  }
  for (size_t u = 0; u < opd.units.size(); ++u) {
    auto& unit = opd.units[u];
    uint32_t kecamatan = regency == places::kNoPlace
                             ? places::kNoPlace
                             : FindKecamatan(places, regency, unit.kecamatan);
    if (kecamatan == places::kNoPlace) {
      if (regency != places::kNoPlace) {
        problems.push_back(path + "/units/" + std::to_string(u) + "/kecamatan: \"" +
                           unit.kecamatan + "\" is not a kecamatan of this region");
      }
      continue;
    }
    unit.kecamatan = std::string(places.map().at(kecamatan).code);
  }
}

}  // namespace

std::vector<std::string> TokenProblems(const cases::Policy& policy, const admin::TokenSet& tokens,
                                       const std::string& source) {
  std::vector<std::string> problems;
  for (size_t i = 0; i < tokens.entries.size(); ++i) {
    const cases::Actor& actor = tokens.entries[i].actor;
    if (!actor.Regional()) {
      continue;
    }
    std::string at = source + ": " + actor.name + " (" + cases::RoleText(actor) + "): ";
    const cases::RegionPolicy* region = policy.FindRegion(actor.region);
    if (region == nullptr) {
      problems.push_back(at + "region " + actor.region + " is not onboarded");
    } else if (actor.role == cases::Role::kOpd && region->FindOpd(actor.opd) == nullptr) {
      std::vector<std::string> codes;
      for (const auto& opd : region->opds) {
        codes.push_back(opd.code);
      }
      problems.push_back(at + "\"" + actor.opd + "\" is not an OPD of region " + actor.region +
                         " (" + Listed(codes) + ")");
    }
  }
  return problems;
}

void ResolveReferences(Config& config, const dialog::Dialog& dialog,
                       const places::PlaceIndex& places, const admin::TokenSet* tokens) {
  std::vector<std::string> problems;
  const auto categories = dialog.ValuesOf("category");
  for (size_t i = 0; i < config.policy.regions.size(); ++i) {
    auto& region = config.policy.regions[i];
    const std::string path = config.path + ": /regions/" + std::to_string(i);
    uint32_t regency = places.map().Find(region.code);
    if (regency == places::kNoPlace || places.map().at(regency).level != places::Level::kRegency) {
      problems.push_back(path + "/code: \"" + region.code +
                         "\" is not the code of a kabupaten or kota (e.g. 19.04)");
      regency = places::kNoPlace;
    } else {
      region.name = std::string(places.map().at(regency).name);
    }
    for (size_t o = 0; o < region.opds.size(); ++o) {
      ResolveOpd(region.opds[o], path + "/opds/" + std::to_string(o), regency, categories, places,
                 problems);
    }
  }
  if (tokens != nullptr) {
    for (auto& problem : TokenProblems(config.policy, *tokens, config.admin.tokens_file)) {
      problems.push_back(std::move(problem));
    }
  }
  if (!problems.empty()) {
    throw ConfigError(std::move(problems));
  }
}

}  // namespace lapor::app
