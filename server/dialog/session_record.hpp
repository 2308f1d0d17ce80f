#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"
#include "dialog/session.hpp"

namespace lapor::dialog {

// The stored form of a Session: a short versioned text record, written and read on every step,
// so it is built without a JSON document. "S1" then each field as "<length>:<bytes>" in a fixed
// order (lists and maps behind their count); lengths, not separators, so any byte a citizen types
// survives without escaping. About half the size of the JSON it replaces.
std::string EncodeSession(const Session& session);

// Reads what EncodeSession wrote, or a session stored as JSON by a version before the record
// (a session lives minutes, so only across an upgrade). Errc::kInternal when `record` is neither
// (a bug or a hand edit).
Result<Session> DecodeSession(std::string_view record);

}  // namespace lapor::dialog
