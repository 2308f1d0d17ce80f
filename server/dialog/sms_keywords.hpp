#pragma once

#include <string>
#include <string_view>

namespace lapor::dialog {

enum class Keyword {
  kNone,
  kReport,
  kCheck,
  kHelp,
  kCancel,
  kLanguage,
  kStop,      // no more notices, except the answer itself
  kStart,     // notices again
  kInfo,      // INFO <no> <text>: more data for a case
  kFeedback,  // PUAS <no> / TIDAK <no>: the citizen rates the answer
};

struct SmsCommand {
  Keyword keyword = Keyword::kNone;
  // LAPOR: the text after it; CEK, INFO, PUAS/TIDAK: the rest as typed (number first);
  // language: "id"/"en"
  std::string argument;
  bool satisfied = false;  // kFeedback
};

// Reads an SMS keyword, in any case, from cleaned text. BANTUAN/HELP, BATAL/CANCEL and EN/ID count
// only as the whole message, so a report that starts with "batal ..." stays a report; CEK/STATUS
// only when what follows is empty or starts with a digit or '#'; LAPOR takes the rest as details.
// STOP/START as the whole message; INFO, PUAS/TIDAK (SATISFIED/UNSATISFIED) only when a valid
// tracking number follows (cases::LeadingTrackingNumber), so "Tidak 3 hari sampah tidak
// diangkut" stays the citizen's words.
SmsCommand ParseSmsCommand(std::string_view text);

}  // namespace lapor::dialog
