#include "cases/notice_text.hpp"

namespace lapor::cases {
namespace {

// The language a notice is rendered in: its own if the set has the text, else "id", else the
// first language the set has it in.
std::string_view LanguageFor(const Notice& notice, const text::TemplateSet& templates) {
  if (templates.Has(notice.lang, notice.template_key)) {
    return notice.lang;
  }
  if (templates.Has("id", notice.template_key)) {
    return "id";
  }
  for (const auto& lang : templates.languages()) {
    if (templates.Has(lang, notice.template_key)) {
      return lang;
    }
  }
  return notice.lang;
}

}  // namespace

std::vector<OutboundSms> RenderNotices(const std::vector<Notice>& notices,
                                       const text::TemplateSet& templates) {
  std::vector<OutboundSms> sms;
  sms.reserve(notices.size());
  for (const auto& notice : notices) {
    sms.push_back(
        {.to = notice.to,
         .text = templates.Render(LanguageFor(notice, templates), notice.template_key, notice.vars),
         .kind = notice.template_key,
         .to_citizen = notice.audience == Audience::kCitizen,
         .essential = notice.essential});
  }
  return sms;
}

}  // namespace lapor::cases
