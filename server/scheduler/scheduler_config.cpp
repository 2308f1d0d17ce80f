#include "scheduler/scheduler_config.hpp"

namespace lapor::scheduler {

SchedulerOptions ReadSchedulerOptions(JsonReader& r, const nlohmann::json& section) {
  constexpr size_t kHourMs = 3600 * 1000;
  const std::string path = "/scheduler";
  SchedulerOptions o;
  o.tick_ms = static_cast<TimeMs>(
      r.Count(section, path, "tick_ms", static_cast<size_t>(o.tick_ms), 1, kHourMs));
  o.lease_ms = static_cast<TimeMs>(
      r.Count(section, path, "lease_ms", static_cast<size_t>(o.lease_ms), 10, kHourMs));
  o.batch = r.Count(section, path, "batch", o.batch, 1, 10000);
  return o;
}

}  // namespace lapor::scheduler
