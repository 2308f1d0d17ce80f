#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>

namespace lapor::http {

// Counters kept beside the per-route HTTP series. Rendered as lapor1708_<name>_total.
enum class Counter {
  kDialogCompletions,  // dialog_completions
  kCasesFiled,         // cases_filed
  kRedisErrors,        // redis_errors
  kDedupeHits,         // dedupe_hits
  kSessionConflicts,   // session_conflicts
};
inline constexpr size_t kCounterCount = 5;
static_assert(static_cast<size_t>(Counter::kSessionConflicts) + 1 == kCounterCount);

// Values that go up and down. Rendered as lapor1708_<name>.
enum class Gauge {
  kOpenConnections,  // open_connections
  kRedisUp,          // redis_up (1 or 0)
};
inline constexpr size_t kGaugeCount = 2;
static_assert(static_cast<size_t>(Gauge::kRedisUp) + 1 == kGaugeCount);

// Prometheus text exposition (format 0.0.4). Every hot-path method is a few relaxed atomic
// operations on fixed arrays: no lock, no allocation. Routes are registered at start-up, before
// any thread calls ObserveRequest or Render; after that the set of routes never changes.
class Metrics {
 public:
  using RouteId = size_t;

  // Content-Type of Render()'s output.
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

  // Upper bounds (seconds) of the latency histogram buckets; +Inf is implied.
  static constexpr std::array<double, 13> kBucketBounds = {
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};

  // HTTP statuses with their own series; any other code is counted as status="other".
  static constexpr std::array<int, 15> kStatuses = {200, 400, 401, 403, 404, 405, 408, 409,
                                                    413, 415, 422, 429, 431, 500, 503};

  Metrics() = default;
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Start-up only (not thread-safe). Registering a name again returns the same id.
  RouteId RegisterRoute(std::string name);

  // Counts one request on `route` (from RegisterRoute) by status, and its latency in seconds.
  // Negative or NaN latencies count as 0.
  void ObserveRequest(RouteId route, int status, double seconds);

  void Increment(Counter counter, uint64_t n = 1);
  void SetGauge(Gauge gauge, double value);

  // The exposition text: lapor1708_http_requests_total{route,status} (statuses seen so far),
  // lapor1708_http_request_duration_seconds{_bucket{route,le},_sum,_count} for every route, the
  // counters and the gauges. Safe to call while other threads observe.
  std::string Render() const;

 private:
  static constexpr size_t kStatusSlots = kStatuses.size() + 1;      // + "other"
  static constexpr size_t kBucketSlots = kBucketBounds.size() + 1;  // + "+Inf"

  struct RouteSeries {
    explicit RouteSeries(std::string route_name) : name(std::move(route_name)) {}
    std::string name;
    std::array<std::atomic<uint64_t>, kStatusSlots> by_status{};
    // Non-cumulative: bucket i counts latencies in (bound[i-1], bound[i]]; Render accumulates.
    std::array<std::atomic<uint64_t>, kBucketSlots> buckets{};
    std::atomic<uint64_t> sum_nanos{0};
  };

  // A deque never moves its elements, so the atomics stay put as routes are added.
  std::deque<RouteSeries> routes_;
  std::array<std::atomic<uint64_t>, kCounterCount> counters_{};
  std::array<std::atomic<double>, kGaugeCount> gauges_{};
};

}  // namespace lapor::http
