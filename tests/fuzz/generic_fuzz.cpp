// libFuzzer target: the generic JSON gateway's requests (channels/generic): JSON bodies of SMS
// and delivery reports, and the HMAC check with its replay window. Seeds: tests/fixtures/generic/.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "channels/generic/json_sms.hpp"
#include "channels/generic/signature.hpp"
#include "fuzz_check.hpp"

using lapor::fuzz::Check;
namespace generic = lapor::channels::generic;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  constexpr lapor::TimeMs kNow = 1795827600000;
  const std::string signature = generic::Sign("generic-secret-16+", kNow / 1000, body);
  Check(generic::CheckSignature("generic-secret-16+", std::to_string(kNow / 1000), signature, body,
                                kNow, 300)
            .ok(),
        "its own signature verifies");
  Check(!generic::CheckSignature("generic-secret-16+", std::to_string(kNow / 1000 - 301), signature,
                                 body, kNow, 300)
             .ok(),
        "outside the window fails");
  (void)generic::CheckSignature("generic-secret-16+", body.substr(0, 12), signature, body, kNow,
                                300);
  if (auto sms = generic::ParseSms(body); sms.ok()) {
    Check(sms->msisdn.starts_with('+'), "an E.164 number");
    (void)generic::RenderReply({.text = sms->text});
  }
  if (auto report = generic::ParseDeliveryReport(body); report.ok()) {
    Check(!report->message_id.empty(), "our id");
  }
  return 0;
}
