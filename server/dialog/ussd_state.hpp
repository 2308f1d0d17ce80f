#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lapor::dialog {

// A citizen's USSD conversation as one Redis string (`ussd:{<msisdn>}`), all a USSD step
// reads and writes of it: one key per phone instead of a session hash per call, a resume copy and
// a dedupe record per step (2,656 bytes of Redis for a live session before, bench/README.md).
// - `version`: the step script's compare-and-set; it carries on across calls.
// - `call`: UssdShortId of the telco's session id. A dial with another id is a new call; the
//   session left by the old one, if any, is what the new call may resume (a phone holds one USSD
//   call at a time).
// - `seen`: UssdShortId of the message last answered. A telco retries only the request in
//   flight, so the last one is the only one a retry can name.
// - `session`: the session record (dialog/session_record.hpp) while the dialog goes on, "" once
//   it ended.
// - `reply`: the answer to `seen`, kept only when rendering `session` again would not give it (a
//   hint, an end); "" otherwise.
//
// Text: "U1 <version> <call> <seen> <C|E> <session length>:<session><reply>". Provider ids hold
// no spaces (channels::IsProviderId), the session goes behind its length and the reply last, so
// dialog_step.lua can read the version and `seen` with one pattern and put a tracking number in
// the reply without re-encoding anything.
struct UssdState {
  int64_t version = 0;
  std::string call;
  std::string seen;
  bool end = false;  // the answer to `seen` ended the call (USSD END)
  std::string session;
  std::string reply;

  bool operator==(const UssdState&) const = default;
};

std::string EncodeUssdState(const UssdState& state);
// nullopt when `stored` is not what EncodeUssdState writes (a bug or a hand edit).
std::optional<UssdState> DecodeUssdState(std::string_view stored);

// The short form of a provider's id kept in `call` and `seen`: 12 hex digits (48 bits) of its
// SHA-1, so a long id (Africa's Talking's are 38 characters) costs no more than a short one. Each
// is only ever compared with one other: a call with the phone's previous call, a message with the
// one before it in the same call; two such colliding is a one in 2^48 chance.
std::string UssdShortId(std::string_view provider_id);

// What a session keeps (Session::ussd_text) of the cumulative text a telco sent with the last
// USSD step: "<length>:<UssdShortId>", "" for "". Not the text itself, which repeats every answer
// of the call (the details typed, most of all) in the same Redis string a second time.
std::string UssdTextMark(std::string_view text);
// The length of the text `mark` was made of, when `text` is that text and one more input
// ("<that text>*<input>"); nullopt otherwise (a telco that started the text over, say).
std::optional<size_t> UssdTextExtends(std::string_view mark, std::string_view text);

}  // namespace lapor::dialog
