#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cases/calendar.hpp"
#include "cases/workflow.hpp"
#include "common/json_reader.hpp"

namespace lapor::cases {

// The config's "calendar" section: how deadline days are counted.
struct CalendarConfig {
  bool working_days = true;
  std::string holidays_file;  // "" = no holidays
  int64_t day_seconds = 86400;
};

// Each reads its sections of the config document `doc` (the file `config_path`, to resolve
// relative paths). Problems go to `r` with their JSON path.
CalendarConfig ReadCalendarConfig(JsonReader& r, const nlohmann::json& doc,
                                  const std::string& config_path);
// "deadlines" and "regions": each onboarded region's code, OPDs (with their units), inspectorate
// and regent's office phones, and local holidays. Region names, and unit kecamatan given by
// name, are filled in from the map of Indonesia by the app's reference check.
Policy ReadPolicy(JsonReader& r, const nlohmann::json& doc);

// The calendar `config` describes, its holidays read from their file. Throws ConfigError.
Calendar BuildCalendar(const CalendarConfig& config);

}  // namespace lapor::cases
