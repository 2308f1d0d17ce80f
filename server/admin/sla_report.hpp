#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cases/case.hpp"
#include "common/clock.hpp"

namespace lapor::admin {

// How agencies keep the SP4N answer deadline, over the cases dispatched to an OPD, by region
// (the region the case was forwarded to), by OPD of a region, by category. Pure.
//
// A case counts in `dispatched` once it has an OPD. Then, not exclusively (a reopened case that
// was answered once may be overdue again):
//  answered_on_time  answered (responded_at set) before the first answer deadline;
//  answered_late     answered after it (Case::answered_late);
//  overdue_now       waiting for the OPD's answer (dispatched, overdue, extended, reopened) and
//                    past the answer deadline at `now` (status overdue or extended, or a pending
//                    answer_due at or before now);
//  escalated         in Ombudsman mediation now (status escalated);
// and the median time from dispatched_at to responded_at of the answered ones, in hours.
struct SlaCounts {
  int64_t dispatched = 0;
  int64_t answered_on_time = 0;
  int64_t answered_late = 0;
  int64_t overdue_now = 0;
  int64_t escalated = 0;
  std::optional<double> median_hours_to_answer;  // nullopt when none was answered
};

// An OPD is named by its region and its code: "dinkes" of 19.04 is not "dinkes" of 32.01.
using OpdKey = std::pair<std::string, std::string>;  // (region, opd)

struct SlaReport {
  TimeMs generated_at = 0;
  SlaCounts total;
  std::map<std::string, SlaCounts> by_region;
  std::map<OpdKey, SlaCounts> by_opd;
  std::map<std::string, SlaCounts> by_category;
  std::map<std::pair<OpdKey, std::string>, SlaCounts> by_opd_category;
};

// The report built case by case, so a scan never holds the cases themselves: Add each case
// filed in the range, then Finish.
class SlaTally {
 public:
  explicit SlaTally(TimeMs now);
  ~SlaTally();
  SlaTally(SlaTally&&) = default;
  void Add(const cases::Case& c);
  SlaReport Finish() &&;

 private:
  struct Groups;
  TimeMs now_;
  std::unique_ptr<Groups> groups_;
};

SlaReport BuildSlaReport(const std::vector<cases::Case>& cases, TimeMs now);

// {"generated_at", "total": {counts}, "by_region": [{"region", counts}], "by_opd": [{"region",
// "opd", counts}], "by_category": [{"category", counts}], "by_opd_category": [{"region", "opd",
// "category", counts}]}, rows sorted by key; median_hours_to_answer is null when nothing was
// answered, else rounded to 0.01.
nlohmann::json SlaReportJson(const SlaReport& report);

}  // namespace lapor::admin
