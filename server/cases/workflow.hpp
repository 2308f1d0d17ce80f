#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cases/calendar.hpp"
#include "cases/case.hpp"
#include "common/result.hpp"

namespace lapor::cases {

enum class ActionKind {
  kVerify,
  kAskInfo,
  kReject,
  kForward,
  kDispatch,
  kRespond,
  kExtend,
  kEscalate,
  kClose,
  kReopen,
  kCitizenInfo,
  kCitizenFeedback,
  kDeadline,  // a deadline fell due (the scheduler)
};
std::string_view ActionName(ActionKind kind);

struct Action {
  ActionKind kind = ActionKind::kVerify;
  std::string text;        // reject reason, ask_info request, respond answer, citizen_info text
  std::string region;      // forward
  std::string opd;         // dispatch
  std::string tier;        // dispatch: a key of Policy::tiers, "" = answer_days
  bool satisfied = false;  // citizen_feedback
  DeadlineKind deadline = DeadlineKind::kVerify;  // kDeadline: which one
  TimeMs deadline_due = 0;                        // kDeadline: the due time it was set for
};

// Reads an admin API action body: {"action": "verify"}, {"action": "forward", "region": "..."},
// {"action": "dispatch", "opd": "...", "tier": "complaint"}, {"action": "respond", "answer":
// "..."}, {"action": "reject", "reason": "..."}, {"action": "ask_info", "reason": "..."},
// {"action": "extend"}, {"action": "escalate"}, {"action": "close"}, {"action": "reopen"}.
// Citizen and deadline actions are not accepted here. kBadRequest naming the field.
Result<Action> ParseAction(const nlohmann::json& body);

enum class Role {
  kVerifier,      // national verifier: verify, ask_info, reject, forward, close, reopen
  kRegionAdmin,   // regional admin: dispatch, extend, escalate, close, reopen
  kOpd,           // an agency's liaison: respond and extend, own cases only
  kInspectorate,  // reads all, extend, escalate
  kOmbudsman,     // reads all
  kAuditor,       // reads all
  kCitizen,       // citizen_info, citizen_feedback on their own case (by SMS)
  kSystem,        // deadlines
};
std::string_view RoleName(Role role);

struct Actor {
  std::string name;
  Role role = Role::kAuditor;
  std::string opd;    // kOpd: the agency code
  std::string phone;  // kCitizen: the number the citizen writes from (E.164)

  // An OPD sees only cases dispatched to it, a citizen only the cases they reported; every other
  // role sees all.
  bool CanSee(const Case& c) const;
};
// "verifier", "region_admin", "opd:<code>", "inspectorate", "ombudsman", "auditor".
std::optional<Actor> ParseRole(std::string_view role, std::string name);

struct Opd {
  std::string code;
  std::string name;
  std::vector<std::string> liaison_phones;  // E.164
  std::vector<std::string> categories;
};

// Deadline rules and who is told, from config (`deadlines`, `opds`, `inspectorate`,
// `regent_office`). Never in code.
struct Policy {
  int verify_days = 3;
  int answer_days = 5;
  int warn_before_days = 1;
  int extension_days = 60;
  // INFO messages a citizen may add to one case in one day (WIB); more are refused politely.
  int info_per_day = 10;
  // SP4N response tiers by report type, in counted days, for the dispatcher to pick from.
  std::map<std::string, int> tiers = {{"information", 5}, {"complaint", 14}, {"field_check", 60}};
  std::vector<Opd> opds;
  std::vector<std::string> inspectorate_phones;
  std::vector<std::string> regent_phones;

  const Opd* FindOpd(std::string_view code) const;
};

enum class Audience { kCitizen, kOpd, kInspectorate, kRegent };

// One SMS to send. Rendered from templates/<lang>.json by the outbox at enqueue time.
struct Notice {
  Audience audience = Audience::kCitizen;
  std::string to;            // E.164
  std::string template_key;  // "notice.verified", "official.dispatched", ...
  std::map<std::string, std::string, std::less<>> vars;
  std::string lang = "id";
  bool essential = false;  // the answer itself: sent even to a citizen who sent STOP
};

struct AuditEntry {
  TimeMs at = 0;
  std::string actor;   // name, or "citizen" / "scheduler"
  std::string action;  // ActionName, or the deadline's name
  std::string from;    // status before
  std::string to;      // status after
  std::string note;    // reason, answer or info text, region, opd
};

struct Transition {
  Case after;  // after.deadlines is the full set still pending; the store syncs `due` to it
  std::vector<AuditEntry> log;
  std::vector<Notice> notices;
  bool changed = true;  // false: nothing to write (a stale deadline)
};

// The SP4N workflow as a pure function. Errors, each with a reason a person can act on:
//  kForbidden     the actor's role may not take this action, or an OPD acts on another's case;
//  kConflict      the action is not legal in the case's status ("cannot respond to a case that
//                 is verified: it has not been dispatched yet");
//  kUnprocessable a field is wrong (unknown OPD or tier, empty answer or reason).
// A deadline that is no longer pending (answered meanwhile, or set again for another time)
// returns changed = false.
Result<Transition> Apply(const Case& before, const Action& action, const Actor& actor, TimeMs now,
                         const Policy& policy, const Calendar& calendar);

// The deadlines of a case just filed: verify = verify_days counted days after created_at. The
// store sets them (and sends notice.received) when the dialog files the case.
std::map<DeadlineKind, TimeMs> InitialDeadlines(const Case& c, const Policy& policy,
                                                const Calendar& calendar);

}  // namespace lapor::cases
