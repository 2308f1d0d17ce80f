#include "places/places_config.hpp"

namespace lapor::places {

PlacesConfig ReadPlacesConfig(JsonReader& r, const nlohmann::json& section,
                              const std::string& config_path) {
  return {.dir = ResolvePath(config_path, r.String(section, "/places", "dir", true))};
}

std::shared_ptr<const PlaceIndex> BuildPlaceIndex(const PlacesConfig& config,
                                                  const std::vector<std::string>& onboarded) {
  return std::make_shared<const PlaceIndex>(Wilayah::Load(config.dir), onboarded);
}

}  // namespace lapor::places
