#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cases/calendar.hpp"
#include "cases/case.hpp"
#include "cases/workflow.hpp"
#include "text/local_time.hpp"

namespace lapor::cases::detail {

using VarMap = std::map<std::string, std::string, std::less<>>;  // Notice::vars

// Builds one transition: the case after, its audit entries and notices.
class Step {
 public:
  Step(const Case& before, const Actor& actor, TimeMs now, const Policy& policy,
       const Calendar& calendar)
      : policy_(policy), calendar_(calendar), now_(now) {
    t_.after = before;
    t_.after.updated_at = now;
    actor_ = actor.role == Role::kCitizen  ? "citizen"
             : actor.role == Role::kSystem ? "scheduler"
                                           : actor.name;
  }

  Case& c() { return t_.after; }
  TimeMs now() const { return now_; }
  const Policy& policy() const { return policy_; }

  // Moves to `to` with an audit entry (from == to when the status stays).
  void Move(std::string_view action, Status to, std::string note = {}) {
    t_.log.push_back(AuditEntry{.at = now_,
                                .actor = actor_,
                                .action = std::string(action),
                                .from = std::string(StatusName(c().status)),
                                .to = std::string(StatusName(to)),
                                .note = std::move(note)});
    c().status = to;
  }

  VarMap With(std::initializer_list<std::pair<const std::string, std::string>> extra = {}) {
    VarMap vars{{"tracking_no", c().tracking_no}};
    for (const auto& [k, v] : extra) {
      vars[k] = v;
    }
    return vars;
  }

  void ToCitizen(std::string key, VarMap vars, bool essential = false) {
    Add(Audience::kCitizen, c().phone, std::move(key), std::move(vars),
        c().lang.empty() ? "id" : c().lang, essential);
  }
  void ToOfficials(Audience audience, const std::vector<std::string>& phones,
                   const std::string& key, const VarMap& vars) {
    for (const auto& phone : phones) {
      Add(audience, phone, key, vars, "id", false);
    }
  }
  // The region the case was forwarded to, if it is (still) onboarded.
  const RegionPolicy* Region() const { return policy_.FindRegion(t_.after.forwarded_to); }

  // The case's OPD: its liaisons, and its units in the case's kecamatan (the puskesmas there).
  void ToOpd(const std::string& key, const VarMap& vars) {
    const RegionPolicy* region = Region();
    const Opd* opd = region != nullptr ? region->FindOpd(c().opd) : nullptr;
    if (opd == nullptr) {
      return;
    }
    ToOfficials(Audience::kOpd, opd->liaison_phones, key, vars);
    for (const auto& unit : opd->units) {
      if (!c().kecamatan.empty() && unit.kecamatan == c().kecamatan) {
        ToOfficials(Audience::kOpd, unit.phones, key, vars);
      }
    }
  }
  // The region's inspectorate or regent's office; nobody when the region is not onboarded.
  void ToRegion(Audience audience, const std::string& key, const VarMap& vars) {
    if (const RegionPolicy* region = Region()) {
      ToOfficials(
          audience,
          audience == Audience::kRegent ? region->regent_phones : region->inspectorate_phones, key,
          vars);
    }
  }

  std::string OpdName() const {
    const Opd* opd = policy_.FindOpd(t_.after.forwarded_to, t_.after.opd);
    return opd != nullptr ? opd->name : t_.after.opd;
  }

  // The calendar the region's agencies answer by: the national one and the region's own days off.
  Calendar RegionCalendar() const {
    const RegionPolicy* region = Region();
    return region != nullptr && !region->holidays.empty() ? calendar_.WithHolidays(region->holidays)
                                                          : calendar_;
  }

  // The answer deadlines from now: the tier picked at dispatch, else answer_days; the warning
  // warn_before_days earlier, only if that is still ahead.
  TimeMs SetAnswerDeadlines() {
    auto tier = policy_.tiers.find(c().tier);
    int days = tier != policy_.tiers.end() ? tier->second : policy_.answer_days;
    const Calendar calendar = RegionCalendar();
    TimeMs due = calendar.AddDays(now_, days);
    c().deadlines.erase(DeadlineKind::kExtensionEnd);
    c().deadlines[DeadlineKind::kAnswerDue] = due;
    TimeMs warn = calendar.SubtractDays(due, policy_.warn_before_days);
    if (policy_.warn_before_days > 0 && warn > now_) {
      c().deadlines[DeadlineKind::kAnswerWarn] = warn;
    } else {
      c().deadlines.erase(DeadlineKind::kAnswerWarn);
    }
    return due;
  }

  TimeMs SetExtension() {
    TimeMs end = RegionCalendar().AddDays(now_, policy_.extension_days);
    c().deadlines.erase(DeadlineKind::kAnswerDue);
    c().deadlines.erase(DeadlineKind::kAnswerWarn);
    c().deadlines[DeadlineKind::kExtensionEnd] = end;
    return end;
  }

  // Back to the OPD for a new answer (citizen not satisfied, or an official reopened it).
  void Reopen(std::string_view action, std::string note) {
    c().reopen_count += 1;
    c().closed_at = 0;
    TimeMs due = SetAnswerDeadlines();
    Move(action, Status::kReopened, std::move(note));
    std::string when = text::FormatWib(due);
    ToCitizen("notice.reopened", With({{"opd_name", OpdName()}, {"due", when}}));
    ToOpd("official.reopened", With({{"due", when}}));
  }

  // To Ombudsman mediation: no deadline left; the citizen, the inspectorate and the regent's
  // office are told.
  void Escalate(std::string_view action, std::string note) {
    c().deadlines.clear();
    Move(action, Status::kEscalated, std::move(note));
    auto vars = With({{"opd_name", OpdName()}});
    ToCitizen("notice.escalated", With());
    ToRegion(Audience::kInspectorate, "official.escalated", vars);
    ToRegion(Audience::kRegent, "official.escalated", vars);
  }

  Transition Done() && { return std::move(t_); }

 private:
  void Add(Audience audience, const std::string& to, std::string key, VarMap vars, std::string lang,
           bool essential) {
    // One SMS per phone and text, even if a phone is on two lists.
    for (const auto& n : t_.notices) {
      if (n.to == to && n.template_key == key) {
        return;
      }
    }
    t_.notices.push_back(Notice{.audience = audience,
                                .to = to,
                                .template_key = std::move(key),
                                .vars = std::move(vars),
                                .lang = std::move(lang),
                                .essential = essential});
  }

  const Policy& policy_;
  const Calendar& calendar_;
  TimeMs now_;
  std::string actor_;
  Transition t_;
};

}  // namespace lapor::cases::detail
