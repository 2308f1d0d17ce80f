#include "metrics/registry.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>

namespace lapor::metrics {
namespace {

constexpr double kNanosPerUnit = 1e9;
// About 580 years in nanoseconds: a value above this is a bug, clamped so the sum cannot wrap.
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

// "{a="1",b="2"}" with `extra` (le="...") last; "" for no labels at all.
std::string LabelText(const Labels& labels, std::string_view extra = {}) {
  if (labels.empty() && extra.empty()) {
    return {};
  }
  std::string out = "{";
  for (const auto& [name, value] : labels) {
    out.append(out.size() > 1 ? "," : "").append(name).append("=\"").append(EscapeLabel(value));
    out.append("\"");
  }
  if (!extra.empty()) {
    out.append(out.size() > 1 ? "," : "").append(extra);
  }
  out.append("}");
  return out;
}

void AppendLine(std::string& out, std::string_view name, const std::string& labels,
                std::string_view value) {
  out.append(name).append(labels).append(" ").append(value).append("\n");
}

const char* TypeName(int type) {
  static constexpr const char* kNames[] = {"counter", "gauge", "histogram"};
  return kNames[type];
}

}  // namespace

void Gauge::Add(double delta) {
  double current = value_.load(std::memory_order_relaxed);
  while (!value_.compare_exchange_weak(current, current + delta, std::memory_order_relaxed)) {
  }
}

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)),
      buckets_(std::make_unique<std::atomic<uint64_t>[]>(bounds_.size() + 1)) {}

void Histogram::Observe(double value) {
  if (!(value > 0)) {  // also catches NaN
    value = 0;
  }
  size_t bucket = bounds_.size();  // "+Inf"
  for (size_t i = 0; i < bounds_.size(); ++i) {
    if (value <= bounds_[i]) {
      bucket = i;
      break;
    }
  }
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  const double nanos = std::min(value * kNanosPerUnit, kMaxNanos);
  sum_nanos_.fetch_add(static_cast<uint64_t>(nanos + 0.5), std::memory_order_relaxed);
}

std::vector<uint64_t> Histogram::Cumulative() const {
  std::vector<uint64_t> cumulative(bounds_.size() + 1);
  uint64_t running = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    cumulative[i] = running;
  }
  return cumulative;
}

double Histogram::sum() const {
  return static_cast<double>(sum_nanos_.load(std::memory_order_relaxed)) / kNanosPerUnit;
}

Registry::Series& Registry::Find(std::string_view name, std::string_view help, Type type,
                                 Labels labels, bool& created) {
  Family* family = nullptr;
  for (Family& f : families_) {
    if (f.name == name) {
      family = &f;
      break;
    }
  }
  if (family == nullptr) {
    family = &families_.emplace_back(Family{std::string(name), std::string(help), type, {}});
  } else if (family->type != type || family->help != help) {
    throw std::logic_error("metric " + std::string(name) + " registered twice, differently");
  }
  for (Series& series : family->series) {
    if (series.labels == labels) {
      created = false;
      return series;
    }
  }
  created = true;
  return family->series.emplace_back(Series{.labels = std::move(labels)});
}

Counter& Registry::AddCounter(std::string_view name, std::string_view help, Labels labels,
                              bool hide_while_zero) {
  std::lock_guard lock(mutex_);
  bool created = false;
  Series& series = Find(name, help, Type::kCounter, std::move(labels), created);
  if (created) {
    series.counter = std::make_unique<Counter>();
    series.hide_while_zero = hide_while_zero;
  }
  return *series.counter;
}

Gauge& Registry::AddGauge(std::string_view name, std::string_view help, Labels labels) {
  std::lock_guard lock(mutex_);
  bool created = false;
  Series& series = Find(name, help, Type::kGauge, std::move(labels), created);
  if (created) {
    series.gauge = std::make_unique<Gauge>();
  }
  return *series.gauge;
}

Histogram& Registry::AddHistogram(std::string_view name, std::string_view help,
                                  std::span<const double> bounds, Labels labels) {
  std::lock_guard lock(mutex_);
  bool created = false;
  Series& series = Find(name, help, Type::kHistogram, std::move(labels), created);
  if (created) {
    series.histogram =
        std::make_unique<Histogram>(std::vector<double>(bounds.begin(), bounds.end()));
  }
  return *series.histogram;
}

std::string Registry::Render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out.reserve(families_.size() * 512);
  for (const Family& family : families_) {
    out.append("# HELP ").append(family.name).append(" ").append(family.help).append("\n");
    out.append("# TYPE ").append(family.name).append(" ");
    out.append(TypeName(static_cast<int>(family.type))).append("\n");
    for (const Series& series : family.series) {
      const std::string labels = LabelText(series.labels);
      if (series.counter) {
        const uint64_t value = series.counter->value();
        if (value != 0 || !series.hide_while_zero) {
          AppendLine(out, family.name, labels, std::to_string(value));
        }
      } else if (series.gauge) {
        AppendLine(out, family.name, labels, FormatDouble(series.gauge->value()));
      } else if (series.histogram) {
        const Histogram& h = *series.histogram;
        // _count is the +Inf bucket, so the two always agree even while others observe.
        const std::vector<uint64_t> cumulative = h.Cumulative();
        const std::string bucket = family.name + "_bucket";
        for (size_t i = 0; i < cumulative.size(); ++i) {
          std::string le = i < h.bounds().size() ? FormatDouble(h.bounds()[i]) : "+Inf";
          AppendLine(out, bucket, LabelText(series.labels, "le=\"" + le + "\""),
                     std::to_string(cumulative[i]));
        }
        AppendLine(out, family.name + "_sum", labels, FormatDouble(h.sum()));
        AppendLine(out, family.name + "_count", labels, std::to_string(cumulative.back()));
      }
    }
  }
  return out;
}

}  // namespace lapor::metrics
