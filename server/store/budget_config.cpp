#include "store/budget_config.hpp"

namespace lapor::store {

Budgets ReadBudgets(JsonReader& r, const nlohmann::json& section) {
  const std::string path = "/limits";
  Budgets b;
  auto count = [&](std::string_view key, int64_t fallback, size_t min, size_t max) {
    return static_cast<int64_t>(
        r.Count(section, path, key, static_cast<size_t>(fallback), min, max));
  };
  b.messages_per_number = count("messages_per_number", b.messages_per_number, 1, 100000);
  b.number_window_s = 60 * count("number_window_minutes", b.number_window_s / 60, 1, 24 * 60);
  b.requests_per_address = count("requests_per_address", b.requests_per_address, 0, 100000000);
  b.address_window_s = count("address_window_seconds", b.address_window_s, 1, 24 * 3600);
  b.reports_per_day = count("reports_per_day", b.reports_per_day, 0, 100000);
  return b;
}

}  // namespace lapor::store
