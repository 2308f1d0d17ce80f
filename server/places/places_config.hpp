#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/json_reader.hpp"
#include "places/place_index.hpp"

namespace lapor::places {

// The config's "places" section: where the map of Indonesia is.
struct PlacesConfig {
  std::string dir;  // data/wilayah: provinces.tsv, regencies.tsv, districts.tsv, villages.tsv
};

// Reads the section at "/places"; a relative dir is resolved against the config file's folder.
// Problems go to `r` with their JSON path.
PlacesConfig ReadPlacesConfig(JsonReader& r, const nlohmann::json& section,
                              const std::string& config_path);

// Loads the map and indexes it, the `onboarded` regencies' places ranking first. Throws
// ConfigError naming the file and line of each problem.
std::shared_ptr<const PlaceIndex> BuildPlaceIndex(const PlacesConfig& config,
                                                  const std::vector<std::string>& onboarded);

}  // namespace lapor::places
