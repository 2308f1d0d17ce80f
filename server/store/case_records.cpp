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

CaseFieldChanges CaseFieldChangesOf(const cases::Case& before, const cases::Case& after) {
  CaseFieldChanges changes;
  std::map<std::string, std::string> was = cases::ToFields(before);
  for (auto& [field, value] : cases::ToFields(after)) {
    auto old = was.find(field);
    if (field != "v" && (old == was.end() || old->second != value)) {
      changes.set.emplace(field, std::move(value));
    }
    if (old != was.end()) {
      was.erase(old);
    }
  }
  for (const auto& [field, value] : was) {
    if (field != "v") {
      changes.gone.push_back(field);
    }
  }
  return changes;
}

}  // namespace lapor::store
