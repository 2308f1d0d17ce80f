#pragma once

#include "channels/africastalking/africastalking_config.hpp"
#include "channels/outbound.hpp"

namespace lapor::channels::africastalking {

// Africa's Talking messaging API as an outbound gateway ("Send SMS"):
//   POST <messaging_url>   header apiKey: <api key>, Accept: application/json
//   form username, to (E.164), message, [from]
// answered 201 with {"SMSMessageData": {"Message": "Sent to 1/1 ...", "Recipients": [{"number",
// "status", "statusCode", "messageId", "cost", "messageParts"}]}}. statusCode 100 (Processed),
// 101 (Sent) and 102 (Queued) are taken, with messageId as the reference its delivery reports
// carry; 403 InvalidPhoneNumber, 404 UnsupportedNumberType, 406 UserInBlacklist, 407
// CouldNotRoute and 409 DoNotDisturbRejection are refused for good; anything else (401
// RiskHold, 402 InvalidSenderId, 405 InsufficientBalance, 5xx, an HTTP error) is tried again.
class AfricasTalkingGateway final : public Gateway {
 public:
  explicit AfricasTalkingGateway(const AfricasTalkingConfig& config);

  std::string_view name() const override { return "africastalking"; }
  OutboundRequest Build(const OutboundSms& sms) const override;
  SendVerdict Read(int status, std::string_view body) const override;
  const OutboundOptions& options() const override { return config_.outbound; }

 private:
  AfricasTalkingConfig config_;
};

}  // namespace lapor::channels::africastalking
