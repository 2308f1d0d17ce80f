#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace lapor::dialog {

enum class Channel { kUssd, kSms };

// Where one citizen is in one conversation. Plain data: the engine takes and returns it, the
// store keeps it as a compact record (dialog/session_record.hpp).
struct Session {
  std::string node;  // current node id; kResumeNode while offering to resume
  std::string lang = "id";
  std::map<std::string, std::string> answers;
  std::vector<std::string> trail;   // nodes left behind, for "0" (back)
  int page = 0;                     // menu page shown (long menus)
  std::set<std::string> prefilled;  // slots filled from a first SMS: not asked again
  // What is offered for a slot, to be confirmed: a menu's value suggested by a first SMS
  // ("category" -> "infrastruktur"), or the places found for a place node, their codes joined
  // by commas ("place" -> "19.04.01,19.04.01.1001").
  std::map<std::string, std::string> offers;
  std::string resume_node;  // the node to go back to if the citizen resumes
  TimeMs started_at = 0;
  TimeMs updated_at = 0;
  std::string ussd_text;  // UssdTextMark of the cumulative USSD text seen so far
  // The dialog version the session started on (0: as shipped); it finishes on that version.
  int64_t dialog_version = 0;

  bool operator==(const Session&) const = default;
};

inline constexpr std::string_view kResumeNode = "@resume";

// A session stored as JSON by a version before the compact record (DecodeSession reads both).
// Errc::kInternal when the JSON is not a session (a bug or a hand edit).
Result<Session> SessionFromJson(const nlohmann::json& doc);

}  // namespace lapor::dialog
