#include "admin/query_params.hpp"

#include <algorithm>
#include <array>

#include "common/whole_number.hpp"
#include "text/local_time.hpp"

namespace lapor::admin {
namespace {

constexpr TimeMs kDayMs = 24LL * 3600 * 1000;

Error BadParam(std::string_view name, std::string_view what) {
  return Error{Errc::kBadRequest,
               "query parameter \"" + std::string(name) + "\": " + std::string(what)};
}

// "2026-11-28" -> the UTC instant that WIB day starts; nullopt if not a real date.
std::optional<TimeMs> WibDayStart(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  int64_t y = 0;
  int64_t m = 0;
  int64_t d = 0;
  if (!ParseWhole(text.substr(0, 4), y) || !ParseWhole(text.substr(5, 2), m) ||
      !ParseWhole(text.substr(8, 2), d)) {
    return std::nullopt;
  }
  using namespace std::chrono;
  year_month_day date{year{static_cast<int>(y)}, month{static_cast<unsigned>(m)},
                      day{static_cast<unsigned>(d)}};
  if (!date.ok()) {
    return std::nullopt;
  }
  TimeMs utc_midnight = duration_cast<milliseconds>(sys_days{date}.time_since_epoch()).count();
  return utc_midnight - text::kWibOffsetMs;
}

Result<TimeMs> ParseTimeParam(const text::FormFields& params, std::string_view name,
                              bool end_of_day, TimeMs fallback) {
  auto it = params.find(name);
  if (it == params.end()) {
    return fallback;
  }
  const std::string& value = it->second;
  if (auto start = WibDayStart(value)) {
    return end_of_day ? *start + kDayMs - 1 : *start;
  }
  int64_t ms = 0;
  if (ParseWhole(value, ms) && ms >= 0) {
    return ms;
  }
  return BadParam(name, "\"" + value.substr(0, 32) +
                            "\" is neither a date YYYY-MM-DD (WIB) nor ms since the epoch");
}

// The ways a number may be written in a note: "+62812...", "62812...", "0812...".
}  // namespace

Result<TimeRange> ParseTimeRange(const text::FormFields& params) {
  TimeRange range;
  auto from = ParseTimeParam(params, "from", false, range.from);
  if (!from) {
    return from.error();
  }
  auto to = ParseTimeParam(params, "to", true, range.to);
  if (!to) {
    return to.error();
  }
  if (*from > *to) {
    return BadParam("from", "is after \"to\"");
  }
  range.from = *from;
  range.to = *to;
  return range;
}

// "dispatched,overdue" as statuses; kBadRequest naming the one that is not.
static Result<std::vector<cases::Status>> ParseStatuses(std::string_view rest) {
  std::vector<cases::Status> statuses;
  while (true) {
    auto comma = rest.find(',');
    auto name = rest.substr(0, comma);
    auto status = cases::ParseStatus(name);
    if (!status) {
      return BadParam("status", "\"" + std::string(name.substr(0, 32)) + "\" is not a status");
    }
    statuses.push_back(*status);
    if (comma == std::string_view::npos) {
      return statuses;
    }
    rest.remove_prefix(comma + 1);
  }
}

Result<CaseFilter> ParseCaseFilter(std::string_view query) {
  auto params = text::ParseUrlEncoded(query);
  if (!params) {
    return params.error();
  }
  static constexpr std::array<std::string_view, 10> kKnown = {
      "status",  "category", "region", "kecamatan", "opd",
      "overdue", "from",     "to",     "limit",     "cursor"};
  for (const auto& [name, value] : *params) {
    if (std::find(kKnown.begin(), kKnown.end(), name) == kKnown.end()) {
      return BadParam(name.substr(0, 32),
                      "unknown (use status, category, region, kecamatan, opd, overdue, from, "
                      "to, limit, cursor)");
    }
  }
  CaseFilter filter;
  if (auto it = params->find("status"); it != params->end()) {
    auto statuses = ParseStatuses(it->second);
    if (!statuses) {
      return statuses.error();
    }
    filter.statuses = std::move(*statuses);
  }
  auto text = [&](std::string_view name, std::string& out) {
    if (auto it = params->find(name); it != params->end()) {
      out = it->second;
    }
  };
  text("category", filter.category);
  text("region", filter.region);
  text("kecamatan", filter.kecamatan);
  text("opd", filter.opd);
  text("cursor", filter.cursor);
  if (auto it = params->find("overdue"); it != params->end()) {
    if (it->second == "true" || it->second == "1") {
      filter.overdue = true;
    } else if (it->second == "false" || it->second == "0") {
      filter.overdue = false;
    } else {
      return BadParam("overdue", "must be true or false");
    }
  }
  if (auto it = params->find("limit"); it != params->end()) {
    int64_t limit = 0;
    if (!ParseWhole(it->second, limit) || limit < 1 || limit > static_cast<int64_t>(kMaxPageSize)) {
      return BadParam("limit", "must be a whole number from 1 to 100");
    }
    filter.limit = static_cast<size_t>(limit);
  }
  auto range = ParseTimeRange(*params);
  if (!range) {
    return range.error();
  }
  filter.filed = *range;
  return filter;
}

Result<TimeRange> ParseReportRange(const text::FormFields& params) {
  for (const char* name : {"from", "to"}) {
    if (!params.contains(name)) {
      return BadParam(name, "is required: a report covers a range of at most " +
                                std::to_string(kMaxReportDays) + " days");
    }
  }
  auto range = ParseTimeRange(params);
  if (!range) {
    return range.error();
  }
  if (range->to - range->from > kMaxReportDays * kDayMs) {
    return BadParam("to", "is more than " + std::to_string(kMaxReportDays) + " days after from");
  }
  return range;
}

Result<AuditPaging> ParseAuditPaging(const text::FormFields& params) {
  AuditPaging paging;
  for (const auto& [name, value] : params) {
    int64_t number = 0;
    if (name == "before") {
      if (!ParseWhole(value, number) || number < 0) {
        return BadParam("before", "must be a position >= 0 (audit_before of the previous page)");
      }
      paging.before = number;
    } else if (name == "limit") {
      if (!ParseWhole(value, number) || number < 1 ||
          number > static_cast<int64_t>(kMaxAuditPage)) {
        return BadParam("limit",
                        "must be a whole number from 1 to " + std::to_string(kMaxAuditPage));
      }
      paging.limit = static_cast<size_t>(number);
    } else {
      return BadParam(name.substr(0, 32), "unknown (use before, limit)");
    }
  }
  return paging;
}

}  // namespace lapor::admin
