#include "cases/workflow_rules.hpp"

#include <algorithm>
#include <string>

namespace lapor::cases::detail {
namespace {

using K = ActionKind;
using S = Status;

}  // namespace

bool In(S status, std::initializer_list<S> set) {
  return std::find(set.begin(), set.end(), status) != set.end();
}

bool Blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool RoleMay(Role role, K kind) {
  switch (role) {
    case Role::kVerifier:
      return kind == K::kVerify || kind == K::kAskInfo || kind == K::kReject ||
             kind == K::kForward || kind == K::kRefer || kind == K::kClose || kind == K::kReopen;
    case Role::kRegionAdmin:
      return kind == K::kDispatch || kind == K::kExtend || kind == K::kEscalate ||
             kind == K::kClose || kind == K::kReopen;
    case Role::kOpd:
      return kind == K::kRespond || kind == K::kExtend;
    case Role::kInspectorate:
      return kind == K::kExtend || kind == K::kEscalate;
    case Role::kOmbudsman:
    case Role::kAuditor:
    case Role::kRegent:
    case Role::kTemplateEditor:
    case Role::kTokenAdmin:
      return false;
    case Role::kCitizen:
      return kind == K::kCitizenInfo || kind == K::kCitizenFeedback;
    case Role::kSystem:
      return kind == K::kDeadline;
  }
  return false;
}

bool Legal(K kind, S s) {
  switch (kind) {
    case K::kVerify:
      return s == S::kSubmitted;
    case K::kAskInfo:
      return In(s, {S::kSubmitted, S::kVerified});
    case K::kReject:
      return In(s, {S::kSubmitted, S::kNeedsInfo, S::kVerified});
    case K::kForward:
    case K::kRefer:
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
      return !In(s, {S::kRejected, S::kClosed, S::kReferred});
    case K::kCitizenFeedback:
      return s == S::kResponded;
    case K::kDeadline:
      return true;
  }
  return false;
}

static bool BeforeDispatch(S s) {
  return In(s, {S::kSubmitted, S::kNeedsInfo, S::kVerified, S::kForwarded});
}

// What must happen first, for the refusal of `kind` in status `s`.
static std::string Hint(K kind, S s) {
  if (s == S::kRejected) {
    return kind == K::kCitizenInfo ? "it was rejected; send LAPOR to file a new report"
                                   : "it was rejected";
  }
  if (s == S::kReferred) {
    return "it was sent to " + std::string(kind == K::kCitizenInfo ? "another agency; contact it"
                                                                   : "an agency outside 1708");
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
    case K::kRefer:
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

static std::string_view Verb(K kind) {
  switch (kind) {
    case K::kAskInfo:
      return "ask for information on";
    case K::kRespond:
      return "respond to";
    case K::kCitizenInfo:
      return "add information to";
    case K::kCitizenFeedback:
      return "rate the answer to";
    case K::kRefer:
      return "refer";
    default:
      return ActionName(kind);
  }
}

Error Conflict(K kind, S s) {
  return Error{Errc::kConflict, "cannot " + std::string(Verb(kind)) + " a case that is " +
                                    std::string(StatusName(s)) + ": " + Hint(kind, s)};
}

}  // namespace lapor::cases::detail
