#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/case.hpp"
#include "cases/workflow.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "text/url_encoding.hpp"

namespace lapor::admin {

// What an official sees of a case. Pure: values in, JSON out.

// True when `viewer` must see the reporter's number masked: the reporter chose `anonim` or
// `rahasia`, and the viewer is not the verifier.
bool PhoneHidden(const cases::Case& c, const cases::Actor& viewer);

// The case as the API answers it: every field, times in ms since the epoch (null when not
// set), pending deadlines by name, `overdue` as IsOverdue says at `now`, and the phone number
// masked (log::MaskPhone) when PhoneHidden; `phone_masked` says which.
nlohmann::json CaseJson(const cases::Case& c, const cases::Actor& viewer, TimeMs now);

// One stored audit entry ({at, actor, action, from, to, note}) as `viewer` sees it: when
// PhoneHidden, the reporter's number is masked wherever it appears in the entry's text.
nlohmann::json AuditEntryJson(const nlohmann::json& entry, const cases::Case& c,
                              const cases::Actor& viewer);

// Waiting past a deadline now: in status overdue, extended or escalated, or a pending verify,
// answer or extension deadline at or before `now` (the warning before the answer is not one).
bool IsOverdue(const cases::Case& c, TimeMs now);

// A time range [from, to] in ms, both ends included.
struct TimeRange {
  TimeMs from = 0;
  TimeMs to = 253402300799999;  // 9999-12-31T23:59:59.999Z
};

// The filters of GET /admin/v1/cases. Empty / unset fields match every case.
struct CaseFilter {
  std::vector<cases::Status> statuses;  // any of these ("status=dispatched,overdue")
  std::string category;
  std::string region;     // the regency the place is in ("19.04")
  std::string kecamatan;  // the kecamatan's code ("19.04.01")
  std::string opd;
  std::optional<bool> overdue;  // IsOverdue is this
  TimeRange filed;              // created_at in range ("from", "to")
  size_t limit = 20;            // 1..100
  std::string cursor;           // the last tracking number of the previous page
};

inline constexpr size_t kMaxPageSize = 100;

// Reads `from` and `to` out of parsed query parameters: each a date YYYY-MM-DD in WIB (from:
// the start of that day, to: its end) or ms since the epoch; either may be left out.
// kBadRequest naming the parameter, also when from is after to.
Result<TimeRange> ParseTimeRange(const text::FormFields& params);

// Reads a query string ("status=dispatched&opd=dinkes&from=2026-11-01&limit=50"). Parameters:
// status (comma-separated names), category, region, kecamatan, opd, overdue (true/false/1/0),
// from, to, limit, cursor. An unknown parameter or a bad value is kBadRequest naming the
// parameter.
Result<CaseFilter> ParseCaseFilter(std::string_view query);

// The case passes every filter of `filter` (not limit or cursor) at `now`.
bool Matches(const cases::Case& c, const CaseFilter& filter, TimeMs now);

}  // namespace lapor::admin
