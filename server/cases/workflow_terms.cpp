// The workflow's vocabulary: action and role names, reading an officials' API action body, and
// finding an OPD in the policy. The transitions themselves are in workflow.cpp.
#include <array>
#include <utility>

#include "cases/workflow.hpp"

namespace lapor::cases {
namespace {

using K = ActionKind;

constexpr std::array<std::string_view, 13> kActionNames = {
    "verify",   "ask_info", "reject", "forward",      "dispatch",         "respond",  "extend",
    "escalate", "close",    "reopen", "citizen_info", "citizen_feedback", "deadline",
};
static_assert(static_cast<size_t>(K::kDeadline) + 1 == kActionNames.size());

constexpr std::array<std::string_view, 8> kRoleNames = {
    "verifier", "region_admin", "opd", "inspectorate", "ombudsman", "auditor", "citizen", "system",
};
static_assert(static_cast<size_t>(Role::kSystem) + 1 == kRoleNames.size());

}  // namespace

std::string_view ActionName(ActionKind kind) { return kActionNames[static_cast<size_t>(kind)]; }

std::string_view RoleName(Role role) { return kRoleNames[static_cast<size_t>(role)]; }

bool Actor::CanSee(const Case& c) const {
  switch (role) {
    case Role::kOpd:
      return !opd.empty() && c.opd == opd;
    case Role::kCitizen:
      return !phone.empty() && c.phone == phone;
    default:
      return true;
  }
}

std::optional<Actor> ParseRole(std::string_view role, std::string name) {
  constexpr std::string_view kOpdPrefix = "opd:";
  if (role.starts_with(kOpdPrefix)) {
    std::string_view code = role.substr(kOpdPrefix.size());
    if (code.empty()) {
      return std::nullopt;
    }
    return Actor{.name = std::move(name), .role = Role::kOpd, .opd = std::string(code)};
  }
  for (Role official : {Role::kVerifier, Role::kRegionAdmin, Role::kInspectorate, Role::kOmbudsman,
                        Role::kAuditor}) {
    if (RoleName(official) == role) {
      return Actor{.name = std::move(name), .role = official};
    }
  }
  return std::nullopt;
}

const Opd* Policy::FindOpd(std::string_view code) const {
  for (const auto& opd : opds) {
    if (opd.code == code) {
      return &opd;
    }
  }
  return nullptr;
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
      error = read("region", action.region, true);
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
                     "\" is not an official's action (verify, ask_info, reject, forward, "
                     "dispatch, respond, extend, escalate, close, reopen)"};
  }
  Action action{.kind = *kind};
  if (auto error = ReadActionFields(body, name, action)) {
    return *error;
  }
  return action;
}

}  // namespace lapor::cases
