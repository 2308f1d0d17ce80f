#include "admin/sla_report.hpp"

#include <algorithm>
#include <climits>
#include <cmath>

namespace lapor::admin {
namespace {

constexpr double kHourS = 3600.0;

// Counts plus the answer times the median is taken over, in seconds: 4 bytes a case answered,
// never the cases themselves.
struct Tally {
  SlaCounts counts;
  std::vector<int32_t> answer_s;
};

bool AwaitsAnswer(cases::Status status) {
  using cases::Status;
  return status == Status::kDispatched || status == Status::kOverdue ||
         status == Status::kExtended || status == Status::kReopened;
}

void Count(Tally& tally, const cases::Case& c, TimeMs now) {
  using cases::Status;
  auto& n = tally.counts;
  ++n.dispatched;
  if (c.responded_at != 0) {
    ++(c.answered_late ? n.answered_late : n.answered_on_time);
    if (c.dispatched_at != 0 && c.responded_at >= c.dispatched_at) {
      const TimeMs took = (c.responded_at - c.dispatched_at) / 1000;
      tally.answer_s.push_back(static_cast<int32_t>(std::min<TimeMs>(took, INT32_MAX)));
    }
  }
  if (AwaitsAnswer(c.status)) {
    auto due = c.deadlines.find(cases::DeadlineKind::kAnswerDue);
    bool past = c.status == Status::kOverdue || c.status == Status::kExtended ||
                (due != c.deadlines.end() && due->second <= now);
    if (past) {
      ++n.overdue_now;
    }
  }
  if (c.status == Status::kEscalated) {
    ++n.escalated;
  }
}

SlaCounts Finish(Tally tally) {
  auto& times = tally.answer_s;
  if (!times.empty()) {
    std::sort(times.begin(), times.end());
    size_t mid = times.size() / 2;
    double median_s =
        times.size() % 2 == 1
            ? static_cast<double>(times[mid])
            : (static_cast<double>(times[mid - 1]) + static_cast<double>(times[mid])) / 2.0;
    tally.counts.median_hours_to_answer = median_s / kHourS;
  }
  return tally.counts;
}

nlohmann::json CountsJson(const SlaCounts& n) {
  nlohmann::json median = nullptr;
  if (n.median_hours_to_answer) {
    median = std::round(*n.median_hours_to_answer * 100.0) / 100.0;
  }
  return {{"dispatched", n.dispatched},       {"answered_on_time", n.answered_on_time},
          {"answered_late", n.answered_late}, {"overdue_now", n.overdue_now},
          {"escalated", n.escalated},         {"median_hours_to_answer", median}};
}

}  // namespace

struct SlaTally::Groups {
  Tally total;
  std::map<std::string, Tally> by_region;
  std::map<OpdKey, Tally> by_opd;
  std::map<std::string, Tally> by_category;
  std::map<std::pair<OpdKey, std::string>, Tally> by_both;
};

SlaTally::SlaTally(TimeMs now) : now_(now), groups_(std::make_unique<Groups>()) {}
SlaTally::~SlaTally() = default;

void SlaTally::Add(const cases::Case& c) {
  if (c.opd.empty()) {
    return;  // not dispatched: no answer deadline yet
  }
  OpdKey opd{c.forwarded_to, c.opd};
  Count(groups_->total, c, now_);
  Count(groups_->by_region[c.forwarded_to], c, now_);
  Count(groups_->by_opd[opd], c, now_);
  Count(groups_->by_category[c.category], c, now_);
  Count(groups_->by_both[{opd, c.category}], c, now_);
}

SlaReport SlaTally::Finish() && {
  SlaReport report{.generated_at = now_, .total = admin::Finish(std::move(groups_->total))};
  auto finish = [](auto& tallies, auto& counts) {
    for (auto& [key, tally] : tallies) {
      counts.emplace(key, admin::Finish(std::move(tally)));
    }
  };
  finish(groups_->by_region, report.by_region);
  finish(groups_->by_opd, report.by_opd);
  finish(groups_->by_category, report.by_category);
  finish(groups_->by_both, report.by_opd_category);
  return report;
}

SlaReport BuildSlaReport(const std::vector<cases::Case>& cases, TimeMs now) {
  SlaTally tally(now);
  for (const auto& c : cases) {
    tally.Add(c);
  }
  return std::move(tally).Finish();
}

nlohmann::json SlaReportJson(const SlaReport& report) {
  // One row per key: its counts and the fields `name` sets from the key.
  auto rows = [](const auto& by, auto name) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [key, counts] : by) {
      auto row = CountsJson(counts);
      name(row, key);
      list.push_back(std::move(row));
    }
    return list;
  };
  auto opd = [](nlohmann::json& row, const OpdKey& key) {
    row["region"] = key.first;
    row["opd"] = key.second;
  };
  return {
      {"generated_at", report.generated_at},
      {"total", CountsJson(report.total)},
      {"by_region", rows(report.by_region,
                         [](nlohmann::json& row, const std::string& key) { row["region"] = key; })},
      {"by_opd", rows(report.by_opd, opd)},
      {"by_category",
       rows(report.by_category,
            [](nlohmann::json& row, const std::string& key) { row["category"] = key; })},
      {"by_opd_category", rows(report.by_opd_category, [&](nlohmann::json& row, const auto& key) {
         opd(row, key.first);
         row["category"] = key.second;
       })}};
}

}  // namespace lapor::admin
