#include "channels/twilio/sms.hpp"

#include <array>
#include <utility>

#include "text/gsm7.hpp"

namespace lapor::channels::twilio {
namespace {

constexpr std::array<std::pair<std::string_view, DeliveryState>, 10> kStates = {{
    {"queued", DeliveryState::kQueued},
    {"accepted", DeliveryState::kQueued},
    {"scheduled", DeliveryState::kQueued},
    {"sending", DeliveryState::kSent},
    {"sent", DeliveryState::kSent},
    {"delivered", DeliveryState::kDelivered},
    {"read", DeliveryState::kDelivered},
    {"undelivered", DeliveryState::kFailed},
    {"failed", DeliveryState::kFailed},
    {"canceled", DeliveryState::kFailed},
}};

std::string XmlEscaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

Result<InboundMessage> ParseSms(const Fields& form) {
  return ParseSmsFields(form, "twilio", {.from = "From", .text = "Body", .id = "MessageSid"});
}

ProviderReply RenderTwiml(const DialogReply& reply) {
  ProviderReply out;
  out.content_type = "application/xml";
  out.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
  const std::string text = text::ToSmsText(reply.text);
  out.body += text.empty() ? "<Response/>"
                           : "<Response><Message>" + XmlEscaped(text) + "</Message></Response>";
  return out;
}

Result<DeliveryReport> ParseStatusCallback(const Fields& form, const Fields& query) {
  auto sid = form.find("MessageSid");
  if (sid == form.end() || !IsProviderId(sid->second)) {
    return Error{Errc::kBadRequest, "MessageSid: missing or not a message id"};
  }
  auto status = form.find("MessageStatus");
  if (status == form.end()) {
    return Error{Errc::kBadRequest, "MessageStatus: missing"};
  }
  auto ours = query.find("id");
  auto error = form.find("ErrorCode");
  for (const auto& [name, state] : kStates) {
    if (status->second == name) {
      return DeliveryReport{.message_id = ours == query.end() ? "" : ours->second,
                            .provider_ref = sid->second,
                            .state = state,
                            .provider_status = status->second,
                            .reason = error == form.end() ? "" : error->second.substr(0, 20)};
    }
  }
  return Error{Errc::kBadRequest, "MessageStatus: not a status of an outbound message"};
}

}  // namespace lapor::channels::twilio
