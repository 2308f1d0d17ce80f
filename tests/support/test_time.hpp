#pragma once

#include <chrono>

#include "common/clock.hpp"
#include "text/local_time.hpp"

// Spans and instants the tests share (header-only: the unit tests, which link no Asio, use it
// too). One definition each, so a unity build of the tests sees no name twice.
namespace lapor::test {

inline constexpr TimeMs kMinute = 60 * 1000;
inline constexpr TimeMs kHour = 60 * kMinute;
inline constexpr TimeMs kDay = 24 * kHour;

// 2026-11-28 08:00 WIB (01:00 UTC), a Saturday: every test's "now" unless it says otherwise,
// and the start of the test server's manual clock.
inline constexpr TimeMs kTestEpochMs = 1795827600000;

// The UTC instant of a WIB wall-clock time.
inline TimeMs Wib(int y, unsigned m, unsigned d, int hh = 10, int mm = 0) {
  using namespace std::chrono;
  sys_days date{year(y) / month(m) / day(d)};
  return duration_cast<milliseconds>(date.time_since_epoch()).count() +
         (hh * 60LL + mm) * 60 * 1000 - text::kWibOffsetMs;
}

}  // namespace lapor::test
