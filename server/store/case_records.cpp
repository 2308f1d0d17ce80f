#include "store/case_records.hpp"

#include <nlohmann/json.hpp>

#include "store/keys.hpp"

namespace lapor::store {

std::string EncodeAuditEntry(const cases::AuditEntry& e) {
  nlohmann::json entry = {{"at", e.at},     {"actor", e.actor}, {"action", e.action},
                          {"from", e.from}, {"to", e.to},       {"note", e.note}};
  return entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

DueChanges DueChangesOf(const cases::Case& before, const cases::Case& after) {
  DueChanges changes;
  for (const auto& [kind, due] : before.deadlines) {
    auto kept = after.deadlines.find(kind);
    if (kept == after.deadlines.end() || kept->second != due) {
      changes.remove.push_back(DueMember(before.tracking_no, kind, due));
    }
  }
  for (const auto& [kind, due] : after.deadlines) {
    auto was = before.deadlines.find(kind);
    if (was == before.deadlines.end() || was->second != due) {
      changes.add.emplace_back(DueMember(after.tracking_no, kind, due), due);
    }
  }
  return changes;
}

}  // namespace lapor::store
