#include "metrics/registry.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace lapor::metrics {
namespace {

bool Has(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

TEST(Registry, RegisteringTheSameNameAndLabelsAgainReturnsTheSameSeries) {
  Registry registry;
  Counter& ussd = registry.AddCounter("c_total", "help", {{"route", "ussd"}});
  Counter& sms = registry.AddCounter("c_total", "help", {{"route", "sms"}});
  EXPECT_NE(&ussd, &sms);
  EXPECT_EQ(&registry.AddCounter("c_total", "help", {{"route", "ussd"}}), &ussd);
}

TEST(Registry, ANameRegisteredAgainAsAnotherTypeOrHelpIsABug) {
  Registry registry;
  registry.AddCounter("x_total", "help");
  EXPECT_THROW(registry.AddGauge("x_total", "help"), std::logic_error);
  EXPECT_THROW(registry.AddCounter("x_total", "other help"), std::logic_error);
}

TEST(Registry, CountersAndGaugesAreRenderedWithTypesAndHelp) {
  Registry registry;
  registry.AddCounter("lapor1708_dialog_completions_total", "Dialogs that reached their end.")
      .Increment();
  registry.AddCounter("lapor1708_cases_filed_total", "Cases filed.").Increment(3);
  registry.AddCounter("lapor1708_session_conflicts_total", "Lost compare-and-sets.");
  Gauge& open = registry.AddGauge("lapor1708_open_connections", "Connections open now.");
  open.Set(17);
  Gauge& up = registry.AddGauge("lapor1708_redis_up", "1 when Redis answers.");
  up.Set(1);
  up.Set(0);
  const std::string text = registry.Render();
  EXPECT_TRUE(
      Has(text, "# HELP lapor1708_dialog_completions_total Dialogs that reached their end."))
      << text;
  EXPECT_TRUE(Has(text, "# TYPE lapor1708_dialog_completions_total counter"));
  EXPECT_TRUE(Has(text, "lapor1708_dialog_completions_total 1"));
  EXPECT_TRUE(Has(text, "lapor1708_cases_filed_total 3"));
  EXPECT_TRUE(Has(text, "lapor1708_session_conflicts_total 0"));
  EXPECT_TRUE(Has(text, "# TYPE lapor1708_open_connections gauge"));
  EXPECT_TRUE(Has(text, "lapor1708_open_connections 17"));
  EXPECT_TRUE(Has(text, "lapor1708_redis_up 0"));
}

TEST(Registry, SeriesOfOneFamilyShareOneHeaderAndKeepTheirLabelOrder) {
  Registry registry;
  registry.AddCounter("r_total", "Requests.", {{"route", "a"}, {"status", "200"}}).Increment(2);
  registry.AddCounter("r_total", "Requests.", {{"route", "b"}, {"status", "400"}}).Increment();
  const std::string text = registry.Render();
  EXPECT_TRUE(Has(text, R"(r_total{route="a",status="200"} 2)")) << text;
  EXPECT_TRUE(Has(text, R"(r_total{route="b",status="400"} 1)"));
  EXPECT_EQ(text.find("# TYPE r_total"), text.rfind("# TYPE r_total"));
}

TEST(Registry, ACounterHiddenWhileZeroAppearsOnceItCounts) {
  Registry registry;
  Counter& seen = registry.AddCounter("s_total", "Statuses.", {{"status", "200"}}, true);
  registry.AddCounter("s_total", "Statuses.", {{"status", "503"}}, true);
  EXPECT_EQ(registry.Render().find("status=\"200\""), std::string::npos);
  seen.Increment();
  const std::string text = registry.Render();
  EXPECT_TRUE(Has(text, R"(s_total{status="200"} 1)")) << text;
  EXPECT_EQ(text.find("status=\"503\""), std::string::npos);
}

TEST(Registry, HistogramBucketsAreCumulativeAndCountMatchesInf) {
  Registry registry;
  Histogram& h = registry.AddHistogram("d_seconds", "Latency.", kLatencyBounds, {{"route", "t"}});
  h.Observe(0.0005);  // <= 1ms
  h.Observe(0.001);   // exactly on the 1ms bound
  h.Observe(0.02);    // <= 25ms
  h.Observe(30.0);    // beyond 10s
  const std::string text = registry.Render();
  EXPECT_TRUE(Has(text, R"(d_seconds_bucket{route="t",le="0.001"} 2)")) << text;
  EXPECT_TRUE(Has(text, R"(d_seconds_bucket{route="t",le="0.01"} 2)"));
  EXPECT_TRUE(Has(text, R"(d_seconds_bucket{route="t",le="0.025"} 3)"));
  EXPECT_TRUE(Has(text, R"(d_seconds_bucket{route="t",le="10"} 3)"));
  EXPECT_TRUE(Has(text, R"(d_seconds_bucket{route="t",le="+Inf"} 4)"));
  EXPECT_TRUE(Has(text, R"(d_seconds_count{route="t"} 4)"));
  EXPECT_TRUE(Has(text, R"(d_seconds_sum{route="t"} 30.0215)"));
  EXPECT_TRUE(Has(text, "# TYPE d_seconds histogram"));
}

TEST(Registry, AHistogramIsRenderedBeforeItsFirstObservation) {
  Registry registry;
  registry.AddHistogram("d_seconds", "Latency.", kLatencyBounds, {{"route", "healthz"}});
  const std::string text = registry.Render();
  EXPECT_TRUE(Has(text, R"(d_seconds_bucket{route="healthz",le="+Inf"} 0)")) << text;
  EXPECT_TRUE(Has(text, R"(d_seconds_count{route="healthz"} 0)"));
  EXPECT_TRUE(Has(text, R"(d_seconds_sum{route="healthz"} 0)"));
}

TEST(Registry, NegativeAndNanObservationsCountAsZero) {
  Registry registry;
  Histogram& h = registry.AddHistogram("d_seconds", "Latency.", kLatencyBounds);
  h.Observe(-1.0);
  h.Observe(std::nan(""));
  const std::string text = registry.Render();
  EXPECT_TRUE(Has(text, R"(d_seconds_bucket{le="0.001"} 2)")) << text;
  EXPECT_TRUE(Has(text, "d_seconds_sum 0"));
}

TEST(Registry, LabelValuesAreEscaped) {
  Registry registry;
  registry.AddCounter("e_total", "Escapes.", {{"route", "a\"b\\c\nd"}}).Increment();
  const std::string text = registry.Render();
  EXPECT_TRUE(Has(text, R"(e_total{route="a\"b\\c\nd"} 1)")) << text;
}

TEST(Registry, GaugesAddUpAndDown) {
  Registry registry;
  Gauge& g = registry.AddGauge("g", "A gauge.");
  g.Add(3);
  g.Add(-1);
  EXPECT_EQ(g.value(), 2);
}

TEST(Registry, ConcurrentObservationsAreAllCounted) {
  Registry registry;
  Counter& c = registry.AddCounter("load_total", "Load.");
  Histogram& h = registry.AddHistogram("load_seconds", "Load.", kLatencyBounds);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 10000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        c.Increment();
        h.Observe(0.002);
      }
    });
  }
  // Rendering and registering while others observe must be safe (ASan builds check it).
  for (int i = 0; i < 10; ++i) {
    registry.AddCounter("late_total", "Registered while others observe.",
                        {{"n", std::to_string(i)}});
    EXPECT_FALSE(registry.Render().empty());
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  const std::string text = registry.Render();
  EXPECT_TRUE(Has(text, "load_total 40000")) << text;
  EXPECT_TRUE(Has(text, "load_seconds_count 40000"));
}

}  // namespace
}  // namespace lapor::metrics
