// The SP4N workflow (DESIGN.md, issue 3) as a pure function of (case, action, actor, now).
//
// Notices: template keys in templates/<lang>.json and their vars. Every key has tracking_no.
// To the citizen, in the case's language:
//   notice.received       (sent by the store when the dialog files the case)
//   notice.verified
//   notice.forwarded
//   notice.referred       agency, date   (sent to an agency outside the system)
//   notice.needs_info     reason
//   notice.info_received
//   notice.rejected       reason
//   notice.dispatched     opd_name, due
//   notice.answer         opd_name, answer   (essential: sent even after STOP)
//   notice.rate
//   notice.extended       due
//   notice.escalated
//   notice.closed
//   notice.reopened       opd_name, due
// To officials of the region the case was forwarded to (and nobody else), always in "id"; "OPD"
// means its liaisons and its units in the case's kecamatan (the puskesmas there):
//   official.dispatched   category, kecamatan, due   (the OPD)
//   official.warning      opd_name, due              (the OPD and the region's inspectorate)
//   official.overdue      opd_name, due              (the region's regent's office and the OPD;
//                                                     due = the end of the extension)
//   official.escalated    opd_name                   (the region's inspectorate and regent's
//   office) official.reopened     due                        (the OPD)
// Dates ("due") are text::FormatWib: "28/11/2026 22:06 WIB".

#include "cases/workflow.hpp"

#include <optional>
#include <utility>

#include "cases/workflow_rules.hpp"
#include "cases/workflow_step.hpp"
#include "text/local_time.hpp"

namespace lapor::cases {
namespace {

using detail::Blank;
using detail::In;
using detail::Step;
using K = ActionKind;
using S = Status;

// Counts one more INFO on `c` today (WIB); false, counting nothing, when today's are used up.
bool CountInfo(Case& c, TimeMs now, const Policy& policy) {
  constexpr TimeMs kDayMs = 24LL * 3600 * 1000;
  const int64_t today = (now + text::kWibOffsetMs) / kDayMs;
  if (c.info_day != today) {
    c.info_day = today;
    c.info_count = 0;
  }
  if (c.info_count >= policy.info_per_day) {
    return false;
  }
  ++c.info_count;
  return true;
}

Result<Ok> Unprocessable(std::string message) {
  return Error{Errc::kUnprocessable, std::move(message)};
}

// A deadline fell due (the scheduler). A stale one (no longer pending at that time) changes
// nothing.
Result<Transition> ApplyDeadline(const Case& before, const Action& action, Step step) {
  auto pending = before.deadlines.find(action.deadline);
  if (pending == before.deadlines.end() || pending->second != action.deadline_due) {
    return Transition{.after = before, .changed = false};
  }
  Case& c = step.c();
  const std::string name(DeadlineName(action.deadline));
  auto refuse = [&](std::string_view expected) {
    return Error{Errc::kConflict, "deadline " + name + " fell due on a case that is " +
                                      std::string(StatusName(before.status)) + ", not " +
                                      std::string(expected)};
  };
  c.deadlines.erase(action.deadline);
  switch (action.deadline) {
    case DeadlineKind::kVerify:
      c.verify_late = true;
      step.Move(name, c.status, "not verified and forwarded in time");
      break;
    case DeadlineKind::kAnswerWarn: {
      if (!In(c.status, {S::kDispatched, S::kReopened})) {
        return refuse("dispatched or reopened");
      }
      auto due = c.deadlines.find(DeadlineKind::kAnswerDue);
      std::string when = due != c.deadlines.end() ? text::FormatWib(due->second) : "";
      step.Move(name, c.status, "answer due " + when);
      auto vars = step.With({{"opd_name", step.OpdName()}, {"due", when}});
      step.ToOpd("official.warning", vars);
      step.ToRegion(Audience::kInspectorate, "official.warning", vars);
      break;
    }
    case DeadlineKind::kAnswerDue: {
      if (!In(c.status, {S::kDispatched, S::kReopened})) {
        return refuse("dispatched or reopened");
      }
      step.Move(name, S::kOverdue, "no answer by " + text::FormatWib(action.deadline_due));
      std::string when = text::FormatWib(step.SetExtension());
      step.Move(ActionName(K::kExtend), S::kExtended, "automatic extension until " + when);
      auto vars = step.With({{"opd_name", step.OpdName()}, {"due", when}});
      step.ToRegion(Audience::kRegent, "official.overdue", vars);
      step.ToOpd("official.overdue", vars);
      step.ToCitizen("notice.extended", step.With({{"due", when}}));
      break;
    }
    case DeadlineKind::kExtensionEnd: {
      if (c.status != S::kExtended) {
        return refuse("extended");
      }
      step.Escalate(name, "extension over: Ombudsman mediation");
      break;
    }
  }
  return std::move(step).Done();
}

// The regions onboarded, for a refusal: "19.04 (Kabupaten Bangka Tengah), 32.01 (...)".
std::string Onboarded(const Policy& policy) {
  std::string list;
  for (const auto& region : policy.regions) {
    list += (list.empty() ? "" : ", ") + region.code + " (" + region.name + ")";
  }
  return list.empty() ? "none" : list;
}

// The verify deadline is met (or missed) once the verifier sends the report on.
void SentOn(Step& step) {
  Case& c = step.c();
  if (auto due = c.deadlines.find(DeadlineKind::kVerify); due != c.deadlines.end()) {
    c.verify_late = c.verify_late || step.now() > due->second;
    c.deadlines.erase(due);
  }
}

// forward: to an onboarded region, by default the one the case's place is in.
Result<Ok> Forward(const Action& action, Step& step) {
  Case& c = step.c();
  const Policy& policy = step.policy();
  std::string region = Blank(action.region) ? c.region : action.region;
  if (policy.FindRegion(region) == nullptr) {
    if (Blank(action.region)) {
      return Unprocessable("region: the case's regency " +
                           (c.region.empty() ? "(none)" : c.region) +
                           " is not onboarded; name an onboarded region (" + Onboarded(policy) +
                           ") or refer the case to an agency outside (action refer)");
    }
    return Unprocessable("region: \"" + action.region + "\" is not an onboarded region (" +
                         Onboarded(policy) + ")");
  }
  c.forwarded_to = region;
  SentOn(step);
  step.Move(ActionName(action.kind), S::kForwarded, region);
  step.ToCitizen("notice.forwarded", step.With());
  return Ok{};
}

// refer: recorded as sent to an agency outside the system, which the citizen is told.
Result<Ok> Refer(const Action& action, Step& step) {
  Case& c = step.c();
  if (Blank(action.agency)) {
    return Unprocessable("agency: name the agency the report was sent to");
  }
  std::string date = Blank(action.date) ? text::FormatWibDate(step.now()) : action.date;
  if (!Calendar::ParseDate(date)) {
    return Unprocessable("date: \"" + action.date + "\" is not a date written YYYY-MM-DD");
  }
  c.referred_to = action.agency;
  c.referred_on = date;
  SentOn(step);
  c.deadlines.clear();
  step.Move(ActionName(action.kind), S::kReferred, action.agency + " (" + date + ")");
  step.ToCitizen("notice.referred", step.With({{"agency", action.agency}, {"date", date}}));
  return Ok{};
}

// Verify, ask_info, reject, forward, refer: the national verifier's work on a new report.
std::optional<Result<Ok>> ApplyIntake(const Action& action, Step& step) {
  Case& c = step.c();
  const std::string name(ActionName(action.kind));
  switch (action.kind) {
    case K::kVerify:
      step.Move(name, S::kVerified);
      step.ToCitizen("notice.verified", step.With());
      break;
    case K::kAskInfo:
      if (Blank(action.text)) {
        return Unprocessable("reason: say what information is missing");
      }
      c.reason = action.text;
      step.Move(name, S::kNeedsInfo, action.text);
      step.ToCitizen("notice.needs_info", step.With({{"reason", action.text}}));
      break;
    case K::kReject:
      if (Blank(action.text)) {
        return Unprocessable("reason: say why the report is rejected");
      }
      c.reason = action.text;
      c.deadlines.clear();
      step.Move(name, S::kRejected, action.text);
      step.ToCitizen("notice.rejected", step.With({{"reason", action.text}}));
      break;
    case K::kForward:
      return Forward(action, step);
    case K::kRefer:
      return Refer(action, step);
    default:
      return std::nullopt;
  }
  return Result<Ok>(Ok{});
}

// dispatch: to an OPD of the policy, with the answer deadline of the tier picked.
Result<Ok> Dispatch(const Action& action, Step& step) {
  Case& c = step.c();
  const Policy& policy = step.policy();
  const std::string name(ActionName(action.kind));
  const RegionPolicy* region = step.Region();
  const Opd* opd = region != nullptr ? region->FindOpd(action.opd) : nullptr;
  if (opd == nullptr) {
    std::string known;
    for (const auto& o : region != nullptr ? region->opds : std::vector<Opd>{}) {
      known += (known.empty() ? "" : ", ") + o.code;
    }
    return Unprocessable("opd: \"" + action.opd + "\" is not an agency of region " +
                         c.forwarded_to + " (" + known + ")");
  }
  if (!action.tier.empty() && !policy.tiers.contains(action.tier)) {
    std::string known;
    for (const auto& [tier, days] : policy.tiers) {
      known += (known.empty() ? "" : ", ") + tier;
    }
    return Unprocessable("tier: unknown tier \"" + action.tier + "\" (" + known + ")");
  }
  c.opd = opd->code;
  c.tier = action.tier;
  c.dispatched_at = step.now();
  std::string when = text::FormatWib(step.SetAnswerDeadlines());
  step.Move(name, S::kDispatched, action.tier.empty() ? c.opd : c.opd + " (" + c.tier + ")");
  step.ToCitizen("notice.dispatched", step.With({{"opd_name", opd->name}, {"due", when}}));
  step.ToOpd("official.dispatched", step.With({{"category", c.Label("category", c.category)},
                                               {"kecamatan", c.Label("kecamatan", c.kecamatan)},
                                               {"due", when}}));
  return Ok{};
}

// Dispatch, respond, extend, escalate: the region's and the agency's work.
std::optional<Result<Ok>> ApplyAgency(const Action& action, Step& step) {
  Case& c = step.c();
  const std::string name(ActionName(action.kind));
  switch (action.kind) {
    case K::kDispatch:
      return Dispatch(action, step);
    case K::kRespond: {
      if (Blank(action.text)) {
        return Unprocessable("answer: the answer is empty");
      }
      // Late if the first answer deadline passed: it was (overdue, extended, escalated), or it
      // is pending and the scheduler has not got to it yet.
      auto due = c.deadlines.find(DeadlineKind::kAnswerDue);
      bool late = due == c.deadlines.end()
                      ? In(c.status, {S::kOverdue, S::kExtended, S::kEscalated})
                      : step.now() > due->second;
      c.answered_late = c.answered_late || late;
      c.answer = action.text;
      c.responded_at = step.now();
      c.deadlines.clear();
      step.Move(name, S::kResponded, action.text);
      step.ToCitizen("notice.answer",
                     step.With({{"opd_name", step.OpdName()}, {"answer", action.text}}),
                     /*essential=*/true);
      step.ToCitizen("notice.rate", step.With());
      break;
    }
    case K::kExtend: {
      std::string when = text::FormatWib(step.SetExtension());
      step.Move(name, S::kExtended,
                "until " + when + (Blank(action.text) ? "" : ": " + action.text));
      step.ToCitizen("notice.extended", step.With({{"due", when}}));
      break;
    }
    case K::kEscalate:
      step.Escalate(name, action.text);
      break;
    default:
      return std::nullopt;
  }
  return Result<Ok>(Ok{});
}

// Close and reopen by officials, and the citizen's info and feedback.
std::optional<Result<Ok>> ApplyFollowUp(const Action& action, Step& step) {
  Case& c = step.c();
  const std::string name(ActionName(action.kind));
  switch (action.kind) {
    case K::kClose:
      c.closed_at = step.now();
      c.deadlines.clear();
      step.Move(name, S::kClosed, action.text);
      step.ToCitizen("notice.closed", step.With());
      break;
    case K::kReopen:
      step.Reopen(name, action.text);
      break;
    case K::kCitizenInfo:
      if (Blank(action.text)) {
        return Unprocessable("text: the information is empty");
      }
      if (!CountInfo(c, step.now(), step.policy())) {
        return Result<Ok>(
            Error{Errc::kTooManyRequests, "text: " + std::to_string(step.policy().info_per_day) +
                                              " messages a day for one case; send more tomorrow"});
      }
      // Moves a case waiting for information back to the verifier; otherwise only logged.
      step.Move(name, c.status == S::kNeedsInfo ? S::kSubmitted : c.status, action.text);
      step.ToCitizen("notice.info_received", step.With());
      break;
    case K::kCitizenFeedback:
      if (action.satisfied) {
        c.feedback = "satisfied";
        c.closed_at = step.now();
        step.Move(name, S::kClosed, "satisfied");
        step.ToCitizen("notice.closed", step.With());
      } else {
        c.feedback = "not_satisfied";
        step.Reopen(name, "not satisfied");
      }
      break;
    default:
      return std::nullopt;
  }
  return Result<Ok>(Ok{});
}

// An official's or a citizen's action, already allowed for the role and the status: applied by
// the group of actions it belongs to.
Result<Transition> ApplyAction(const Action& action, Step step) {
  for (auto apply : {ApplyIntake, ApplyAgency, ApplyFollowUp}) {
    if (std::optional<Result<Ok>> applied = apply(action, step)) {
      if (!*applied) {
        return applied->error();
      }
      break;
    }
  }
  return std::move(step).Done();
}

}  // namespace

Result<Transition> Apply(const Case& before, const Action& action, const Actor& actor, TimeMs now,
                         const Policy& policy, const Calendar& calendar) {
  if (actor.role == Role::kOmbudsman || actor.role == Role::kAuditor ||
      actor.role == Role::kRegent) {
    return Error{Errc::kForbidden, "read-only role: " + std::string(RoleName(actor.role)) +
                                       " may not " + std::string(ActionName(action.kind))};
  }
  if (!detail::RoleMay(actor.role, action.kind)) {
    return Error{Errc::kForbidden, "role " + std::string(RoleName(actor.role)) + " may not " +
                                       std::string(ActionName(action.kind))};
  }
  if (actor.Regional() && !actor.CanSee(before)) {
    return Error{Errc::kForbidden, actor.role == Role::kOpd ? "this case belongs to another agency"
                                                            : "this case is not in your region"};
  }
  Step step(before, actor, now, policy, calendar);
  if (action.kind == K::kDeadline) {
    return ApplyDeadline(before, action, std::move(step));
  }
  if (!detail::Legal(action.kind, before.status)) {
    return detail::Conflict(action.kind, before.status);
  }
  return ApplyAction(action, std::move(step));
}

std::map<DeadlineKind, TimeMs> InitialDeadlines(const Case& c, const Policy& policy,
                                                const Calendar& calendar) {
  return {{DeadlineKind::kVerify, calendar.AddDays(c.created_at, policy.verify_days)}};
}

}  // namespace lapor::cases
