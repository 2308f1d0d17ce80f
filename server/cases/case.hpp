#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace lapor::cases {

// SP4N statuses (DESIGN.md, "SP4N case workflow"). Names as in case_status.hpp.
enum class Status {
  kSubmitted,
  kNeedsInfo,
  kRejected,
  kVerified,
  kForwarded,
  kDispatched,
  kResponded,
  kOverdue,
  kExtended,
  kEscalated,
  kClosed,
  kReopened,
  kReferred,  // sent to an agency outside the system (its region is not onboarded)
};
std::string_view StatusName(Status status);
std::optional<Status> ParseStatus(std::string_view name);

// Deadlines a case can be waiting on. Each pending one is a member "<no>:<kind name>" of the
// Redis sorted set `due`, scored by its due time.
enum class DeadlineKind {
  kVerify,        // verify and forward within verify_days of submission (flags it late)
  kAnswerWarn,    // warn the OPD and the inspectorate warn_before_days before the answer is due
  kAnswerDue,     // the OPD's answer is due: overdue, then extended automatically
  kExtensionEnd,  // the extension is over: escalated to Ombudsman mediation
};
std::string_view DeadlineName(DeadlineKind kind);
std::optional<DeadlineKind> ParseDeadline(std::string_view name);

// One case as stored in the Redis hash case:<no>. Plain data.
struct Case {
  std::string tracking_no;
  Status status = Status::kSubmitted;

  // What the citizen filed (dialog answers and where it came from).
  std::string type;  // pengaduan | aspirasi | informasi
  std::string category;
  std::string subcategory;
  std::string place;      // the Kemendagri code of the place chosen ("19.04.01.2003")
  std::string kecamatan;  // its kecamatan's code ("19.04.01"), "" for a whole regency
  std::string location;
  std::string details;
  std::string identity;  // biasa | anonim | rahasia
  std::string phone;     // E.164
  std::string lang;      // id | en
  std::string channel;   // ussd | sms
  std::string region;    // the regency the place is in ("19.04"), onboarded or not
  TimeMs created_at = 0;
  TimeMs updated_at = 0;

  // What officials, citizens and deadlines did since.
  std::string forwarded_to;  // the onboarded region it was forwarded to ("19.04")
  std::string referred_to;   // the agency outside the system it was sent to (refer)
  std::string referred_on;   // when, YYYY-MM-DD (refer)
  std::string opd;           // agency code once dispatched
  std::string tier;          // response tier picked at dispatch ("" = deadlines.answer_days)
  std::string answer;        // the OPD's answer
  std::string reason;        // last reject reason or request for more information
  TimeMs dispatched_at = 0;
  TimeMs responded_at = 0;
  TimeMs closed_at = 0;
  bool verify_late = false;    // not verified and forwarded within verify_days
  bool answered_late = false;  // answered after the first answer deadline
  std::string feedback;        // "" | satisfied | not_satisfied
  int reopen_count = 0;
  // The citizen's INFO messages on the day `info_day` (days since the epoch, WIB), for the limit
  // a day (Policy::info_per_day).
  int64_t info_day = 0;
  int64_t info_count = 0;
  std::map<DeadlineKind, TimeMs> deadlines;  // pending deadlines and when they fall due
  // How coded answers read, in Indonesian, for officials' SMS ("kecamatan" -> "Koba",
  // "category" -> "Kesehatan", "place" -> "Desa Nibung, Koba, Bangka Tengah", "region" ->
  // "Kabupaten Bangka Tengah"). Stored as fields "label_<answer>".
  std::map<std::string, std::string> labels;

  // The label of a coded answer, or the code when there is none.
  std::string Label(const std::string& answer, const std::string& code) const {
    auto it = labels.find(answer);
    return it == labels.end() ? code : it->second;
  }

  int64_t version = 0;  // compare-and-set on every write

  bool anonymous() const { return identity == "anonim" || identity == "rahasia"; }
  bool operator==(const Case&) const = default;
};

// Sets the text field a dialog slot names ("category", "details", ...): the answers a case keeps.
// False, and nothing set, for a slot a case does not keep.
bool SetAnswer(Case& c, std::string_view slot, std::string value);

// The hash fields of a case, every one of them, and back (a missing field reads as its default).
// Deadlines are fields "due_<kind>"; version is "v". Errors: kInternal naming the field for a
// stored value we cannot read (a missing tracking_no or status, a bad number).
std::map<std::string, std::string> ToFields(const Case& c);
Result<Case> CaseFromFields(const std::map<std::string, std::string>& fields);
// The same from the fields as Redis lists them (HGETALL), none of them copied on the way.
using FieldView = std::pair<std::string_view, std::string_view>;
Result<Case> CaseFromFields(std::span<const FieldView> fields);

// What a write of `after` over the stored `before` changes in the hash (the version "v" aside):
// the fields whose ToFields value differs, with their new values, and the fields `before` has
// that `after` has not (a deadline no longer pending, a label gone). Only what differs is turned
// into text: a deadline's write sets a handful of ~40 fields.
struct FieldChanges {
  std::vector<std::pair<std::string, std::string>> set;
  std::vector<std::string> gone;
};
FieldChanges ChangedFields(const Case& before, const Case& after);

// The fields a new case's hash is written with (the version aside): those `c` holds apart from
// their defaults, and status, which a case always has. A field left out reads back as its
// default: a filed case writes ~25 fields instead of ~45, most of them still empty or zero.
std::vector<std::pair<std::string, std::string>> NewCaseFields(const Case& c);

}  // namespace lapor::cases
