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

// The hash fields of a pending deadline and of an answer's label.
std::string DueField(DeadlineKind kind) {
  return std::string(kDuePrefix) + std::string(DeadlineName(kind));
}
std::string LabelField(const std::string& answer) { return std::string(kLabelPrefix) + answer; }

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

// Every field, empty or zero ones too, and the version: the whole case as one hash (due_<kind>
// fields only while pending). The server writes a new case with NewCaseFields and each change
// with ChangedFields; this full form is what they are checked against, and reads the same.
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
    fields.emplace(DueField(kind), std::to_string(due));
  }
  for (const auto& [answer, label] : c.labels) {
    fields.emplace(LabelField(answer), label);
  }
  fields.emplace("v", std::to_string(c.version));
  return fields;
}

FieldChanges ChangedFields(const Case& before, const Case& after) {
  FieldChanges changes;
  auto set = [&changes](std::string name, std::string value) {
    changes.set.emplace_back(std::move(name), std::move(value));
  };
  for (const auto& [name, member] : kTextFields) {
    if (before.*member != after.*member) {
      set(std::string(name), after.*member);
    }
  }
  if (before.status != after.status) {
    set("status", std::string(StatusName(after.status)));
  }
  for (const auto& [name, member] : kNumberFields) {
    if (before.*member != after.*member) {
      set(std::string(name), std::to_string(after.*member));
    }
  }
  for (const auto& [name, member] : kFlagFields) {
    if (before.*member != after.*member) {
      set(std::string(name), after.*member ? "1" : "0");
    }
  }
  if (before.feedback != after.feedback) {
    set("feedback", after.feedback);
  }
  if (before.reopen_count != after.reopen_count) {
    set("reopen_count", std::to_string(after.reopen_count));
  }
  for (const auto& [kind, due] : after.deadlines) {
    if (auto was = before.deadlines.find(kind);
        was == before.deadlines.end() || was->second != due) {
      set(DueField(kind), std::to_string(due));
    }
  }
  for (const auto& [kind, due] : before.deadlines) {
    if (!after.deadlines.contains(kind)) {
      changes.gone.push_back(DueField(kind));
    }
  }
  for (const auto& [answer, label] : after.labels) {
    if (auto was = before.labels.find(answer); was == before.labels.end() || was->second != label) {
      set(LabelField(answer), label);
    }
  }
  for (const auto& [answer, label] : before.labels) {
    if (!after.labels.contains(answer)) {
      changes.gone.push_back(LabelField(answer));
    }
  }
  return changes;
}

std::vector<std::pair<std::string, std::string>> NewCaseFields(const Case& c) {
  auto fields = ChangedFields(Case{}, c).set;
  if (std::none_of(fields.begin(), fields.end(),
                   [](const auto& f) { return f.first == "status"; })) {
    fields.emplace_back("status", StatusName(c.status));
  }
  return fields;
}

namespace {

// One stored field into `c`: a field we do not know (a dialog answer not kept on the case) is
// left alone; an error names a value we cannot read. An unknown deadline kind is an error rather
// than dropped: the next write would lose it.
Result<Ok> ReadField(std::string_view name, std::string_view value, Case& c) {
  for (const auto& [field, member] : kTextFields) {
    if (field == name) {
      c.*member = value;
      return Ok{};
    }
  }
  for (const auto& [field, member] : kNumberFields) {
    if (field == name) {
      return ParseWhole(value, c.*member) ? Result<Ok>(Ok{})
                                          : Unreadable(name, "not a whole number", value);
    }
  }
  for (const auto& [field, member] : kFlagFields) {
    if (field == name) {
      if (value != "0" && value != "1") {
        return Unreadable(name, "not 0 or 1", value);
      }
      c.*member = value == "1";
      return Ok{};
    }
  }
  if (name == "status") {
    auto status = ParseStatus(value);
    if (!status) {
      return Unreadable("status", "not a status", value);
    }
    c.status = *status;
  } else if (name == "feedback") {
    c.feedback = value;
  } else if (name == "reopen_count") {
    int64_t count = 0;
    if (!ParseWhole(value, count) || count < 0 || count > std::numeric_limits<int>::max()) {
      return Unreadable("reopen_count", "not a count", value);
    }
    c.reopen_count = static_cast<int>(count);
  } else if (name == "v") {
    if (!ParseWhole(value, c.version) || c.version < 0) {
      return Unreadable("v", "not a version", value);
    }
  } else if (name.starts_with(kLabelPrefix)) {
    c.labels.emplace(name.substr(kLabelPrefix.size()), value);
  } else if (name.starts_with(kDuePrefix)) {
    auto kind = ParseDeadline(name.substr(kDuePrefix.size()));
    if (!kind) {
      return Unreadable(name, "not a deadline kind", name);
    }
    TimeMs due = 0;
    if (!ParseWhole(value, due)) {
      return Unreadable(name, "not a whole number", value);
    }
    c.deadlines[*kind] = due;
  }
  return Ok{};
}

}  // namespace

// A field that is missing takes its default: a case filed by the dialog holds only the answers,
// status, phone, lang, channel, region, created_at, updated_at and tracking_no (no "v": 0).
Result<Case> CaseFromFields(std::span<const FieldView> fields) {
  Case c;
  bool has_status = false;
  for (const auto& [name, value] : fields) {
    if (auto read = ReadField(name, value, c); !read) {
      return read.error();
    }
    has_status = has_status || name == "status";
  }
  if (c.tracking_no.empty()) {
    return Error{Errc::kInternal, "case field tracking_no: missing"};
  }
  if (!has_status) {
    return Error{Errc::kInternal, "case field status: missing"};
  }
  return c;
}

Result<Case> CaseFromFields(const std::map<std::string, std::string>& fields) {
  std::vector<FieldView> views(fields.begin(), fields.end());
  return CaseFromFields(views);
}

}  // namespace lapor::cases
