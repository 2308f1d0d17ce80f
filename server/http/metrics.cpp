#include "http/metrics.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <system_error>

namespace lapor::http {
namespace {

constexpr std::array<std::string_view, kCounterCount> kCounterNames = {
    "dialog_completions", "cases_filed", "redis_errors", "dedupe_hits", "session_conflicts"};
constexpr std::array<std::string_view, kCounterCount> kCounterHelp = {
    "Dialogs that reached their end.", "Cases filed from completed dialogs.",
    "Redis commands that failed or timed out.", "Inbound messages answered from the dedupe store.",
    "Session writes that lost a compare-and-set."};
constexpr std::array<std::string_view, kGaugeCount> kGaugeNames = {"open_connections", "redis_up"};
constexpr std::array<std::string_view, kGaugeCount> kGaugeHelp = {
    "HTTP connections open now.", "1 when Redis answers, 0 when it does not."};

constexpr double kNanosPerSecond = 1e9;
// About 580 years in nanoseconds: a latency above this is a bug, clamped so the sum cannot wrap.
constexpr double kMaxNanos = 1.8e19;

// Prometheus wants Go's float syntax: shortest round trip, "+Inf", "-Inf", "NaN".
std::string FormatDouble(double value) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value > 0 ? "+Inf" : "-Inf";
  }
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  if (ec != std::errc{}) {
    return "NaN";  // cannot happen with 64 bytes; never emit a broken line
  }
  return std::string(buffer, end);
}

// Label values escape backslash, double quote and newline.
std::string EscapeLabel(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void AppendHeader(std::string& out, std::string_view name, std::string_view help,
                  std::string_view type) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

}  // namespace

Metrics::RouteId Metrics::RegisterRoute(std::string name) {
  for (RouteId id = 0; id < routes_.size(); ++id) {
    if (routes_[id].name == name) {
      return id;
    }
  }
  routes_.emplace_back(std::move(name));
  return routes_.size() - 1;
}

void Metrics::ObserveRequest(RouteId route, int status, double seconds) {
  assert(route < routes_.size());
  if (route >= routes_.size()) {
    return;
  }
  RouteSeries& series = routes_[route];

  size_t status_slot = kStatuses.size();  // "other"
  for (size_t i = 0; i < kStatuses.size(); ++i) {
    if (kStatuses[i] == status) {
      status_slot = i;
      break;
    }
  }
  series.by_status[status_slot].fetch_add(1, std::memory_order_relaxed);

  if (!(seconds > 0)) {  // also catches NaN
    seconds = 0;
  }
  size_t bucket = kBucketBounds.size();  // "+Inf"
  for (size_t i = 0; i < kBucketBounds.size(); ++i) {
    if (seconds <= kBucketBounds[i]) {
      bucket = i;
      break;
    }
  }
  series.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  const double nanos = std::min(seconds * kNanosPerSecond, kMaxNanos);
  series.sum_nanos.fetch_add(static_cast<uint64_t>(nanos + 0.5), std::memory_order_relaxed);
}

void Metrics::Increment(Counter counter, uint64_t n) {
  counters_[static_cast<size_t>(counter)].fetch_add(n, std::memory_order_relaxed);
}

void Metrics::SetGauge(Gauge gauge, double value) {
  gauges_[static_cast<size_t>(gauge)].store(value, std::memory_order_relaxed);
}

std::string Metrics::Render() const {
  std::string out;
  out.reserve(1024 + routes_.size() * 2048);

  constexpr std::string_view kRequests = "lapor1708_http_requests_total";
  AppendHeader(out, kRequests, "HTTP requests answered, by route and status.", "counter");
  for (const RouteSeries& series : routes_) {
    const std::string route = EscapeLabel(series.name);
    for (size_t slot = 0; slot < kStatusSlots; ++slot) {
      const uint64_t count = series.by_status[slot].load(std::memory_order_relaxed);
      if (count == 0) {
        continue;
      }
      const std::string status =
          slot < kStatuses.size() ? std::to_string(kStatuses[slot]) : std::string("other");
      out.append(kRequests)
          .append("{route=\"")
          .append(route)
          .append("\",status=\"")
          .append(status)
          .append("\"} ")
          .append(std::to_string(count))
          .append("\n");
    }
  }

  constexpr std::string_view kDuration = "lapor1708_http_request_duration_seconds";
  AppendHeader(out, kDuration, "HTTP request latency, by route.", "histogram");
  for (const RouteSeries& series : routes_) {
    const std::string route = EscapeLabel(series.name);
    // _count is the +Inf bucket, so the two always agree even while other threads observe.
    uint64_t cumulative = 0;
    for (size_t slot = 0; slot < kBucketSlots; ++slot) {
      cumulative += series.buckets[slot].load(std::memory_order_relaxed);
      const std::string le =
          slot < kBucketBounds.size() ? FormatDouble(kBucketBounds[slot]) : std::string("+Inf");
      out.append(kDuration)
          .append("_bucket{route=\"")
          .append(route)
          .append("\",le=\"")
          .append(le)
          .append("\"} ")
          .append(std::to_string(cumulative))
          .append("\n");
    }
    const double sum =
        static_cast<double>(series.sum_nanos.load(std::memory_order_relaxed)) / kNanosPerSecond;
    out.append(kDuration)
        .append("_sum{route=\"")
        .append(route)
        .append("\"} ")
        .append(FormatDouble(sum))
        .append("\n");
    out.append(kDuration)
        .append("_count{route=\"")
        .append(route)
        .append("\"} ")
        .append(std::to_string(cumulative))
        .append("\n");
  }

  for (size_t i = 0; i < kCounterCount; ++i) {
    const std::string name = "lapor1708_" + std::string(kCounterNames[i]) + "_total";
    AppendHeader(out, name, kCounterHelp[i], "counter");
    out.append(name)
        .append(" ")
        .append(std::to_string(counters_[i].load(std::memory_order_relaxed)))
        .append("\n");
  }
  for (size_t i = 0; i < kGaugeCount; ++i) {
    const std::string name = "lapor1708_" + std::string(kGaugeNames[i]);
    AppendHeader(out, name, kGaugeHelp[i], "gauge");
    out.append(name)
        .append(" ")
        .append(FormatDouble(gauges_[i].load(std::memory_order_relaxed)))
        .append("\n");
  }
  return out;
}

}  // namespace lapor::http
