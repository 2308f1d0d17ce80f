#include "channels/africastalking/messaging.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "text/url_encoding.hpp"

namespace lapor::channels::africastalking {
namespace {

// Recipient statusCodes that will not change by trying again.
constexpr std::array<int, 5> kRefusedForGood = {403, 404, 406, 407, 409};

std::string Field(const nlohmann::json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end()) {
    return "";
  }
  return it->is_string() ? it->get<std::string>() : it->dump();
}

}  // namespace

AfricasTalkingGateway::AfricasTalkingGateway(const AfricasTalkingConfig& config)
    : config_(config) {}

OutboundRequest AfricasTalkingGateway::Build(const OutboundSms& sms) const {
  std::string body = "username=" + text::UrlEncode(config_.username) +
                     "&to=" + text::UrlEncode(sms.to) + "&message=" + text::UrlEncode(sms.text);
  if (!config_.from.empty()) {
    body += "&from=" + text::UrlEncode(config_.from);
  }
  return OutboundRequest{.method = "POST",
                         .url = config_.messaging_url,
                         .headers = {{"apiKey", config_.api_key},
                                     {"Accept", "application/json"},
                                     {"Content-Type", "application/x-www-form-urlencoded"}},
                         .body = std::move(body)};
}

SendVerdict AfricasTalkingGateway::Read(int status, std::string_view body) const {
  using Kind = SendVerdict::Kind;
  if (status < 200 || status > 299) {
    return {.kind = Kind::kRetry, .error = RefusalText(status, body)};
  }
  auto doc = nlohmann::json::parse(body, nullptr, false);
  const nlohmann::json* recipients = nullptr;
  if (doc.is_object() && doc.contains("SMSMessageData") && doc["SMSMessageData"].is_object()) {
    auto& data = doc["SMSMessageData"];
    if (data.contains("Recipients") && data["Recipients"].is_array()) {
      recipients = &data["Recipients"];
    }
  }
  if (recipients == nullptr) {
    return {.kind = Kind::kRetry,
            .error = "not an SMSMessageData answer: " + RefusalText(status, body)};
  }
  if (recipients->empty() || !(*recipients)[0].is_object()) {
    // No recipient taken: the Message says why ("Invalid Phone Number", "InvalidSenderId").
    return {.kind = Kind::kRetry,
            .error = "no recipient accepted: " + Field(doc["SMSMessageData"], "Message")};
  }
  const nlohmann::json& first = (*recipients)[0];
  const auto code_it = first.find("statusCode");
  const int code = code_it != first.end() && code_it->is_number_integer() ? code_it->get<int>() : 0;
  if (code >= 100 && code <= 102) {
    return {.kind = Kind::kAccepted, .provider_ref = Field(first, "messageId")};
  }
  const std::string why = "statusCode " + std::to_string(code) + " " + Field(first, "status");
  for (int refused : kRefusedForGood) {
    if (code == refused) {
      return {.kind = Kind::kRefused, .error = why};
    }
  }
  return {.kind = Kind::kRetry, .error = why};
}

}  // namespace lapor::channels::africastalking
