#include "cases/calendar.hpp"

#include <cassert>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>
#include <vector>

#include "common/config_error.hpp"
#include "common/json_reader.hpp"
#include "text/local_time.hpp"

namespace lapor::cases {
namespace {

constexpr int64_t kRealDaySeconds = 86400;

// Floor division: days before the epoch count down, not towards zero.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::optional<Calendar::Date> Calendar::ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  int parts[3] = {0, 0, 0};
  const std::pair<size_t, size_t> spans[3] = {{0, 4}, {5, 2}, {8, 2}};
  for (int i = 0; i < 3; ++i) {
    for (size_t j = spans[i].first; j < spans[i].first + spans[i].second; ++j) {
      if (text[j] < '0' || text[j] > '9') {
        return std::nullopt;
      }
      parts[i] = parts[i] * 10 + (text[j] - '0');
    }
  }
  std::chrono::year_month_day ymd{std::chrono::year(parts[0]),
                                  std::chrono::month(static_cast<unsigned>(parts[1])),
                                  std::chrono::day(static_cast<unsigned>(parts[2]))};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return Calendar::Date{parts[0], parts[1], parts[2]};
}

Calendar::Calendar(bool working_days, std::set<Date> holidays, int64_t day_seconds)
    : working_days_(working_days),
      holidays_(std::make_shared<const std::set<Date>>(std::move(holidays))),
      day_ms_(day_seconds * 1000),
      offset_ms_(day_seconds == kRealDaySeconds ? text::kWibOffsetMs : 0) {
  assert(day_seconds > 0 && day_seconds <= kRealDaySeconds);
}

int64_t Calendar::DayOf(TimeMs t) const { return FloorDiv(t + offset_ms_, day_ms_); }

bool Calendar::IsCounted(int64_t day) const {
  if (!working_days_) {
    return true;
  }
  // Day 0 (1970-01-01, or slice 0) is a Thursday: weekday 3 with Monday = 0.
  int64_t weekday = ((day + 3) % 7 + 7) % 7;
  if (weekday >= 5) {
    return false;
  }
  if (offset_ms_ == 0 || (holidays_->empty() && extra_holidays_ == nullptr)) {
    return true;  // short days: holidays are real dates, not slices
  }
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  Date date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
  return !IsHoliday(date);
}

bool Calendar::IsHoliday(const Date& date) const {
  return holidays_->contains(date) ||
         (extra_holidays_ != nullptr && extra_holidays_->contains(date));
}

bool Calendar::IsCountedDay(TimeMs t) const { return IsCounted(DayOf(t)); }

Calendar Calendar::WithHolidays(const std::set<Date>& extra) const {
  // One region's days off on top of the national ones: never a calendar that already has some.
  assert(extra_holidays_ == nullptr);
  Calendar copy = *this;
  copy.extra_holidays_ = &extra;
  return copy;
}

TimeMs Calendar::AddDays(TimeMs from, int days) const {
  assert(days >= 0);
  int64_t day = DayOf(from);
  TimeMs time_of_day = from + offset_ms_ - day * day_ms_;
  // Received on a day off: taken as received on the next counted day, same time.
  while (!IsCounted(day)) {
    ++day;
  }
  for (int counted = 0; counted < days;) {
    ++day;
    if (IsCounted(day)) {
      ++counted;
    }
  }
  return day * day_ms_ + time_of_day - offset_ms_;
}

TimeMs Calendar::SubtractDays(TimeMs due, int days) const {
  assert(days >= 0);
  int64_t day = DayOf(due);
  TimeMs time_of_day = due + offset_ms_ - day * day_ms_;
  while (!IsCounted(day)) {
    --day;
  }
  for (int counted = 0; counted < days;) {
    --day;
    if (IsCounted(day)) {
      ++counted;
    }
  }
  return day * day_ms_ + time_of_day - offset_ms_;
}

std::set<Calendar::Date> Calendar::LoadHolidays(const std::string& path) {
  auto doc = ReadJsonFile(path);
  std::vector<std::string> problems;
  auto problem = [&](const std::string& at, const std::string& what) {
    problems.push_back(path + ": " + at + ": " + what);
  };
  std::set<Date> holidays;
  const nlohmann::json* list = nullptr;
  if (!doc.is_object() || !doc.contains("holidays")) {
    problem("/holidays", "is required: a list of {date, name, kind}");
  } else if (!doc["holidays"].is_array()) {
    problem("/holidays", "must be a list of {date, name, kind}");
  } else {
    list = &doc["holidays"];
  }
  for (size_t i = 0; list != nullptr && i < list->size(); ++i) {
    const auto& item = (*list)[i];
    std::string at = "/holidays/" + std::to_string(i);
    if (!item.is_object()) {
      problem(at, "must be an object {date, name, kind}");
      continue;
    }
    auto date_it = item.find("date");
    std::optional<Date> date;
    if (date_it == item.end() || !date_it->is_string() ||
        !(date = ParseDate(date_it->get<std::string>()))) {
      problem(at + "/date", "must be a real date written YYYY-MM-DD");
    }
    auto name_it = item.find("name");
    if (name_it == item.end() || !name_it->is_string() ||
        name_it->get_ref<const std::string&>().empty()) {
      problem(at + "/name", "must be a non-empty string");
    }
    auto kind_it = item.find("kind");
    if (kind_it == item.end() || !kind_it->is_string() ||
        (*kind_it != "national" && *kind_it != "cuti_bersama")) {
      problem(at + "/kind", "must be \"national\" or \"cuti_bersama\"");
    }
    if (auto p = item.find("provisional"); p != item.end() && !p->is_boolean()) {
      problem(at + "/provisional", "must be true or false");
    }
    if (date) {
      holidays.insert(*date);
    }
  }
  if (!problems.empty()) {
    throw ConfigError(std::move(problems));
  }
  return holidays;
}

}  // namespace lapor::cases
