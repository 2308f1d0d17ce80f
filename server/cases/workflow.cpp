// The SP4N workflow (DESIGN.md, issue 3) as a pure function of (case, action, actor, now).
//
// Notices: template keys in templates/<lang>.json and their vars. Every key has tracking_no.
// To the citizen, in the case's language:
//   notice.received       (sent by the store when the dialog files the case)
//   notice.verified
//   notice.forwarded
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
// To officials, always in "id":
//   official.dispatched   category, kecamatan, due   (OPD liaisons)
//   official.warning      opd_name, due              (OPD liaisons and the inspectorate)
//   official.overdue      opd_name, due              (the regent's office and the OPD liaisons;
//                                                     due = the end of the extension)
//   official.escalated    opd_name                   (the inspectorate and the regent's office)
//   official.reopened     due                        (OPD liaisons)
// Dates ("due") are text::FormatWib: "28/11/2026 22:06 WIB".

#include "cases/workflow.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "text/local_time.hpp"

namespace lapor::cases {
namespace {

using K = ActionKind;
using VarMap = std::map<std::string, std::string, std::less<>>;  // Notice::vars
using S = Status;

bool In(S status, std::initializer_list<S> set) {
  return std::find(set.begin(), set.end(), status) != set.end();
}

bool Blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Which actions each role may take at all.
bool RoleMay(Role role, K kind) {
  switch (role) {
    case Role::kVerifier:
      return kind == K::kVerify || kind == K::kAskInfo || kind == K::kReject ||
             kind == K::kForward || kind == K::kClose || kind == K::kReopen;
    case Role::kRegionAdmin:
      return kind == K::kDispatch || kind == K::kExtend || kind == K::kEscalate ||
             kind == K::kClose || kind == K::kReopen;
    case Role::kOpd:
      return kind == K::kRespond || kind == K::kExtend;
    case Role::kInspectorate:
      return kind == K::kExtend || kind == K::kEscalate;
    case Role::kOmbudsman:
    case Role::kAuditor:
      return false;
    case Role::kCitizen:
      return kind == K::kCitizenInfo || kind == K::kCitizenFeedback;
    case Role::kSystem:
      return kind == K::kDeadline;
  }
  return false;
}

// The statuses each official or citizen action may start from (deadlines: see ApplyDeadline).
bool Legal(K kind, S s) {
  switch (kind) {
    case K::kVerify:
      return s == S::kSubmitted;
    case K::kAskInfo:
      return In(s, {S::kSubmitted, S::kVerified});
    case K::kReject:
      return In(s, {S::kSubmitted, S::kNeedsInfo, S::kVerified});
    case K::kForward:
      return s == S::kVerified;
    case K::kDispatch:
      return s == S::kForwarded;
    case K::kRespond:
      return In(s, {S::kDispatched, S::kReopened, S::kOverdue, S::kExtended, S::kEscalated});
    case K::kExtend:
      return In(s, {S::kDispatched, S::kReopened});
    case K::kEscalate:
      return In(s, {S::kDispatched, S::kReopened, S::kOverdue, S::kExtended});
    case K::kClose:
      return In(s, {S::kResponded, S::kEscalated});
    case K::kReopen:
      return In(s, {S::kResponded, S::kClosed});
    case K::kCitizenInfo:
      return !In(s, {S::kRejected, S::kClosed});
    case K::kCitizenFeedback:
      return s == S::kResponded;
    case K::kDeadline:
      return true;
  }
  return false;
}

bool BeforeDispatch(S s) {
  return In(s, {S::kSubmitted, S::kNeedsInfo, S::kVerified, S::kForwarded});
}

// What must happen first, for the refusal of `kind` in status `s`.
std::string Hint(K kind, S s) {
  if (s == S::kRejected) {
    return kind == K::kCitizenInfo ? "it was rejected; send LAPOR to file a new report"
                                   : "it was rejected";
  }
  switch (kind) {
    case K::kVerify:
      return s == S::kNeedsInfo ? "it waits for the citizen's information (INFO)"
                                : "it is already verified";
    case K::kAskInfo:
    case K::kReject:
      return s == S::kNeedsInfo ? "it already waits for the citizen's information (INFO)"
                                : "it has already been forwarded to the region";
    case K::kForward:
      if (s == S::kSubmitted) {
        return "verify it first";
      }
      return s == S::kNeedsInfo ? "it waits for the citizen's information (INFO), then verify it"
                                : "it has already been forwarded";
    case K::kDispatch:
      return BeforeDispatch(s) ? "forward it to the region first"
                               : "it has already been dispatched";
    case K::kRespond:
    case K::kExtend:
    case K::kEscalate:
      if (BeforeDispatch(s)) {
        return "it has not been dispatched yet";
      }
      if (s == S::kResponded || s == S::kClosed) {
        return s == S::kClosed ? "it is closed; reopen it first" : "it has already been answered";
      }
      if (s == S::kEscalated) {
        return "it is already escalated to Ombudsman mediation";
      }
      return s == S::kExtended ? "it is already extended" : "it is overdue; escalate it";
    case K::kClose:
      return s == S::kClosed ? "it is already closed" : "it has not been answered yet";
    case K::kReopen:
      return s == S::kReopened ? "it is already reopened" : "it has not been answered yet";
    case K::kCitizenInfo:
      return "it is closed; send LAPOR to file a new report";
    case K::kCitizenFeedback:
      return s == S::kClosed ? "it is already closed" : "it has not been answered yet";
    case K::kDeadline:
      break;
  }
  return "not allowed";
}

std::string_view Verb(K kind) {
  switch (kind) {
    case K::kAskInfo:
      return "ask for information on";
    case K::kRespond:
      return "respond to";
    case K::kCitizenInfo:
      return "add information to";
    case K::kCitizenFeedback:
      return "rate the answer to";
    default:
      return ActionName(kind);
  }
}

Error Conflict(K kind, S s) {
  return Error{Errc::kConflict, "cannot " + std::string(Verb(kind)) + " a case that is " +
                                    std::string(StatusName(s)) + ": " + Hint(kind, s)};
}

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
  void Move(std::string_view action, S to, std::string note = {}) {
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
  void ToOpd(const std::string& key, const VarMap& vars) {
    if (const Opd* opd = policy_.FindOpd(c().opd)) {
      ToOfficials(Audience::kOpd, opd->liaison_phones, key, vars);
    }
  }

  std::string OpdName() const {
    const Opd* opd = policy_.FindOpd(t_.after.opd);
    return opd != nullptr ? opd->name : t_.after.opd;
  }

  // The answer deadlines from now: the tier picked at dispatch, else answer_days; the warning
  // warn_before_days earlier, only if that is still ahead.
  TimeMs SetAnswerDeadlines() {
    auto tier = policy_.tiers.find(c().tier);
    int days = tier != policy_.tiers.end() ? tier->second : policy_.answer_days;
    TimeMs due = calendar_.AddDays(now_, days);
    c().deadlines.erase(DeadlineKind::kExtensionEnd);
    c().deadlines[DeadlineKind::kAnswerDue] = due;
    TimeMs warn = calendar_.SubtractDays(due, policy_.warn_before_days);
    if (policy_.warn_before_days > 0 && warn > now_) {
      c().deadlines[DeadlineKind::kAnswerWarn] = warn;
    } else {
      c().deadlines.erase(DeadlineKind::kAnswerWarn);
    }
    return due;
  }

  TimeMs SetExtension() {
    TimeMs end = calendar_.AddDays(now_, policy_.extension_days);
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
    Move(action, S::kReopened, std::move(note));
    std::string when = text::FormatWib(due);
    ToCitizen("notice.reopened", With({{"opd_name", OpdName()}, {"due", when}}));
    ToOpd("official.reopened", With({{"due", when}}));
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

// A deadline fell due (the scheduler). A stale one (no longer pending at that time) changes
// nothing.
Result<Transition> ApplyDeadline(const Case& before, const Action& action, Step step) {
  auto pending = before.deadlines.find(action.deadline);
  if (pending == before.deadlines.end() || pending->second != action.deadline_due) {
    return Transition{.after = before, .changed = false};
  }
  Case& c = step.c();
  const Policy& policy = step.policy();
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
      step.ToOfficials(Audience::kInspectorate, policy.inspectorate_phones, "official.warning",
                       vars);
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
      step.ToOfficials(Audience::kRegent, policy.regent_phones, "official.overdue", vars);
      step.ToOpd("official.overdue", vars);
      step.ToCitizen("notice.extended", step.With({{"due", when}}));
      break;
    }
    case DeadlineKind::kExtensionEnd: {
      if (c.status != S::kExtended) {
        return refuse("extended");
      }
      c.deadlines.clear();
      step.Move(name, S::kEscalated, "extension over: Ombudsman mediation");
      auto vars = step.With({{"opd_name", step.OpdName()}});
      step.ToCitizen("notice.escalated", step.With());
      step.ToOfficials(Audience::kInspectorate, policy.inspectorate_phones, "official.escalated",
                       vars);
      step.ToOfficials(Audience::kRegent, policy.regent_phones, "official.escalated", vars);
      break;
    }
  }
  return std::move(step).Done();
}

Error Unprocessable(std::string message) { return Error{Errc::kUnprocessable, std::move(message)}; }

// An official's or a citizen's action, already allowed for the role and the status.
Result<Transition> ApplyAction(const Case& before, const Action& action, Step step) {
  Case& c = step.c();
  const Policy& policy = step.policy();
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
    case K::kForward: {
      if (Blank(action.region)) {
        return Unprocessable("region: name the region the report goes to");
      }
      c.forwarded_to = action.region;
      if (auto due = c.deadlines.find(DeadlineKind::kVerify); due != c.deadlines.end()) {
        c.verify_late = c.verify_late || step.now() > due->second;
        c.deadlines.erase(due);
      }
      step.Move(name, S::kForwarded, action.region);
      step.ToCitizen("notice.forwarded", step.With());
      break;
    }
    case K::kDispatch: {
      const Opd* opd = policy.FindOpd(action.opd);
      if (opd == nullptr) {
        return Unprocessable("opd: unknown agency code \"" + action.opd + "\"");
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
      break;
    }
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
    case K::kEscalate: {
      c.deadlines.clear();
      step.Move(name, S::kEscalated, action.text);
      auto vars = step.With({{"opd_name", step.OpdName()}});
      step.ToCitizen("notice.escalated", step.With());
      step.ToOfficials(Audience::kInspectorate, policy.inspectorate_phones, "official.escalated",
                       vars);
      step.ToOfficials(Audience::kRegent, policy.regent_phones, "official.escalated", vars);
      break;
    }
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
    case K::kDeadline:
      return ApplyDeadline(before, action, std::move(step));
  }
  return std::move(step).Done();
}

}  // namespace

Result<Transition> Apply(const Case& before, const Action& action, const Actor& actor, TimeMs now,
                         const Policy& policy, const Calendar& calendar) {
  if (actor.role == Role::kOmbudsman || actor.role == Role::kAuditor) {
    return Error{Errc::kForbidden, "read-only role: " + std::string(RoleName(actor.role)) +
                                       " may not " + std::string(ActionName(action.kind))};
  }
  if (!RoleMay(actor.role, action.kind)) {
    return Error{Errc::kForbidden, "role " + std::string(RoleName(actor.role)) + " may not " +
                                       std::string(ActionName(action.kind))};
  }
  if (actor.role == Role::kOpd && !actor.CanSee(before)) {
    return Error{Errc::kForbidden, "this case belongs to another agency"};
  }
  Step step(before, actor, now, policy, calendar);
  if (action.kind == K::kDeadline) {
    return ApplyDeadline(before, action, std::move(step));
  }
  if (!Legal(action.kind, before.status)) {
    return Conflict(action.kind, before.status);
  }
  return ApplyAction(before, action, std::move(step));
}

std::map<DeadlineKind, TimeMs> InitialDeadlines(const Case& c, const Policy& policy,
                                                const Calendar& calendar) {
  return {{DeadlineKind::kVerify, calendar.AddDays(c.created_at, policy.verify_days)}};
}

}  // namespace lapor::cases
