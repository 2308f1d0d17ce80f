#include "cases/case.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

#include "cases/case_status.hpp"
#include "common/whole_number.hpp"

namespace lapor::cases {
namespace {

// In the order of the enums, so an enum's value is its index.
constexpr std::array<std::string_view, 4> kDeadlineNames = {
    "verify_by",
    "answer_warn",
    "answer_due",
    "extension_end",
};
static_assert(static_cast<size_t>(Status::kReferred) + 1 == kCaseStatuses.size());
static_assert(static_cast<size_t>(DeadlineKind::kExtensionEnd) + 1 == kDeadlineNames.size());

constexpr std::string_view kDuePrefix = "due_";
constexpr std::string_view kLabelPrefix = "label_";

// The string fields of a case, by hash field name.
constexpr std::array<std::pair<std::string_view, std::string Case::*>, 20> kTextFields = {{
    {"tracking_no", &Case::tracking_no},
    {"type", &Case::type},
    {"category", &Case::category},
    {"subcategory", &Case::subcategory},
    {"place", &Case::place},
    {"kecamatan", &Case::kecamatan},
    {"location", &Case::location},
    {"details", &Case::details},
    {"identity", &Case::identity},
    {"phone", &Case::phone},
    {"lang", &Case::lang},
    {"channel", &Case::channel},
    {"region", &Case::region},
    {"forwarded_to", &Case::forwarded_to},
    {"referred_to", &Case::referred_to},
    {"referred_on", &Case::referred_on},
    {"opd", &Case::opd},
    {"tier", &Case::tier},
    {"answer", &Case::answer},
    {"reason", &Case::reason},
}};

// Times (ms since the epoch) and other whole numbers.
constexpr std::array<std::pair<std::string_view, int64_t Case::*>, 7> kNumberFields = {{
    {"created_at", &Case::created_at},
    {"updated_at", &Case::updated_at},
    {"dispatched_at", &Case::dispatched_at},
    {"responded_at", &Case::responded_at},
    {"closed_at", &Case::closed_at},
    {"info_day", &Case::info_day},
    {"info_count", &Case::info_count},
}};

constexpr std::array<std::pair<std::string_view, bool Case::*>, 2> kFlagFields = {{
    {"verify_late", &Case::verify_late},
    {"answered_late", &Case::answered_late},
}};

Error Unreadable(std::string_view field, std::string_view what, std::string_view value) {
  return Error{Errc::kInternal, "case field " + std::string(field) + ": " + std::string(what) +
                                    ": \"" + std::string(value) + "\""};
}

}  // namespace

std::string_view StatusName(Status status) { return kCaseStatuses[static_cast<size_t>(status)]; }

std::optional<Status> ParseStatus(std::string_view name) {
  for (size_t i = 0; i < kCaseStatuses.size(); ++i) {
    if (kCaseStatuses[i] == name) {
      return static_cast<Status>(i);
    }
  }
  return std::nullopt;
}

std::string_view DeadlineName(DeadlineKind kind) {
  return kDeadlineNames[static_cast<size_t>(kind)];
}

std::optional<DeadlineKind> ParseDeadline(std::string_view name) {
  for (size_t i = 0; i < kDeadlineNames.size(); ++i) {
    if (kDeadlineNames[i] == name) {
      return static_cast<DeadlineKind>(i);
    }
  }
  return std::nullopt;
}

bool SetAnswer(Case& c, std::string_view slot, std::string value) {
  // What the citizen answers; the rest (tracking_no, phone, opd, answer...) is never a slot.
  static constexpr std::string_view kAnswerSlots[] = {
      "type", "category", "subcategory", "place", "kecamatan", "location", "details", "identity"};
  if (std::find(std::begin(kAnswerSlots), std::end(kAnswerSlots), slot) == std::end(kAnswerSlots)) {
    return false;
  }
  for (const auto& [name, member] : kTextFields) {
    if (name == slot) {
      c.*member = std::move(value);
      return true;
    }
  }
  return false;
}

// Every field is written, empty or zero ones too, so writing the fields over an older hash
// leaves nothing stale behind, except due_<kind> fields: those exist only while pending.
std::map<std::string, std::string> ToFields(const Case& c) {
  std::map<std::string, std::string> fields;
  for (const auto& [name, member] : kTextFields) {
    fields.emplace(name, c.*member);
  }
  fields.emplace("status", StatusName(c.status));
  for (const auto& [name, member] : kNumberFields) {
    fields.emplace(name, std::to_string(c.*member));
  }
  for (const auto& [name, member] : kFlagFields) {
    fields.emplace(name, c.*member ? "1" : "0");
  }
  fields.emplace("feedback", c.feedback);
  fields.emplace("reopen_count", std::to_string(c.reopen_count));
  for (const auto& [kind, due] : c.deadlines) {
    fields.emplace(std::string(kDuePrefix) + std::string(DeadlineName(kind)), std::to_string(due));
  }
  for (const auto& [answer, label] : c.labels) {
    fields.emplace(std::string(kLabelPrefix) + answer, label);
  }
  fields.emplace("v", std::to_string(c.version));
  return fields;
}

// The label_<answer> and due_<kind> fields. An unknown deadline kind is an error rather than
// dropped: the next write would lose it.
static Result<Ok> ReadPrefixed(const std::map<std::string, std::string>& fields, Case& c) {
  for (auto it = fields.lower_bound(std::string(kLabelPrefix));
       it != fields.end() && std::string_view(it->first).starts_with(kLabelPrefix); ++it) {
    c.labels.emplace(it->first.substr(kLabelPrefix.size()), it->second);
  }
  for (auto it = fields.lower_bound(std::string(kDuePrefix));
       it != fields.end() && std::string_view(it->first).starts_with(kDuePrefix); ++it) {
    auto kind = ParseDeadline(std::string_view(it->first).substr(kDuePrefix.size()));
    if (!kind) {
      return Unreadable(it->first, "not a deadline kind", it->first);
    }
    TimeMs due = 0;
    if (!ParseWhole(it->second, due)) {
      return Unreadable(it->first, "not a whole number", it->second);
    }
    c.deadlines[*kind] = due;
  }
  return Ok{};
}

// A field that is missing takes its default: a case filed by the dialog holds only the answers,
// status, phone, lang, channel, region, created_at, updated_at and tracking_no (no "v": 0).
// Fields we do not know (a dialog answer not kept on the case) are ignored.
Result<Case> CaseFromFields(const std::map<std::string, std::string>& fields) {
  Case c;
  auto tracking = fields.find("tracking_no");
  if (tracking == fields.end() || tracking->second.empty()) {
    return Error{Errc::kInternal, "case field tracking_no: missing"};
  }
  auto status = fields.find("status");
  if (status == fields.end()) {
    return Error{Errc::kInternal, "case field status: missing"};
  }
  auto parsed_status = ParseStatus(status->second);
  if (!parsed_status) {
    return Unreadable("status", "not a status", status->second);
  }
  c.status = *parsed_status;

  for (const auto& [name, member] : kTextFields) {
    if (auto it = fields.find(std::string(name)); it != fields.end()) {
      c.*member = it->second;
    }
  }
  for (const auto& [name, member] : kNumberFields) {
    if (auto it = fields.find(std::string(name)); it != fields.end()) {
      if (!ParseWhole(it->second, c.*member)) {
        return Unreadable(name, "not a whole number", it->second);
      }
    }
  }
  for (const auto& [name, member] : kFlagFields) {
    if (auto it = fields.find(std::string(name)); it != fields.end()) {
      if (it->second != "0" && it->second != "1") {
        return Unreadable(name, "not 0 or 1", it->second);
      }
      c.*member = it->second == "1";
    }
  }
  if (auto it = fields.find("feedback"); it != fields.end()) {
    c.feedback = it->second;
  }
  if (auto it = fields.find("reopen_count"); it != fields.end()) {
    int64_t count = 0;
    if (!ParseWhole(it->second, count) || count < 0 || count > std::numeric_limits<int>::max()) {
      return Unreadable("reopen_count", "not a count", it->second);
    }
    c.reopen_count = static_cast<int>(count);
  }
  if (auto it = fields.find("v"); it != fields.end()) {
    if (!ParseWhole(it->second, c.version) || c.version < 0) {
      return Unreadable("v", "not a version", it->second);
    }
  }
  if (auto pending = ReadPrefixed(fields, c); !pending) {
    return pending.error();
  }
  return c;
}

}  // namespace lapor::cases
