#pragma once

#include "channels/outbound.hpp"
#include "channels/twilio/twilio_config.hpp"

namespace lapor::channels::twilio {

// Twilio's Messages API as an outbound gateway ("Create a Message resource"):
//   POST <api_base_url>/2010-04-01/Accounts/<AccountSid>/Messages.json
//   Authorization: Basic base64(<AccountSid>:<AuthToken>)
//   form To, From (or MessagingServiceSid), Body[, StatusCallback=<our status URL>?id=<our id>]
// answered 201 with the Message resource, whose "sid" (SM...) is the reference. 429 and 5xx
// are tried again, and 401 (an account to fix); any other 4xx is refused for good with
// Twilio's {"code", "message"} (21211 an invalid To, 21610 an unsubscribed number).
class TwilioGateway final : public Gateway {
 public:
  explicit TwilioGateway(const TwilioConfig& config);

  std::string_view name() const override { return "twilio"; }
  OutboundRequest Build(const OutboundSms& sms) const override;
  SendVerdict Read(int status, std::string_view body) const override;
  const OutboundOptions& options() const override { return config_.outbound; }

 private:
  TwilioConfig config_;
};

}  // namespace lapor::channels::twilio
