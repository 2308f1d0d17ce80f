#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/case.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "text/url_encoding.hpp"

// What the query strings of the officials' API mean. Every bad value is kBadRequest naming the
// parameter.
namespace lapor::admin {

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

// The range of a report: `from` and `to` both given (as ParseTimeRange reads them), at most
// kMaxReportDays apart, so a report's scan is bounded.
inline constexpr int64_t kMaxReportDays = 366;
Result<TimeRange> ParseReportRange(const text::FormFields& params);

// `before` (an audit position, >= 0; absent: the newest page) and `limit` (1..kMaxAuditPage,
// default 50) of GET /admin/v1/cases/{no}/audit.
struct AuditPaging {
  std::optional<int64_t> before;
  size_t limit = 50;
};
inline constexpr size_t kMaxAuditPage = 200;
Result<AuditPaging> ParseAuditPaging(const text::FormFields& params);

}  // namespace lapor::admin
