#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"
#include "dialog/session.hpp"

namespace lapor::dialog {

// The stored form of a Session: a short versioned text record, written and read on every step,
// so it is built without a JSON document. "S2" then each field as "<length>:<bytes>" in a fixed
// order (lists and maps behind their count); lengths, not separators, so any byte a citizen types
// survives without escaping. About half the size of the JSON it replaces. updated_at is written
// as milliseconds after started_at (a few digits instead of thirteen: a live USSD session is
// kept whole in one Redis string, and every byte counts against its allocation class there).
std::string EncodeSession(const Session& session);

// Reads what EncodeSession wrote, an "S1" record (updated_at written whole, before S2) or a
// session stored as JSON by a version before the record (a session lives minutes, so only across
// an upgrade). Errc::kInternal when `record` is none of these (a bug or a hand edit).
Result<Session> DecodeSession(std::string_view record);

}  // namespace lapor::dialog
