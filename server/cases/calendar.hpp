#pragma once

#include <set>
#include <string>

#include "common/clock.hpp"

namespace lapor::cases {

// Counts deadline days: working days (Monday to Friday, not a listed holiday) or calendar days.
// Days are WIB (UTC+7) dates. `day_seconds` shortens a day for demos and end-to-end tests (with
// 86400 a "day" is a real date; shorter, days are counted in slices of that length from the
// epoch, the weekday cycle going on the same way).
class Calendar {
 public:
  struct Date {
    int year;
    int month;
    int day;
    auto operator<=>(const Date&) const = default;
  };

  Calendar(bool working_days, std::set<Date> holidays, int64_t day_seconds = 86400);

  // `from` moved on by `days` counted days, same time of day. Starting on a day that is not
  // counted (a Saturday) counts from the next counted day. days >= 0.
  TimeMs AddDays(TimeMs from, int days) const;
  // `due` moved back by `days` counted days (the warning before a deadline).
  TimeMs SubtractDays(TimeMs due, int days) const;
  bool IsCountedDay(TimeMs t) const;
  int64_t day_ms() const { return day_ms_; }

  // Reads config/holidays-id.json: {"holidays": [{"date": "2026-01-01", "name": "..."}, ...]}.
  // Throws ConfigError naming the path and index of each bad entry.
  static std::set<Date> LoadHolidays(const std::string& path);

 private:
  bool working_days_;
  std::set<Date> holidays_;
  int64_t day_ms_;
};

}  // namespace lapor::cases
