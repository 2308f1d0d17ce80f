#pragma once

#include <string>

#include "common/clock.hpp"

namespace lapor::text {

// Western Indonesia Time, UTC+7 all year (no daylight saving). Timestamps are stored in UTC and
// shown to citizens in WIB.
inline constexpr TimeMs kWibOffsetMs = 7LL * 3600 * 1000;

// "28/11/2026 22:06 WIB" for the given UTC instant.
std::string FormatWib(TimeMs utc);
// "2026-11-28": the WIB date of the given UTC instant.
std::string FormatWibDate(TimeMs utc);

}  // namespace lapor::text
