#include "channels/kannel/sms.hpp"

#include "text/gsm7.hpp"
#include "text/sms_segments.hpp"

namespace lapor::channels::kannel {

Result<InboundMessage> ParseSms(const Fields& query) {
  return ParseSmsFields(query, "kannel",
                        {.missing_hint = "get-url ...from=%p&text=%a&id=%I",
                         .utf8_hint = "set mo-recode = true in smsbox"});
}

ProviderReply RenderSmsReply(const DialogReply& reply) {
  ProviderReply out;
  out.body = text::ToSmsText(reply.text);
  if (!text::IsGsm7(out.body)) {
    out.headers.emplace_back("X-Kannel-Coding", "2");
  }
  return out;
}

}  // namespace lapor::channels::kannel
