#pragma once

#include <nlohmann/json.hpp>

#include "common/json_reader.hpp"
#include "store/budget_store.hpp"

namespace lapor::store {

// Reads the config's "limits" section: messages_per_number, number_window_minutes,
// requests_per_address (0: no limit), address_window_seconds, address_exempt_networks (CIDR;
// default loopback), reports_per_day (0: no limit).
// Problems go to `r` with their JSON path.
Budgets ReadBudgets(JsonReader& r, const nlohmann::json& section);

}  // namespace lapor::store
