#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace lapor::cases {

// Counts deadline days: working days (Monday to Friday, not a listed holiday) or calendar days.
// Days are WIB (UTC+7) dates. `day_seconds` shortens a day for demos and end-to-end tests (with
// 86400 a "day" is a real date; shorter, days are counted in slices of that length from the
// epoch, the weekday cycle going on the same way).
//
// The counting rule, as SP4N counts "within 3 working days of submission" (a report that comes
// in on a day off is taken as received on the next working day):
//  1. If `from` falls on a day that is not counted (a weekend, a holiday, cuti bersama), it is
//     taken as received at the same time of day on the next counted day.
//  2. The deadline is the n-th counted day after that day, at the same time of day.
// So a report filed Friday 10:00 WIB is due in 1 working day on Monday 10:00; filed Saturday
// 10:00 it is taken as Monday 10:00 and due on Tuesday 10:00; 0 days gives step 1 alone.
// SubtractDays mirrors it: a `due` on a day not counted first moves back to the same time on
// the previous counted day, then n counted days back (warn 1 day before Monday 10:00: Friday).
// Short days (day_seconds < 86400): slice k = [k * day_seconds, (k + 1) * day_seconds) seconds
// after the epoch in UTC, slice 0 a Thursday like 1970-01-01, so slices 2-3, 9-10, ... are the
// weekend when counting working days; holidays are real dates and do not apply to slices.
class Calendar {
 public:
  struct Date {
    int year;
    int month;
    int day;
    auto operator<=>(const Date&) const = default;
  };

  // day_seconds from 1 to 86400 (the config checks it).
  Calendar(bool working_days, std::set<Date> holidays, int64_t day_seconds = 86400);
  // This calendar with `extra` days off too (a region's local holidays). Neither set is copied
  // (a deadline that extends a case asks for its region's calendar): `extra` must outlive the
  // calendar returned, as a region's holidays kept by the policy do.
  Calendar WithHolidays(const std::set<Date>& extra) const;

  // `from` moved on by `days` counted days, same time of day. Starting on a day that is not
  // counted (a Saturday) counts from the next counted day. days >= 0.
  TimeMs AddDays(TimeMs from, int days) const;
  // `due` moved back by `days` counted days (the warning before a deadline).
  TimeMs SubtractDays(TimeMs due, int days) const;
  bool IsCountedDay(TimeMs t) const;
  int64_t day_ms() const { return day_ms_; }

  // Reads config/holidays-id.json: {"holidays": [{"date": "2026-01-01", "name": "...", "kind":
  // "national" | "cuti_bersama", "provisional": true (optional)}, ...]}. Both kinds are days
  // off. Throws ConfigError naming the file, then the JSON path of each bad entry
  // ("/holidays/3/date: ...").
  static std::set<Date> LoadHolidays(const std::string& path);
  // "2026-01-01" as a Date, if it is exactly YYYY-MM-DD and a real date.
  static std::optional<Date> ParseDate(std::string_view text);

 private:
  // Days are numbered from the epoch: day k starts at k * day_ms_ - offset_ms_ (UTC).
  int64_t DayOf(TimeMs t) const;
  bool IsCounted(int64_t day) const;

  bool IsHoliday(const Date& date) const;

  bool working_days_;
  std::shared_ptr<const std::set<Date>> holidays_;  // shared by the calendar's copies
  const std::set<Date>* extra_holidays_ = nullptr;  // WithHolidays
  int64_t day_ms_;
  int64_t offset_ms_;  // WIB offset with real days, 0 with short ones
};

}  // namespace lapor::cases
