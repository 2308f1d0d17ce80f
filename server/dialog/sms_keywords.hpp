#pragma once

#include <string>
#include <string_view>

namespace lapor::dialog {

enum class Keyword { kNone, kReport, kCheck, kHelp, kCancel, kLanguage };

struct SmsCommand {
  Keyword keyword = Keyword::kNone;
  std::string argument;  // LAPOR: the text after it; CEK: the number as typed; language: "id"/"en"
};

// Reads an SMS keyword, in any case, from cleaned text. BANTUAN/HELP, BATAL/CANCEL and EN/ID count
// only as the whole message, so a report that starts with "batal ..." stays a report; CEK/STATUS
// only when what follows is empty or starts with a digit or '#'; LAPOR takes the rest as details.
SmsCommand ParseSmsCommand(std::string_view text);

}  // namespace lapor::dialog
