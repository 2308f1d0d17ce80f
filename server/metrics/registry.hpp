#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lapor::metrics {

// Label name -> value pairs of one series, in the order they are rendered.
using Labels = std::vector<std::pair<std::string, std::string>>;

// A value that only goes up. Lock-free.
class Counter {
 public:
  void Increment(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// A value that goes up and down. Lock-free.
class Gauge {
 public:
  void Set(double value) { value_.store(value, std::memory_order_relaxed); }
  void Add(double delta);
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Counts observations into buckets by upper bound (+Inf implied), with their sum. Lock-free.
class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds);
  // Negative and NaN values count as 0.
  void Observe(double value);

  const std::vector<double>& bounds() const { return bounds_; }
  // Cumulative count of observations <= bounds()[i]; i == bounds().size() is +Inf (the count).
  std::vector<uint64_t> Cumulative() const;
  double sum() const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // non-cumulative; the last is +Inf
  std::atomic<uint64_t> sum_nanos_{0};                // sum in billionths, so it stays exact
};

// Latency bounds in seconds, for request and step histograms.
inline constexpr double kLatencyBounds[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                            0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

// Every metric of the process, rendered as Prometheus text (format 0.0.4). Each component
// registers its own series at start-up with name (Prometheus style: lapor1708_..._total for
// counters, base units such as _seconds), help and labels, keeps the reference it gets and
// updates it on its hot path without a lock. Registering the same name and labels again returns
// the same series; a name registered again as another type or with another help is a bug
// (std::logic_error). Safe to render while others observe and register.
class Registry {
 public:
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // A counter with `hide_while_zero` is left out of the text until it counts something (for
  // series registered ahead for every value a label may take, such as HTTP statuses).
  Counter& AddCounter(std::string_view name, std::string_view help, Labels labels = {},
                      bool hide_while_zero = false);
  Gauge& AddGauge(std::string_view name, std::string_view help, Labels labels = {});
  Histogram& AddHistogram(std::string_view name, std::string_view help,
                          std::span<const double> bounds, Labels labels = {});

  // Families in the order they were first registered, series in their order within each.
  std::string Render() const;

 private:
  enum class Type { kCounter, kGauge, kHistogram };
  struct Series {
    Labels labels;
    bool hide_while_zero = false;
    std::unique_ptr<Counter> counter;
    std::unique_ptr<Gauge> gauge;
    std::unique_ptr<Histogram> histogram;
  };
  struct Family {
    std::string name;
    std::string help;
    Type type;
    std::deque<Series> series;  // a deque: a series never moves once handed out
  };

  Series& Find(std::string_view name, std::string_view help, Type type, Labels labels,
               bool& created);

  mutable std::mutex mutex_;  // guards the families and their series lists, not the values
  std::deque<Family> families_;
};

}  // namespace lapor::metrics
