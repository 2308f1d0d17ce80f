#include "channels/twilio/messages.hpp"

#include <nlohmann/json.hpp>

#include "common/digest.hpp"
#include "text/url_encoding.hpp"

namespace lapor::channels::twilio {

TwilioGateway::TwilioGateway(const TwilioConfig& config) : config_(config) {}

OutboundRequest TwilioGateway::Build(const OutboundSms& sms) const {
  std::string body = "To=" + text::UrlEncode(sms.to);
  body += config_.from.empty()
              ? "&MessagingServiceSid=" + text::UrlEncode(config_.messaging_service_sid)
              : "&From=" + text::UrlEncode(config_.from);
  body += "&Body=" + text::UrlEncode(sms.text);
  if (config_.status_callbacks) {
    body += "&StatusCallback=" +
            text::UrlEncode(config_.public_base_url + "/webhooks/twilio/status?id=" + sms.id);
  }
  return OutboundRequest{.method = "POST",
                         .url = config_.api_base_url + "/2010-04-01/Accounts/" +
                                config_.account_sid + "/Messages.json",
                         .headers = {{"Authorization", "Basic " + Base64(config_.account_sid + ":" +
                                                                         config_.auth_token)},
                                     {"Accept", "application/json"},
                                     {"Content-Type", "application/x-www-form-urlencoded"}},
                         .body = std::move(body)};
}

SendVerdict TwilioGateway::Read(int status, std::string_view body) const {
  using Kind = SendVerdict::Kind;
  auto doc = nlohmann::json::parse(body, nullptr, false);
  auto text = [&](const char* name) -> std::string {
    if (!doc.is_object() || !doc.contains(name)) {
      return "";
    }
    return doc[name].is_string() ? doc[name].get<std::string>() : doc[name].dump();
  };
  if (status >= 200 && status <= 299) {
    if (text("sid").empty()) {
      return {.kind = Kind::kRetry, .error = "no sid in " + RefusalText(status, body)};
    }
    return {.kind = Kind::kAccepted, .provider_ref = text("sid")};
  }
  const std::string why =
      "HTTP " + std::to_string(status) + ": " + text("code") + " " + text("message").substr(0, 200);
  const bool again = status == 401 || status == 429 || status >= 500;
  return {.kind = again ? Kind::kRetry : Kind::kRefused, .error = why};
}

}  // namespace lapor::channels::twilio
