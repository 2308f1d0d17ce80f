#include "http/metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <thread>
#include <vector>

namespace lapor::http {
namespace {

bool Has(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

TEST(Metrics, RegisteringARouteAgainReturnsTheSameId) {
  Metrics metrics;
  const Metrics::RouteId ussd = metrics.RegisterRoute("africastalking_ussd");
  const Metrics::RouteId sms = metrics.RegisterRoute("kannel_sms");
  EXPECT_NE(ussd, sms);
  EXPECT_EQ(metrics.RegisterRoute("africastalking_ussd"), ussd);
}

TEST(Metrics, CountsRequestsByRouteAndStatus) {
  Metrics metrics;
  const auto ussd = metrics.RegisterRoute("africastalking_ussd");
  const auto sms = metrics.RegisterRoute("kannel_sms");
  metrics.ObserveRequest(ussd, 200, 0.002);
  metrics.ObserveRequest(ussd, 200, 0.003);
  metrics.ObserveRequest(ussd, 503, 0.5);
  metrics.ObserveRequest(sms, 400, 0.0001);
  const std::string text = metrics.Render();
  EXPECT_TRUE(
      Has(text, R"(lapor1708_http_requests_total{route="africastalking_ussd",status="200"} 2)"))
      << text;
  EXPECT_TRUE(
      Has(text, R"(lapor1708_http_requests_total{route="africastalking_ussd",status="503"} 1)"));
  EXPECT_TRUE(Has(text, R"(lapor1708_http_requests_total{route="kannel_sms",status="400"} 1)"));
  // Statuses not seen are not rendered.
  EXPECT_EQ(text.find(R"(route="kannel_sms",status="200")"), std::string::npos);
}

TEST(Metrics, StatusOutsideTheTableIsOther) {
  Metrics metrics;
  const auto route = metrics.RegisterRoute("admin");
  metrics.ObserveRequest(route, 201, 0.01);
  metrics.ObserveRequest(route, 302, 0.01);
  metrics.ObserveRequest(route, 431, 0.01);
  const std::string text = metrics.Render();
  EXPECT_TRUE(Has(text, R"(lapor1708_http_requests_total{route="admin",status="other"} 2)"))
      << text;
  EXPECT_TRUE(Has(text, R"(lapor1708_http_requests_total{route="admin",status="431"} 1)"));
}

TEST(Metrics, HistogramBucketsAreCumulativeAndCountMatchesInf) {
  Metrics metrics;
  const auto route = metrics.RegisterRoute("twilio_sms");
  metrics.ObserveRequest(route, 200, 0.0005);  // <= 1ms
  metrics.ObserveRequest(route, 200, 0.001);   // exactly on the 1ms bound
  metrics.ObserveRequest(route, 200, 0.02);    // <= 25ms
  metrics.ObserveRequest(route, 200, 30.0);    // beyond 10s
  const std::string text = metrics.Render();
  const std::string bucket =
      R"(lapor1708_http_request_duration_seconds_bucket{route="twilio_sms",)";
  EXPECT_TRUE(Has(text, bucket + R"(le="0.001"} 2)")) << text;
  EXPECT_TRUE(Has(text, bucket + R"(le="0.01"} 2)"));
  EXPECT_TRUE(Has(text, bucket + R"(le="0.025"} 3)"));
  EXPECT_TRUE(Has(text, bucket + R"(le="10"} 3)"));
  EXPECT_TRUE(Has(text, bucket + R"(le="+Inf"} 4)"));
  EXPECT_TRUE(Has(text, R"(lapor1708_http_request_duration_seconds_count{route="twilio_sms"} 4)"));
  EXPECT_TRUE(
      Has(text, R"(lapor1708_http_request_duration_seconds_sum{route="twilio_sms"} 30.0215)"));
}

TEST(Metrics, EveryRouteHasAHistogramEvenBeforeItsFirstRequest) {
  Metrics metrics;
  metrics.RegisterRoute("healthz");
  const std::string text = metrics.Render();
  EXPECT_TRUE(
      Has(text, R"(lapor1708_http_request_duration_seconds_bucket{route="healthz",le="+Inf"} 0)"));
  EXPECT_TRUE(Has(text, R"(lapor1708_http_request_duration_seconds_count{route="healthz"} 0)"));
  EXPECT_TRUE(Has(text, R"(lapor1708_http_request_duration_seconds_sum{route="healthz"} 0)"));
}

TEST(Metrics, NegativeAndNanLatenciesCountAsZero) {
  Metrics metrics;
  const auto route = metrics.RegisterRoute("r");
  metrics.ObserveRequest(route, 200, -1.0);
  metrics.ObserveRequest(route, 200, std::nan(""));
  const std::string text = metrics.Render();
  EXPECT_TRUE(
      Has(text, R"(lapor1708_http_request_duration_seconds_bucket{route="r",le="0.001"} 2)"))
      << text;
  EXPECT_TRUE(Has(text, R"(lapor1708_http_request_duration_seconds_sum{route="r"} 0)"));
}

TEST(Metrics, CountersAndGaugesAreRenderedWithTypes) {
  Metrics metrics;
  metrics.Increment(Counter::kDialogCompletions);
  metrics.Increment(Counter::kCasesFiled, 3);
  metrics.Increment(Counter::kRedisErrors, 2);
  metrics.Increment(Counter::kDedupeHits);
  metrics.SetGauge(Gauge::kOpenConnections, 17);
  metrics.SetGauge(Gauge::kRedisUp, 1);
  metrics.SetGauge(Gauge::kRedisUp, 0);
  const std::string text = metrics.Render();
  EXPECT_TRUE(Has(text, "# TYPE lapor1708_dialog_completions_total counter")) << text;
  EXPECT_TRUE(Has(text, "lapor1708_dialog_completions_total 1"));
  EXPECT_TRUE(Has(text, "lapor1708_cases_filed_total 3"));
  EXPECT_TRUE(Has(text, "lapor1708_redis_errors_total 2"));
  EXPECT_TRUE(Has(text, "lapor1708_dedupe_hits_total 1"));
  EXPECT_TRUE(Has(text, "lapor1708_session_conflicts_total 0"));
  EXPECT_TRUE(Has(text, "# TYPE lapor1708_open_connections gauge"));
  EXPECT_TRUE(Has(text, "lapor1708_open_connections 17"));
  EXPECT_TRUE(Has(text, "lapor1708_redis_up 0"));
  EXPECT_TRUE(Has(text, "# TYPE lapor1708_http_requests_total counter"));
  EXPECT_TRUE(Has(text, "# TYPE lapor1708_http_request_duration_seconds histogram"));
}

TEST(Metrics, RouteNamesAreEscapedInLabels) {
  Metrics metrics;
  const auto route = metrics.RegisterRoute("a\"b\\c\nd");
  metrics.ObserveRequest(route, 200, 0.001);
  const std::string text = metrics.Render();
  EXPECT_TRUE(Has(text, R"(lapor1708_http_requests_total{route="a\"b\\c\nd",status="200"} 1)"))
      << text;
}

TEST(Metrics, ConcurrentObservationsAreAllCounted) {
  Metrics metrics;
  const auto route = metrics.RegisterRoute("load");
  constexpr int kThreads = 4;
  constexpr int kPerThread = 10000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        metrics.ObserveRequest(route, 200, 0.002);
        metrics.Increment(Counter::kSessionConflicts);
      }
    });
  }
  // Rendering while others observe must be safe (ASan/TSan builds check it).
  for (int i = 0; i < 10; ++i) {
    EXPECT_FALSE(metrics.Render().empty());
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  const std::string text = metrics.Render();
  EXPECT_TRUE(Has(text, R"(lapor1708_http_requests_total{route="load",status="200"} 40000)"))
      << text;
  EXPECT_TRUE(Has(text, R"(lapor1708_http_request_duration_seconds_count{route="load"} 40000)"));
  EXPECT_TRUE(Has(text, "lapor1708_session_conflicts_total 40000"));
}

}  // namespace
}  // namespace lapor::http
