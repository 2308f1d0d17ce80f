#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cases/case.hpp"
#include "cases/workflow.hpp"
#include "common/clock.hpp"

namespace lapor::store {

// How a case's audit entry is kept in its case:<no>:log list: one JSON object, {at, actor,
// action, from, to, note}; text a citizen wrote is kept as it came (bad bytes replaced).
std::string EncodeAuditEntry(const cases::AuditEntry& entry);

// What a transition changes in the `due` index: the members to add (with their scores) and the
// members to remove, so `due` follows the case's pending deadlines.
struct DueChanges {
  std::vector<std::pair<std::string, TimeMs>> add;
  std::vector<std::string> remove;
};
DueChanges DueChangesOf(const cases::Case& before, const cases::Case& after);

}  // namespace lapor::store
