#include "places/places_config.hpp"

#include <map>
#include <mutex>
#include <utility>

namespace lapor::places {

PlacesConfig ReadPlacesConfig(JsonReader& r, const nlohmann::json& section,
                              const std::string& config_path) {
  return {.dir = ResolvePath(config_path, r.String(section, "/places", "dir", true))};
}

std::shared_ptr<const PlaceIndex> BuildPlaceIndex(const PlacesConfig& config,
                                                  const std::vector<std::string>& onboarded) {
  // The index is immutable and takes half a second and 14 MiB to build: every engine of one
  // process (a reloaded config, the many servers of a test run) shares the one built for the
  // same files and regions, and it stays for the life of the process (a server holds it anyway).
  static std::mutex mutex;
  static std::map<std::pair<std::string, std::vector<std::string>>,
                  std::shared_ptr<const PlaceIndex>>
      built;
  std::lock_guard lock(mutex);
  auto& slot = built[{config.dir, onboarded}];
  if (!slot) {
    slot = std::make_shared<const PlaceIndex>(Wilayah::Load(config.dir), onboarded);
  }
  return slot;
}

}  // namespace lapor::places
