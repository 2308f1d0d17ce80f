#include "store/case_records.hpp"

#include "store/keys.hpp"
#include "text/json_string.hpp"

namespace lapor::store {

std::string EncodeAuditEntry(const cases::AuditEntry& e) {
  // Written straight, in the key order nlohmann::json's dump gives (sorted), which the entries
  // of older releases have: a DOM of six members was most of a scheduled deadline's cost.
  std::string out;
  out.reserve(64 + e.actor.size() + e.action.size() + e.from.size() + e.to.size() + e.note.size());
  out += "{\"action\":";
  text::AppendJsonString(out, e.action);
  out += ",\"actor\":";
  text::AppendJsonString(out, e.actor);
  out += ",\"at\":";
  out += std::to_string(e.at);
  out += ",\"from\":";
  text::AppendJsonString(out, e.from);
  out += ",\"note\":";
  text::AppendJsonString(out, e.note);
  out += ",\"to\":";
  text::AppendJsonString(out, e.to);
  out += '}';
  return out;
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
