#include "cases/calendar.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "common/config_error.hpp"
#include "support/test_time.hpp"
#include "text/local_time.hpp"

namespace lapor::cases {
namespace {

using Date = Calendar::Date;

std::string HolidaysFile() { return std::string(LAPOR_SOURCE_DIR) + "/config/holidays-id.json"; }

using test::Wib;

class WorkingDays : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    calendar_ = new Calendar(true, Calendar::LoadHolidays(HolidaysFile()));
  }
  static void TearDownTestSuite() {
    delete calendar_;
    calendar_ = nullptr;
  }
  static const Calendar& cal() { return *calendar_; }
  static Calendar* calendar_;
};
Calendar* WorkingDays::calendar_ = nullptr;

TEST_F(WorkingDays, OneWorkingDayAfterFridayIsMondaySameTime) {
  EXPECT_EQ(cal().AddDays(Wib(2026, 11, 27, 10, 30), 1), Wib(2026, 11, 30, 10, 30));
  EXPECT_EQ(cal().AddDays(Wib(2026, 11, 25), 3), Wib(2026, 11, 30));
}

TEST_F(WorkingDays, ZeroDaysOnAWorkingDayIsTheSameInstant) {
  EXPECT_EQ(cal().AddDays(Wib(2026, 11, 26, 14, 5), 0), Wib(2026, 11, 26, 14, 5));
  EXPECT_EQ(cal().SubtractDays(Wib(2026, 11, 26, 14, 5), 0), Wib(2026, 11, 26, 14, 5));
}

TEST_F(WorkingDays, FiledOnSaturdayIsTakenAsMondaySameTime) {
  EXPECT_EQ(cal().AddDays(Wib(2026, 11, 28, 10), 0), Wib(2026, 11, 30, 10));
  EXPECT_EQ(cal().AddDays(Wib(2026, 11, 28, 10), 1), Wib(2026, 12, 1, 10));
  EXPECT_EQ(cal().AddDays(Wib(2026, 11, 29, 23, 30), 3), Wib(2026, 12, 3, 23, 30));
}

TEST_F(WorkingDays, DaysAreWibDatesNotUtcDates) {
  // Monday 01:00 WIB is still Sunday in UTC: it counts as Monday.
  const TimeMs monday_early = Wib(2026, 11, 30, 1);
  EXPECT_TRUE(cal().IsCountedDay(monday_early));
  EXPECT_EQ(cal().AddDays(monday_early, 1), Wib(2026, 12, 1, 1));
  // Saturday 06:00 WIB is still Friday in UTC: it is a day off.
  EXPECT_FALSE(cal().IsCountedDay(Wib(2026, 11, 28, 6)));
  EXPECT_EQ(cal().AddDays(Wib(2026, 11, 28, 6), 1), Wib(2026, 12, 1, 6));
}

TEST_F(WorkingDays, SkipsANationalHoliday) {
  // Independence Day, Monday 17 August 2026.
  EXPECT_FALSE(cal().IsCountedDay(Wib(2026, 8, 17)));
  EXPECT_EQ(cal().AddDays(Wib(2026, 8, 13), 3), Wib(2026, 8, 19));
}

TEST_F(WorkingDays, SkipsNyepiIdulFitriAndTheirCutiBersama2026) {
  // 18 (cuti), 19 (Nyepi), 20 (cuti), 21-22 (Idul Fitri), 23-24 March (cuti) are all off.
  for (unsigned day : {18u, 19u, 20u, 21u, 22u, 23u, 24u}) {
    EXPECT_FALSE(cal().IsCountedDay(Wib(2026, 3, day))) << day;
  }
  EXPECT_EQ(cal().AddDays(Wib(2026, 3, 17), 3), Wib(2026, 3, 27));
  // Filed on Idul Fitri: taken as filed on Wednesday 25 March.
  EXPECT_EQ(cal().AddDays(Wib(2026, 3, 21, 8), 0), Wib(2026, 3, 25, 8));
  EXPECT_EQ(cal().AddDays(Wib(2026, 3, 21, 8), 5), Wib(2026, 4, 1, 8));
}

TEST_F(WorkingDays, CrossesYearEnd2026Into2027) {
  // 24 Dec (cuti), 25 Dec (Christmas), 1 Jan (New Year) and weekends are skipped.
  EXPECT_EQ(cal().AddDays(Wib(2026, 12, 23), 5), Wib(2027, 1, 4));
  EXPECT_EQ(cal().SubtractDays(Wib(2027, 1, 4), 5), Wib(2026, 12, 23));
}

TEST_F(WorkingDays, SubtractDaysGivesTheWarningBeforeADeadline) {
  EXPECT_EQ(cal().SubtractDays(Wib(2026, 11, 30, 9), 1), Wib(2026, 11, 27, 9));
  EXPECT_EQ(cal().SubtractDays(Wib(2026, 11, 26, 9), 1), Wib(2026, 11, 25, 9));
  // The working day before Tuesday 18 August 2026 is Friday 14 August (17 August is off).
  EXPECT_EQ(cal().SubtractDays(Wib(2026, 8, 18), 1), Wib(2026, 8, 14));
  // Before Wednesday 25 March 2026 come eight days off.
  EXPECT_EQ(cal().SubtractDays(Wib(2026, 3, 25), 1), Wib(2026, 3, 17));
}

TEST_F(WorkingDays, SubtractFromADayOffStartsOnThePreviousWorkingDay) {
  EXPECT_EQ(cal().SubtractDays(Wib(2026, 11, 28, 10), 0), Wib(2026, 11, 27, 10));
  EXPECT_EQ(cal().SubtractDays(Wib(2026, 11, 29, 10), 1), Wib(2026, 11, 26, 10));
}

TEST_F(WorkingDays, SixtyDayExtensionSkipsEveryDayOff) {
  const TimeMs from = Wib(2026, 11, 9, 9);
  const TimeMs end = cal().AddDays(from, 60);
  int counted = 0;
  for (TimeMs t = from + cal().day_ms(); t <= end; t += cal().day_ms()) {
    counted += cal().IsCountedDay(t) ? 1 : 0;
  }
  EXPECT_EQ(counted, 60);
  EXPECT_TRUE(cal().IsCountedDay(end));
  EXPECT_EQ(cal().SubtractDays(end, 60), from);
}

TEST(CalendarDays, CountEveryDayIncludingWeekendsAndHolidays) {
  Calendar cal(false, {Date{2026, 8, 17}});
  EXPECT_EQ(cal.AddDays(Wib(2026, 11, 27), 1), Wib(2026, 11, 28));
  EXPECT_EQ(cal.AddDays(Wib(2026, 8, 16), 1), Wib(2026, 8, 17));
  EXPECT_EQ(cal.AddDays(Wib(2026, 12, 30, 22), 3), Wib(2027, 1, 2, 22));
  EXPECT_EQ(cal.SubtractDays(Wib(2026, 11, 30), 1), Wib(2026, 11, 29));
  EXPECT_TRUE(cal.IsCountedDay(Wib(2026, 11, 28)));
}

TEST(RegionHolidays, AreCountedBesideTheNationalOnesAndLeaveTheNationalCalendarAsItWas) {
  // National: Monday 9 November off. The region: Thursday 5 and Friday 6 November too.
  const Calendar national(true, {Date{2026, 11, 9}});
  const std::set<Date> local = {Date{2026, 11, 5}, Date{2026, 11, 6}};
  const Calendar regional = national.WithHolidays(local);
  // From Wednesday 4 November, 3 days: Thu, Fri and Mon off, so Tue, Wed, Thu 12 for the region.
  EXPECT_EQ(regional.AddDays(Wib(2026, 11, 4, 9), 3), Wib(2026, 11, 12, 9));
  EXPECT_EQ(national.AddDays(Wib(2026, 11, 4, 9), 3), Wib(2026, 11, 10, 9));
  EXPECT_FALSE(regional.IsCountedDay(Wib(2026, 11, 5, 12)));
  EXPECT_TRUE(national.IsCountedDay(Wib(2026, 11, 5, 12)));
  EXPECT_FALSE(national.IsCountedDay(Wib(2026, 11, 9, 12)));
  const Calendar copy = regional;  // a copy keeps both sets
  EXPECT_EQ(copy.SubtractDays(Wib(2026, 11, 12, 9), 3), Wib(2026, 11, 4, 9));
}

TEST(ShortDays, SlicesOfDaySecondsFromTheEpochWithAWeekendEveryFiveSlices) {
  // 60-second days: slice 0 is a Thursday, slices 2 and 3 the weekend.
  Calendar cal(true, {Date{1970, 1, 2}}, 60);
  EXPECT_EQ(cal.day_ms(), 60'000);
  EXPECT_TRUE(cal.IsCountedDay(0));
  EXPECT_TRUE(cal.IsCountedDay(70'000));  // slice 1: holidays are real dates, not slices
  EXPECT_FALSE(cal.IsCountedDay(130'000));
  EXPECT_FALSE(cal.IsCountedDay(190'000));
  EXPECT_EQ(cal.AddDays(70'000, 1), 250'000);   // Friday + 1 = Monday, 10 s into the slice
  EXPECT_EQ(cal.AddDays(130'000, 0), 250'000);  // Saturday: taken as Monday
  EXPECT_EQ(cal.SubtractDays(250'000, 1), 70'000);
  // No WIB shift: a slice starts on a UTC multiple of day_seconds.
  const TimeMs now = 1'795'827'600'123;  // any instant
  const TimeMs later = cal.AddDays(now, 5);
  EXPECT_EQ(later % 60'000, now % 60'000);
  EXPECT_EQ((later - now) % 60'000, 0);
  EXPECT_EQ((later - now) / 60'000, 7);  // five working slices and one weekend
}

TEST(ShortDays, CalendarDayModeMovesByWholeSlices) {
  Calendar cal(false, {}, 2);
  EXPECT_EQ(cal.AddDays(1'000, 3), 7'000);
  EXPECT_EQ(cal.SubtractDays(7'000, 3), 1'000);
}

TEST(Holidays, FileHoldsTheSkb2026ListAndProvisional2027) {
  std::ifstream in(HolidaysFile());
  auto doc = nlohmann::json::parse(in);
  int national_2026 = 0;
  int cuti_2026 = 0;
  int provisional_2027 = 0;
  int entries_2027 = 0;
  for (const auto& h : doc["holidays"]) {
    const std::string date = h["date"];
    if (date.starts_with("2026")) {
      EXPECT_FALSE(h.value("provisional", false)) << date;
      (h["kind"] == "national" ? national_2026 : cuti_2026) += 1;
    } else if (date.starts_with("2027")) {
      ++entries_2027;
      provisional_2027 += h.value("provisional", false) ? 1 : 0;
    }
  }
  EXPECT_EQ(national_2026, 17);
  EXPECT_EQ(cuti_2026, 8);
  EXPECT_GE(entries_2027, 15);
  EXPECT_EQ(provisional_2027, entries_2027);
  const auto dates = Calendar::LoadHolidays(HolidaysFile());
  EXPECT_TRUE(dates.contains(Date{2026, 3, 20}));
  EXPECT_TRUE(dates.contains(Date{2026, 12, 24}));
  EXPECT_TRUE(dates.contains(Date{2027, 1, 1}));
  EXPECT_FALSE(dates.contains(Date{2026, 3, 25}));
}

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

TEST(Holidays, BadEntriesThrowConfigErrorNamingEachIndex) {
  const std::string path = WriteTemp("holidays-bad.json", R"({"holidays": [
    {"date": "2026-01-01", "name": "Tahun Baru", "kind": "national"},
    {"date": "2026-02-30", "name": "Tidak ada", "kind": "national"},
    {"date": "2026-03-01", "name": "", "kind": "holiday"},
    "2026-04-01",
    {"date": "1/5/2026", "name": "x", "kind": "cuti_bersama", "provisional": "yes"}
  ]})");
  try {
    Calendar::LoadHolidays(path);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    const auto& p = e.problems();
    ASSERT_EQ(p.size(), 6u) << e.what();
    EXPECT_EQ(p[0], path + ": /holidays/1/date: must be a real date written YYYY-MM-DD");
    EXPECT_EQ(p[1], path + ": /holidays/2/name: must be a non-empty string");
    EXPECT_EQ(p[2], path + ": /holidays/2/kind: must be \"national\" or \"cuti_bersama\"");
    EXPECT_EQ(p[3], path + ": /holidays/3: must be an object {date, name, kind}");
    EXPECT_EQ(p[4], path + ": /holidays/4/date: must be a real date written YYYY-MM-DD");
    EXPECT_EQ(p[5], path + ": /holidays/4/provisional: must be true or false");
  }
}

TEST(Holidays, MissingListUnreadableAndBrokenFilesThrowConfigError) {
  const std::string no_list = WriteTemp("holidays-nolist.json", R"({"days": []})");
  EXPECT_THROW(Calendar::LoadHolidays(no_list), ConfigError);
  const std::string not_json = WriteTemp("holidays-broken.json", "{\"holidays\": [");
  EXPECT_THROW(Calendar::LoadHolidays(not_json), ConfigError);
  try {
    Calendar::LoadHolidays(::testing::TempDir() + "no-such-holidays.json");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("no-such-holidays.json: cannot be read"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace lapor::cases
