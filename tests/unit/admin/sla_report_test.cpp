#include "admin/sla_report.hpp"

#include <gtest/gtest.h>

#include "support/test_time.hpp"

namespace lapor::admin {
namespace {

using cases::DeadlineKind;
using cases::Status;

using test::kHour;
// 2026-11-28 08:00 WIB (01:00 UTC); that WIB day starts 2026-11-27 17:00 UTC.
using test::kTestEpochMs;

constexpr const char* kBangkaTengah = "19.04";

cases::Case Dispatched(std::string opd, std::string category, TimeMs dispatched_at,
                       std::string region = kBangkaTengah) {
  cases::Case c;
  c.tracking_no = "0000000" + std::to_string(dispatched_at % 10);
  c.status = Status::kDispatched;
  c.region = region;
  c.forwarded_to = std::move(region);
  c.opd = std::move(opd);
  c.category = std::move(category);
  c.dispatched_at = dispatched_at;
  c.deadlines[DeadlineKind::kAnswerDue] = dispatched_at + 120 * kHour;
  return c;
}

cases::Case Answered(std::string opd, std::string category, TimeMs hours, bool late) {
  auto c = Dispatched(std::move(opd), std::move(category), kTestEpochMs - 500 * kHour);
  c.status = Status::kResponded;
  c.responded_at = c.dispatched_at + hours * kHour;
  c.answered_late = late;
  c.deadlines.clear();
  return c;
}

TEST(SlaReport, CountsEachOutcomePerOpdAndCategory) {
  std::vector<cases::Case> all = {
      Answered("dinas-pu", "jalan", 10, false),
      Answered("dinas-pu", "jalan", 30, false),
      Answered("dinas-pu", "air", 200, true),
      Dispatched("dinas-pu", "jalan", kTestEpochMs - 10 * kHour),  // waiting, not yet due
      Dispatched("dinas-pu", "air", kTestEpochMs - 130 * kHour),   // answer_due passed
      Answered("dinkes", "puskesmas", 5, false),
  };
  cases::Case overdue = Dispatched("dinkes", "puskesmas", kTestEpochMs - 300 * kHour);
  overdue.status = Status::kExtended;
  overdue.deadlines = {{DeadlineKind::kExtensionEnd, kTestEpochMs + 100 * kHour}};
  all.push_back(overdue);
  cases::Case escalated = Dispatched("dinkes", "puskesmas", kTestEpochMs - 3000 * kHour);
  escalated.status = Status::kEscalated;
  escalated.deadlines.clear();
  all.push_back(escalated);
  cases::Case not_dispatched;
  not_dispatched.status = Status::kVerified;
  not_dispatched.category = "jalan";
  all.push_back(not_dispatched);

  auto report = BuildSlaReport(all, kTestEpochMs);
  EXPECT_EQ(report.generated_at, kTestEpochMs);
  EXPECT_EQ(report.total.dispatched, 8);
  EXPECT_EQ(report.total.answered_on_time, 3);
  EXPECT_EQ(report.total.answered_late, 1);
  EXPECT_EQ(report.total.overdue_now, 2);
  EXPECT_EQ(report.total.escalated, 1);
  // Answer times 5, 10, 30, 200 hours: the median is between 10 and 30.
  ASSERT_TRUE(report.total.median_hours_to_answer.has_value());
  EXPECT_DOUBLE_EQ(*report.total.median_hours_to_answer, 20.0);

  const auto& pu = report.by_opd.at({kBangkaTengah, "dinas-pu"});
  EXPECT_EQ(pu.dispatched, 5);
  EXPECT_EQ(pu.answered_on_time, 2);
  EXPECT_EQ(pu.answered_late, 1);
  EXPECT_EQ(pu.overdue_now, 1);
  EXPECT_EQ(pu.escalated, 0);
  EXPECT_DOUBLE_EQ(*pu.median_hours_to_answer, 30.0);

  const auto& dinkes = report.by_opd.at({kBangkaTengah, "dinkes"});
  EXPECT_EQ(dinkes.overdue_now, 1);
  EXPECT_EQ(dinkes.escalated, 1);
  EXPECT_DOUBLE_EQ(*dinkes.median_hours_to_answer, 5.0);

  const auto& pu_air = report.by_opd_category.at({{kBangkaTengah, "dinas-pu"}, "air"});
  EXPECT_EQ(pu_air.dispatched, 2);
  EXPECT_EQ(pu_air.answered_late, 1);
  EXPECT_EQ(pu_air.overdue_now, 1);
  EXPECT_EQ(report.by_category.at("jalan").dispatched, 3);  // the undispatched one not counted
  EXPECT_EQ(report.by_category.at("jalan").answered_on_time, 2);
}

TEST(SlaReport, NothingAnsweredHasNoMedian) {
  auto report =
      BuildSlaReport({Dispatched("dinas-pu", "jalan", kTestEpochMs - kHour)}, kTestEpochMs);
  EXPECT_FALSE(report.total.median_hours_to_answer.has_value());
  auto json = SlaReportJson(report);
  EXPECT_TRUE(json["total"]["median_hours_to_answer"].is_null());
}

TEST(SlaReportJson, RowsCarryTheirKeysAndRoundedMedian) {
  auto report = BuildSlaReport(
      {Answered("dinas-pu", "jalan", 1, false), Answered("dinkes", "puskesmas", 2, true)},
      kTestEpochMs);
  report.by_opd.at({kBangkaTengah, "dinas-pu"}).median_hours_to_answer = 1.23456;
  auto json = SlaReportJson(report);
  EXPECT_EQ(json["generated_at"], kTestEpochMs);
  ASSERT_EQ(json["by_opd"].size(), 2u);
  EXPECT_EQ(json["by_opd"][0]["opd"], "dinas-pu");
  EXPECT_EQ(json["by_opd"][0]["region"], kBangkaTengah);
  ASSERT_EQ(json["by_region"].size(), 1u);
  EXPECT_EQ(json["by_region"][0]["region"], kBangkaTengah);
  EXPECT_EQ(json["by_region"][0]["dispatched"], 2);
  EXPECT_DOUBLE_EQ(json["by_opd"][0]["median_hours_to_answer"].get<double>(), 1.23);
  EXPECT_EQ(json["by_opd"][1]["answered_late"], 1);
  EXPECT_EQ(json["by_category"][1]["category"], "puskesmas");
  EXPECT_EQ(json["by_opd_category"][0]["opd"], "dinas-pu");
  EXPECT_EQ(json["by_opd_category"][0]["region"], kBangkaTengah);
  EXPECT_EQ(json["by_opd_category"][0]["category"], "jalan");
  EXPECT_EQ(json["total"]["dispatched"], 2);
  EXPECT_EQ(json["total"]["answered_on_time"], 1);
}

// Each region's agencies are counted apart, even when two regions name an OPD alike.
TEST(SlaReport, HasARegionDimensionAndKeepsNamesakeOpdsApart) {
  auto report = BuildSlaReport(
      {Answered("dinkes", "puskesmas", 4, false), Answered("dinkes", "puskesmas", 40, true),
       Dispatched("dinkes", "puskesmas", kTestEpochMs - kHour, "32.01"),
       Dispatched("dpupr", "jalan", kTestEpochMs - 200 * kHour, "32.01")},
      kTestEpochMs);
  ASSERT_EQ(report.by_region.size(), 2u);
  EXPECT_EQ(report.by_region.at("19.04").dispatched, 2);
  EXPECT_EQ(report.by_region.at("19.04").answered_late, 1);
  EXPECT_EQ(report.by_region.at("32.01").dispatched, 2);
  EXPECT_EQ(report.by_region.at("32.01").overdue_now, 1);
  EXPECT_EQ(report.by_opd.at({"19.04", "dinkes"}).dispatched, 2);
  EXPECT_EQ(report.by_opd.at({"32.01", "dinkes"}).dispatched, 1);
  EXPECT_EQ(report.by_category.at("puskesmas").dispatched, 3);
}

}  // namespace
}  // namespace lapor::admin
