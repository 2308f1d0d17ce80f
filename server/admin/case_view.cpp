#include "admin/case_view.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

#include "common/log.hpp"
#include "text/local_time.hpp"

namespace lapor::admin {
namespace {

constexpr TimeMs kDayMs = 24LL * 3600 * 1000;

nlohmann::json TimeOrNull(TimeMs t) { return t == 0 ? nlohmann::json(nullptr) : nlohmann::json(t); }

bool ParseWhole(std::string_view text, int64_t& out) {
  if (text.empty()) {
    return false;
  }
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

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
std::vector<std::string> PhoneSpellings(const std::string& e164) {
  std::vector<std::string> spellings;
  if (e164.size() < 6) {
    return spellings;
  }
  spellings.push_back(e164);
  if (e164.starts_with("+")) {
    spellings.push_back(e164.substr(1));
  }
  if (e164.starts_with("+62")) {
    spellings.push_back("0" + e164.substr(3));
  }
  return spellings;
}

void MaskIn(std::string& text, const std::vector<std::string>& spellings) {
  for (const auto& spelling : spellings) {
    std::string masked = log::MaskPhone(spelling);
    for (size_t at = text.find(spelling); at != std::string::npos;
         at = text.find(spelling, at + masked.size())) {
      text.replace(at, spelling.size(), masked);
    }
  }
}

}  // namespace

bool PhoneHidden(const cases::Case& c, const cases::Actor& viewer) {
  return c.anonymous() && viewer.role != cases::Role::kVerifier;
}

bool IsOverdue(const cases::Case& c, TimeMs now) {
  using cases::Status;
  if (c.status == Status::kOverdue || c.status == Status::kExtended ||
      c.status == Status::kEscalated) {
    return true;
  }
  for (const auto& [kind, due] : c.deadlines) {
    if (kind != cases::DeadlineKind::kAnswerWarn && due <= now) {
      return true;
    }
  }
  return false;
}

nlohmann::json CaseJson(const cases::Case& c, const cases::Actor& viewer, TimeMs now) {
  bool hidden = PhoneHidden(c, viewer);
  nlohmann::json deadlines = nlohmann::json::object();
  for (const auto& [kind, due] : c.deadlines) {
    deadlines[std::string(cases::DeadlineName(kind))] = due;
  }
  return {
      {"tracking_no", c.tracking_no},
      {"status", cases::StatusName(c.status)},
      {"type", c.type},
      {"category", c.category},
      {"subcategory", c.subcategory},
      {"place", c.place},
      {"place_name", c.Label("place", c.place)},
      {"kecamatan", c.kecamatan},
      {"location", c.location},
      {"details", c.details},
      {"identity", c.identity},
      {"phone", hidden ? log::MaskPhone(c.phone) : c.phone},
      {"phone_masked", hidden},
      {"lang", c.lang},
      {"channel", c.channel},
      {"region", c.region},
      {"region_name", c.Label("region", c.region)},
      {"forwarded_to", c.forwarded_to},
      {"referred_to", c.referred_to},
      {"referred_on", c.referred_on},
      {"opd", c.opd},
      {"tier", c.tier},
      {"answer", c.answer},
      {"reason", c.reason},
      {"feedback", c.feedback},
      {"reopen_count", c.reopen_count},
      {"verify_late", c.verify_late},
      {"answered_late", c.answered_late},
      {"overdue", IsOverdue(c, now)},
      {"created_at", TimeOrNull(c.created_at)},
      {"updated_at", TimeOrNull(c.updated_at)},
      {"dispatched_at", TimeOrNull(c.dispatched_at)},
      {"responded_at", TimeOrNull(c.responded_at)},
      {"closed_at", TimeOrNull(c.closed_at)},
      {"deadlines", std::move(deadlines)},
      {"version", c.version},
  };
}

nlohmann::json AuditEntryJson(const nlohmann::json& entry, const cases::Case& c,
                              const cases::Actor& viewer) {
  nlohmann::json out = entry.is_object() ? entry : nlohmann::json::object();
  if (!PhoneHidden(c, viewer)) {
    return out;
  }
  auto spellings = PhoneSpellings(c.phone);
  for (auto& [key, value] : out.items()) {
    if (value.is_string()) {
      auto text = value.get<std::string>();
      MaskIn(text, spellings);
      value = std::move(text);
    }
  }
  return out;
}

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

bool Matches(const cases::Case& c, const CaseFilter& filter, TimeMs now) {
  if (!filter.statuses.empty() && std::find(filter.statuses.begin(), filter.statuses.end(),
                                            c.status) == filter.statuses.end()) {
    return false;
  }
  if ((!filter.category.empty() && c.category != filter.category) ||
      (!filter.region.empty() && c.region != filter.region) ||
      (!filter.kecamatan.empty() && c.kecamatan != filter.kecamatan) ||
      (!filter.opd.empty() && c.opd != filter.opd)) {
    return false;
  }
  if (filter.overdue && IsOverdue(c, now) != *filter.overdue) {
    return false;
  }
  return c.created_at >= filter.filed.from && c.created_at <= filter.filed.to;
}

}  // namespace lapor::admin
