#include "dialog/sms_keywords.hpp"

#include <array>
#include <cctype>

#include "cases/tracking_number.hpp"
#include "text/citizen_text.hpp"

namespace lapor::dialog {
namespace {

struct WordRule {
  std::string_view word;
  Keyword keyword;
  std::string_view argument;  // fixed argument (language) or empty
};

constexpr std::array<WordRule, 12> kWholeMessage = {{
    {"stop", Keyword::kStop, ""},
    {"berhenti", Keyword::kStop, ""},
    {"start", Keyword::kStart, ""},
    {"mulai", Keyword::kStart, ""},
    {"bantuan", Keyword::kHelp, ""},
    {"help", Keyword::kHelp, ""},
    {"batal", Keyword::kCancel, ""},
    {"cancel", Keyword::kCancel, ""},
    {"en", Keyword::kLanguage, "en"},
    {"english", Keyword::kLanguage, "en"},
    {"id", Keyword::kLanguage, "id"},
    {"indonesia", Keyword::kLanguage, "id"},
}};

}  // namespace

SmsCommand ParseSmsCommand(std::string_view text) {
  std::string folded = text::FoldForMatch(text);
  for (const auto& rule : kWholeMessage) {
    if (folded == rule.word) {
      return {rule.keyword, std::string(rule.argument)};
    }
  }
  auto space = folded.find(' ');
  std::string_view first = std::string_view(folded).substr(0, space);
  // Keep the rest as the citizen wrote it (case included): it may become the report's details.
  std::string_view rest;
  if (space != std::string::npos) {
    auto original_space = text.find_first_of(" \t");
    rest = original_space == std::string_view::npos ? std::string_view{}
                                                    : text.substr(original_space + 1);
    while (!rest.empty() && rest.front() == ' ') {
      rest.remove_prefix(1);
    }
  }
  if (first == "lapor" || first == "report") {
    return {Keyword::kReport, std::string(rest)};
  }
  bool numberish = !rest.empty() &&
                   (std::isdigit(static_cast<unsigned char>(rest.front())) || rest.front() == '#');
  if ((first == "cek" || first == "status" || first == "check") && (rest.empty() || numberish)) {
    return {Keyword::kCheck, std::string(rest)};
  }
  // "Tidak 3 hari sampah tidak diangkut" is an answer: these are commands only with a tracking
  // number that is one.
  const bool tracked = cases::LeadingTrackingNumber(rest).has_value();
  if (first == "info" && tracked) {
    return {Keyword::kInfo, std::string(rest)};
  }
  if ((first == "puas" || first == "satisfied") && tracked) {
    return {Keyword::kFeedback, std::string(rest), true};
  }
  if ((first == "tidak" || first == "unsatisfied") && tracked) {
    return {Keyword::kFeedback, std::string(rest), false};
  }
  return {};
}

}  // namespace lapor::dialog
