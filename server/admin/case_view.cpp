#include "admin/case_view.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

#include "cases/workflow_rules.hpp"
#include "common/log.hpp"
#include "text/local_time.hpp"

namespace lapor::admin {
namespace {

nlohmann::json TimeOrNull(TimeMs t) { return t == 0 ? nlohmann::json(nullptr) : nlohmann::json(t); }

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

nlohmann::json ActionsFor(const cases::Case& c, const cases::Actor& actor) {
  using K = cases::ActionKind;
  nlohmann::json names = nlohmann::json::array();
  if (!actor.CanSee(c)) {
    return names;
  }
  for (K kind : {K::kVerify, K::kAskInfo, K::kReject, K::kForward, K::kRefer, K::kDispatch,
                 K::kRespond, K::kExtend, K::kEscalate, K::kClose, K::kReopen}) {
    if (cases::detail::RoleMay(actor.role, kind) && cases::detail::Legal(kind, c.status)) {
      names.push_back(cases::ActionName(kind));
    }
  }
  return names;
}

}  // namespace lapor::admin
