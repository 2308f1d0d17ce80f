// libFuzzer target: JSON decoding of the gateways' answers to our sends (Africa's Talking's
// SMSMessageData, Twilio's Message resource and errors, the generic gateway's {"id"}), for any
// status and body. Seeds: the *.json fixtures.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "channels/africastalking/messaging.hpp"
#include "channels/generic/json_sms.hpp"
#include "channels/kannel/gateway.hpp"
#include "channels/twilio/messages.hpp"
#include "fuzz_check.hpp"

using lapor::fuzz::Check;
namespace channels = lapor::channels;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) {
    return 0;
  }
  const int status = 200 + (data[0] % 4) * 100 + data[0] % 30;  // 2xx to 5xx
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  static const channels::africastalking::AfricasTalkingGateway at(
      {.username = "u", .api_key = "k"});
  static const channels::twilio::TwilioGateway twilio({.account_sid = "AC1", .auth_token = "t"});
  static const channels::generic::GenericGateway generic({.secret = "s", .send_url = "http://g/"});
  static const channels::kannel::KannelGateway kannel({.sendsms_url = "http://k/"}, "1708");
  for (const channels::Gateway* gateway :
       {static_cast<const channels::Gateway*>(&at), static_cast<const channels::Gateway*>(&twilio),
        static_cast<const channels::Gateway*>(&generic),
        static_cast<const channels::Gateway*>(&kannel)}) {
    const channels::SendVerdict verdict = gateway->Read(status, body);
    if (verdict.kind == channels::SendVerdict::Kind::kAccepted) {
      Check(status >= 200 && status <= 299, "only a 2xx is taken");
    } else {
      Check(!verdict.error.empty(), "a refusal says why");
    }
  }
  return 0;
}
