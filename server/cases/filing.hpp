#pragma once

#include <map>
#include <string>
#include <vector>

#include "cases/calendar.hpp"
#include "cases/case.hpp"
#include "cases/workflow.hpp"
#include "common/clock.hpp"

namespace lapor::cases {

// Where a filed case's tracking number goes in texts written before the number is allocated; the
// store puts the number in, in the same atomic write that allocates it.
inline constexpr std::string_view kTrackingPlaceholder = "{tracking_no}";

// A report the citizen confirmed at the end of the dialog.
struct Report {
  std::map<std::string, std::string> answers;  // dialog slots: type, category, kecamatan, ...
  std::map<std::string, std::string> labels;   // how coded answers read, for officials
  std::string phone;                           // E.164
  std::string lang;
  std::string channel;  // ussd | sms
  std::string region;
};

// A case about to be filed: everything but its tracking number, which the store allocates in the
// same atomic write (so `c.tracking_no` is empty and nothing below names it).
struct Filing {
  Case c;                       // status submitted, deadlines set, version 0
  AuditEntry entry;             // "submit", by the citizen
  std::vector<Notice> notices;  // notice.received to the citizen ({tracking_no} left to fill)
};

// Files `report` at `now`: the case with its answers (slots a case does not keep are left out),
// its first deadline (verify_days counted days on) and its audit entry. Pure.
Filing FileReport(const Report& report, TimeMs now, const Policy& policy, const Calendar& calendar);

}  // namespace lapor::cases
