// The workflow's vocabulary: action and role names, reading an officials' API action body, and
// finding an OPD in the policy. The transitions themselves are in workflow.cpp.
#include <algorithm>
#include <array>
#include <utility>

#include "cases/workflow.hpp"

namespace lapor::cases {
namespace {

using K = ActionKind;

constexpr std::array<std::string_view, 14> kActionNames = {
    "verify",   "ask_info", "reject", "forward",      "dispatch",         "respond",  "extend",
    "escalate", "close",    "reopen", "citizen_info", "citizen_feedback", "deadline", "refer",
};
static_assert(static_cast<size_t>(K::kRefer) + 1 == kActionNames.size());

constexpr std::array<std::string_view, 11> kRoleNames = {
    "verifier", "region_admin", "opd",    "inspectorate",    "ombudsman",   "auditor",
    "citizen",  "system",       "regent", "template_editor", "token_admin",
};
static_assert(static_cast<size_t>(Role::kTokenAdmin) + 1 == kRoleNames.size());

// The roles bound to one region, written "<role>:<region>" (and "opd:<region>/<opd>").
constexpr std::array<Role, 3> kRegionalRoles = {Role::kRegionAdmin, Role::kInspectorate,
                                                Role::kRegent};

// "19.04": two groups of two digits, the shape of a regency's code.
bool RegionCodeShape(std::string_view code) {
  return code.size() == 5 && code[2] == '.' && std::all_of(code.begin(), code.end(), [](char c) {
           return c == '.' || (c >= '0' && c <= '9');
         });
}

}  // namespace

std::string_view ActionName(ActionKind kind) { return kActionNames[static_cast<size_t>(kind)]; }

std::string_view RoleName(Role role) { return kRoleNames[static_cast<size_t>(role)]; }

bool Actor::Regional() const {
  return role == Role::kOpd ||
         std::find(kRegionalRoles.begin(), kRegionalRoles.end(), role) != kRegionalRoles.end();
}

bool Actor::CanSee(const Case& c) const {
  if (role == Role::kCitizen) {
    return !phone.empty() && c.phone == phone;
  }
  if (role == Role::kTemplateEditor || role == Role::kTokenAdmin) {
    return false;
  }
  if (!Regional()) {
    return true;
  }
  bool in_region = !region.empty() && c.forwarded_to == region;
  return role == Role::kOpd ? in_region && !opd.empty() && c.opd == opd : in_region;
}

std::optional<Actor> ParseRole(std::string_view role, std::string name) {
  for (Role national : {Role::kVerifier, Role::kOmbudsman, Role::kAuditor, Role::kTemplateEditor,
                        Role::kTokenAdmin}) {
    if (RoleName(national) == role) {
      return Actor{.name = std::move(name), .role = national};
    }
  }
  auto colon = role.find(':');
  if (colon == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view kind = role.substr(0, colon);
  std::string_view scope = role.substr(colon + 1);
  if (kind == RoleName(Role::kOpd)) {
    auto slash = scope.find('/');
    std::string_view opd = slash == std::string_view::npos ? "" : scope.substr(slash + 1);
    if (!RegionCodeShape(scope.substr(0, slash)) || opd.empty()) {
      return std::nullopt;
    }
    return Actor{.name = std::move(name),
                 .role = Role::kOpd,
                 .opd = std::string(opd),
                 .region = std::string(scope.substr(0, slash))};
  }
  for (Role regional : kRegionalRoles) {
    if (RoleName(regional) == kind && RegionCodeShape(scope)) {
      return Actor{.name = std::move(name), .role = regional, .region = std::string(scope)};
    }
  }
  return std::nullopt;
}

std::string RoleText(const Actor& actor) {
  std::string text(RoleName(actor.role));
  if (actor.role == Role::kOpd) {
    return text + ":" + actor.region + "/" + actor.opd;
  }
  return actor.Regional() ? text + ":" + actor.region : text;
}

const Opd* RegionPolicy::FindOpd(std::string_view code) const {
  for (const auto& opd : opds) {
    if (opd.code == code) {
      return &opd;
    }
  }
  return nullptr;
}

const RegionPolicy* Policy::FindRegion(std::string_view code) const {
  for (const auto& region : regions) {
    if (region.code == code) {
      return &region;
    }
  }
  return nullptr;
}

const Opd* Policy::FindOpd(std::string_view region, std::string_view code) const {
  const RegionPolicy* found = FindRegion(region);
  return found != nullptr ? found->FindOpd(code) : nullptr;
}

// The fields the action `name` takes, read into `action`: an error naming the field when one
// is missing or not a string.
static std::optional<Error> ReadActionFields(const nlohmann::json& body, const std::string& name,
                                             Action& action) {
  // Reads body[key] into `out`; an error if required and missing, or not a string.
  auto read = [&](const char* key, std::string& out, bool required) -> std::optional<Error> {
    auto field = body.find(key);
    if (field == body.end()) {
      if (required) {
        return Error{Errc::kBadRequest, std::string(key) + ": is required for " + name};
      }
      return std::nullopt;
    }
    if (!field->is_string()) {
      return Error{Errc::kBadRequest, std::string(key) + ": must be a string"};
    }
    out = field->get<std::string>();
    return std::nullopt;
  };
  std::optional<Error> error;
  switch (action.kind) {
    case K::kAskInfo:
    case K::kReject:
      error = read("reason", action.text, true);
      break;
    case K::kForward:
      error = read("region", action.region, false);
      break;
    case K::kRefer:
      error = read("agency", action.agency, true);
      if (!error) {
        error = read("date", action.date, false);
      }
      break;
    case K::kDispatch:
      error = read("opd", action.opd, true);
      if (!error) {
        error = read("tier", action.tier, false);
      }
      break;
    case K::kRespond:
      error = read("answer", action.text, true);
      break;
    default:
      // verify, extend, escalate, close, reopen: an optional note for the audit trail.
      error = read("reason", action.text, false);
      break;
  }
  return error;
}

Result<Action> ParseAction(const nlohmann::json& body) {
  if (!body.is_object()) {
    return Error{Errc::kBadRequest, "body: must be a JSON object like {\"action\": \"verify\"}"};
  }
  auto it = body.find("action");
  if (it == body.end() || !it->is_string()) {
    return Error{Errc::kBadRequest, "action: is required, a string such as \"verify\""};
  }
  const auto& name = it->get_ref<const std::string&>();
  std::optional<K> kind;
  for (size_t i = 0; i < kActionNames.size(); ++i) {
    if (kActionNames[i] == name) {
      kind = static_cast<K>(i);
    }
  }
  if (!kind || *kind == K::kCitizenInfo || *kind == K::kCitizenFeedback || *kind == K::kDeadline) {
    return Error{Errc::kBadRequest,
                 "action: \"" + name +
                     "\" is not an official's action (verify, ask_info, reject, forward, refer, "
                     "dispatch, respond, extend, escalate, close, reopen)"};
  }
  Action action{.kind = *kind};
  if (auto error = ReadActionFields(body, name, action)) {
    return *error;
  }
  return action;
}

}  // namespace lapor::cases
