#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
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
  kRefer,     // recorded as sent to an agency outside the system (a region not onboarded)
};
std::string_view ActionName(ActionKind kind);

struct Action {
  ActionKind kind = ActionKind::kVerify;
  std::string text;        // reject reason, ask_info request, respond answer, citizen_info text
  std::string region;      // forward: an onboarded region's code ("" = the case's own regency)
  std::string agency;      // refer: the agency outside the system it was sent to
  std::string date;        // refer: when, YYYY-MM-DD in WIB ("" = today)
  std::string opd;         // dispatch
  std::string tier;        // dispatch: a key of Policy::tiers, "" = answer_days
  bool satisfied = false;  // citizen_feedback
  DeadlineKind deadline = DeadlineKind::kVerify;  // kDeadline: which one
  TimeMs deadline_due = 0;                        // kDeadline: the due time it was set for
};

// Reads an admin API action body: {"action": "verify"}, {"action": "forward", "region": "19.04"}
// (region optional: the case's own regency), {"action": "refer", "agency": "...", "date":
// "2026-11-30"} (date optional: today), {"action": "dispatch", "opd": "...", "tier":
// "complaint"}, {"action": "respond", "answer": "..."}, {"action": "reject", "reason": "..."},
// {"action": "ask_info", "reason": "..."}, {"action": "extend"}, {"action": "escalate"},
// {"action": "close"}, {"action": "reopen"}. Citizen and deadline actions are not accepted here.
// kBadRequest naming the field.
Result<Action> ParseAction(const nlohmann::json& body);

enum class Role {
  kVerifier,        // national verifier: verify, ask_info, reject, forward, refer, close, reopen
  kRegionAdmin,     // a region's admin (Pemkab): dispatch, extend, escalate, close, reopen
  kOpd,             // an agency's liaison in a region: respond and extend, own cases only
  kInspectorate,    // a region's inspectorate: reads the region's cases, extend, escalate
  kOmbudsman,       // reads all
  kAuditor,         // reads all
  kCitizen,         // citizen_info, citizen_feedback on their own case (by SMS)
  kSystem,          // deadlines
  kRegent,          // a region's regent's office (Bupati): reads the region's cases
  kTemplateEditor,  // edits what the bot says (templates, dialogs); sees no case
  kTokenAdmin,      // makes, lists and revokes officials' tokens; sees no case
};
std::string_view RoleName(Role role);

struct Actor {
  std::string name;
  Role role = Role::kAuditor;
  std::string opd;     // kOpd: the agency code within its region
  std::string phone;   // kCitizen: the number the citizen writes from (E.164)
  std::string region;  // regional roles: the region's code ("19.04")

  // The verifier, the Ombudsman, the auditor and the system see every case; a region's admin,
  // inspectorate and regent's office the cases forwarded to their region; an OPD those of them
  // dispatched to it; a citizen only the cases they reported; the template editor and the token
  // admin none.
  bool CanSee(const Case& c) const;
  // A role bound to one region (admin, OPD, inspectorate, regent's office).
  bool Regional() const;
};
// "verifier", "ombudsman", "auditor", "template_editor", "token_admin", "region_admin:<region>",
// "inspectorate:<region>", "regent:<region>", "opd:<region>/<opd>"; nullopt for anything else.
// Whether the region and the OPD exist is the config's check (app/references).
std::optional<Actor> ParseRole(std::string_view role, std::string name);
// The role as ParseRole reads it back ("opd:19.04/dinkes").
std::string RoleText(const Actor& actor);

// A unit of an OPD in one kecamatan (a puskesmas of the health office): told of its cases too.
struct OpdUnit {
  std::string name;
  std::string kecamatan;  // the kecamatan's code ("19.04.01")
  std::vector<std::string> phones;
};

struct Opd {
  std::string code;
  std::string name;
  std::vector<std::string> liaison_phones;  // E.164
  std::vector<std::string> categories;      // dialog category values it handles
  std::vector<OpdUnit> units;
};

// An onboarded region (a Pemkab) as a tenant: its agencies, who is told of late answers, and its
// days off beyond the national ones.
struct RegionPolicy {
  std::string code;  // the regency's Kemendagri code, "19.04"
  std::string name;  // "Kabupaten Bangka Tengah"
  std::vector<Opd> opds;
  std::vector<std::string> inspectorate_phones;
  std::vector<std::string> regent_phones;
  std::set<Calendar::Date> holidays;  // local days off, added to the national calendar

  const Opd* FindOpd(std::string_view code) const;
};

// Deadline rules and the onboarded regions, from config (`deadlines`, `regions`). Never in code.
struct Policy {
  int verify_days = 3;
  int answer_days = 5;
  int warn_before_days = 1;
  int extension_days = 60;
  // INFO messages a citizen may add to one case in one day (WIB); more are refused politely.
  int info_per_day = 10;
  // SP4N response tiers by report type, in counted days, for the dispatcher to pick from.
  std::map<std::string, int> tiers = {{"information", 5}, {"complaint", 14}, {"field_check", 60}};
  std::vector<RegionPolicy> regions;

  // The onboarded region with this code, or nullptr.
  const RegionPolicy* FindRegion(std::string_view code) const;
  // An OPD of an onboarded region, or nullptr.
  const Opd* FindOpd(std::string_view region, std::string_view code) const;
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
//  kForbidden     the actor's role may not take this action, or acts on a case outside its
//                 region or agency;
//  kConflict      the action is not legal in the case's status ("cannot respond to a case that
//                 is verified: it has not been dispatched yet");
//  kUnprocessable a field is wrong (a region that is not onboarded, unknown OPD or tier, empty
//                 answer, reason or agency, a date that is not YYYY-MM-DD).
// Deadlines of the answer (dispatch, extension, reopen) count the region's local holidays too.
// A deadline that is no longer pending (answered meanwhile, or set again for another time)
// returns changed = false.
Result<Transition> Apply(const Case& before, const Action& action, const Actor& actor, TimeMs now,
                         const Policy& policy, const Calendar& calendar);

// The deadlines of a case just filed: verify = verify_days counted days after created_at. The
// store sets them (and sends notice.received) when the dialog files the case.
std::map<DeadlineKind, TimeMs> InitialDeadlines(const Case& c, const Policy& policy,
                                                const Calendar& calendar);

}  // namespace lapor::cases
