#pragma once

#include <initializer_list>
#include <string_view>

#include "cases/case.hpp"
#include "cases/workflow.hpp"
#include "common/result.hpp"

// Who may take which action from which status, and the reason given when not (workflow.cpp).
namespace lapor::cases::detail {

bool In(Status status, std::initializer_list<Status> set);
// Only spaces, tabs and line breaks, or nothing.
bool Blank(std::string_view text);

// Which actions each role may take at all.
bool RoleMay(Role role, ActionKind kind);
// The statuses each official or citizen action may start from (deadlines: workflow.cpp).
bool Legal(ActionKind kind, Status s);
// kConflict "cannot <verb> a case that is <status>: <what must happen first>".
Error Conflict(ActionKind kind, Status s);

}  // namespace lapor::cases::detail
