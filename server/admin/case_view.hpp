#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "admin/query_params.hpp"
#include "cases/case.hpp"
#include "cases/workflow.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace lapor::admin {

// What an official sees of a case. Pure: values in, JSON out.

// True when `viewer` must see the reporter's number masked: the reporter chose `anonim` or
// `rahasia`, and the viewer is not the verifier.
bool PhoneHidden(const cases::Case& c, const cases::Actor& viewer);

// The case as the API answers it: every field, times in ms since the epoch (null when not
// set), pending deadlines by name, `overdue` as IsOverdue says at `now`, and the phone number
// masked (log::MaskPhone) when PhoneHidden; `phone_masked` says which.
nlohmann::json CaseJson(const cases::Case& c, const cases::Actor& viewer, TimeMs now);

// One stored audit entry ({at, actor, action, from, to, note}) as `viewer` sees it: when
// PhoneHidden, the reporter's number is masked wherever it appears in the entry's text.
nlohmann::json AuditEntryJson(const nlohmann::json& entry, const cases::Case& c,
                              const cases::Actor& viewer);

// Waiting past a deadline now: in status overdue, extended or escalated, or a pending verify,
// answer or extension deadline at or before `now` (the warning before the answer is not one).
bool IsOverdue(const cases::Case& c, TimeMs now);

// The case passes every filter of `filter` (not limit or cursor) at `now`.
bool Matches(const cases::Case& c, const CaseFilter& filter, TimeMs now);

// The actions `actor` may take on `c` now, by name ("verify", "forward", ...): those of its
// role that are legal in the case's status, on a case it may see. For the console's buttons.
nlohmann::json ActionsFor(const cases::Case& c, const cases::Actor& actor);

}  // namespace lapor::admin
