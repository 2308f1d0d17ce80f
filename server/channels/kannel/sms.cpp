#include "channels/kannel/sms.hpp"

#include "common/constant_time.hpp"
#include "text/citizen_text.hpp"
#include "text/phone.hpp"
#include "text/sms_segments.hpp"

namespace lapor::channels::kannel {
Result<InboundMessage> ParseSms(const Fields& query, const std::string& secret) {
  auto field = [&](std::string_view name) -> const std::string* {
    auto it = query.find(name);
    return it == query.end() ? nullptr : &it->second;
  };
  if (!secret.empty()) {
    const std::string* given = field("secret");
    if (given == nullptr || !ConstantTimeEquals(*given, secret)) {
      return Error{Errc::kUnauthorized, "secret is missing or wrong"};
    }
  }
  const std::string* from = field("from");
  const std::string* text = field("text");
  const std::string* id = field("id");
  if (from == nullptr || text == nullptr || id == nullptr) {
    return Error{Errc::kBadRequest,
                 "from, text and id are required (get-url ...from=%p&text=%a&id=%I)"};
  }
  if (!IsProviderId(*id)) {
    return Error{Errc::kBadRequest, "id must be 1-128 characters of letters, digits, - _ . :"};
  }
  auto msisdn = text::NormalizeMsisdn(*from);
  if (!msisdn) {
    return Error{Errc::kBadRequest, "from is not a phone number"};
  }
  auto cleaned = text::CleanCitizenText(*text);
  if (!cleaned) {
    return Error{Errc::kBadRequest, "text is not valid UTF-8 (set mo-recode = true in smsbox)"};
  }
  return InboundMessage{.provider = "kannel",
                        .channel = dialog::Channel::kSms,
                        .msisdn = *msisdn,
                        .text = std::move(*cleaned),
                        .message_id = *id};
}

ProviderReply RenderSmsReply(const DialogReply& reply) {
  ProviderReply out;
  out.body = reply.text;
  if (!text::IsGsm7(reply.text)) {
    out.headers.emplace_back("X-Kannel-Coding", "2");
  }
  return out;
}

}  // namespace lapor::channels::kannel
