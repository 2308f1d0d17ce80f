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
  std::vector<std::string> exempt = {"127.0.0.0/8", "::1"};
  if (section.contains("address_exempt_networks")) {
    exempt = r.Strings(section, path, "address_exempt_networks", true);
  }
  for (size_t i = 0; i < exempt.size(); ++i) {
    if (auto network = ParseNetwork(exempt[i])) {
      b.exempt_networks.push_back(*network);
    } else {
      r.Problem(path + "/address_exempt_networks/" + std::to_string(i),
                "not a network in CIDR notation");
    }
  }
  return b;
}

}  // namespace lapor::store
