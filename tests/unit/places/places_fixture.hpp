#pragma once

#include <memory>
#include <string>

#include "places/place_index.hpp"
#include "places/wilayah.hpp"

namespace lapor::test {

// data/wilayah/ as committed, loaded once for every test that needs the map.
inline std::shared_ptr<const places::Wilayah> CommittedMap() {
  static const auto map = places::Wilayah::Load(std::string(LAPOR_SOURCE_DIR) + "/data/wilayah");
  return map;
}

// The index the default config builds: the whole country, Bangka Tengah (19.04) onboarded.
inline std::shared_ptr<const places::PlaceIndex> SharedNationalIndex() {
  static const auto index =
      std::make_shared<const places::PlaceIndex>(CommittedMap(), std::vector<std::string>{"19.04"});
  return index;
}
inline const places::PlaceIndex& NationalIndex() { return *SharedNationalIndex(); }

}  // namespace lapor::test
