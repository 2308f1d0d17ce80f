#pragma once

#include <nlohmann/json.hpp>

#include "common/json_reader.hpp"
#include "scheduler/scheduler.hpp"

namespace lapor::scheduler {

// Reads the config's "scheduler" section. Problems go to `r` with their JSON path.
SchedulerOptions ReadSchedulerOptions(JsonReader& r, const nlohmann::json& section);

}  // namespace lapor::scheduler
