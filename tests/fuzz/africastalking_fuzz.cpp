// libFuzzer target: everything Africa's Talking posts to us (channels/africastalking): USSD
// steps, incoming SMS, delivery reports and end-of-session notifications, from one form body;
// and the newest USSD input of a cumulative text. Seeds: tests/fixtures/africastalking/.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "channels/africastalking/delivery_report.hpp"
#include "channels/africastalking/sms.hpp"
#include "channels/africastalking/ussd.hpp"
#include "channels/africastalking/ussd_events.hpp"
#include "channels/webhook_auth.hpp"
#include "fuzz_check.hpp"
#include "text/url_encoding.hpp"
#include "text/utf8.hpp"

using lapor::fuzz::Check;
namespace at = lapor::channels::africastalking;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto form = lapor::text::ParseUrlEncoded(body);
  if (!form.ok()) {
    return 0;
  }
  (void)lapor::channels::CheckQueryToken(*form, "token", "at-t0ken-of-16-chars");
  if (auto ussd = at::ParseUssd(*form, {"*1708#"}); ussd.ok()) {
    Check(lapor::text::IsValidUtf8(ussd->text), "USSD text is UTF-8");
    const std::string newest = ussd->NewestInput(std::nullopt);
    Check(newest.size() <= ussd->text.size(), "the newest input is part of the text");
    (void)ussd->NewestInput(std::string_view(ussd->text).substr(0, ussd->text.size() / 2));
    auto reply = at::RenderUssdReply({.text = ussd->text, .end = size % 2 == 0});
    Check(reply.body.starts_with("CON ") || reply.body.starts_with("END "), "CON or END");
  }
  if (auto sms = at::ParseSms(*form); sms.ok()) {
    Check(sms->msisdn.starts_with('+'), "an E.164 number");
  }
  if (auto report = at::ParseDeliveryReport(*form); report.ok()) {
    Check(!report->provider_ref.empty() && report->message_id.empty(), "names AT's id only");
  }
  if (auto end = at::ParseUssdSessionEnd(*form); end.ok()) {
    Check(end->duration_ms >= 0 && end->hops >= 0, "counts are not negative");
  }
  return 0;
}
