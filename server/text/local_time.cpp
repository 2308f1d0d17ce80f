#include "text/local_time.hpp"

#include <chrono>
#include <cstdio>

namespace lapor::text {

std::string FormatWib(TimeMs utc) {
  using namespace std::chrono;
  sys_time<milliseconds> local{milliseconds(utc + kWibOffsetMs)};
  auto day = floor<days>(local);
  year_month_day date{day};
  hh_mm_ss<milliseconds> time{local - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d %02ld:%02ld WIB",
                static_cast<unsigned>(date.day()), static_cast<unsigned>(date.month()),
                static_cast<int>(date.year()), static_cast<long>(time.hours().count()),
                static_cast<long>(time.minutes().count()));
  return buf;
}

std::string FormatWibDate(TimeMs utc) {
  using namespace std::chrono;
  year_month_day date{floor<days>(sys_time<milliseconds>{milliseconds(utc + kWibOffsetMs)})};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

}  // namespace lapor::text
