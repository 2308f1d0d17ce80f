// libFuzzer target: everything Kannel sends us (channels/kannel): the get-url's query through the
// secret check and ParseSms, the dlr-url's query through ParseDeliveryReport, and the reply.
// Seeds: tests/fixtures/kannel/.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "channels/kannel/delivery_report.hpp"
#include "channels/kannel/sms.hpp"
#include "channels/webhook_auth.hpp"
#include "fuzz_check.hpp"
#include "text/url_encoding.hpp"
#include "text/utf8.hpp"

using lapor::fuzz::Check;
namespace channels = lapor::channels;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  auto fields = lapor::text::ParseUrlEncoded(query);
  if (fields.ok()) {
    auto allowed = channels::CheckQueryToken(*fields, "secret", "l4por-s3cret");
    if (allowed.ok()) {
      Check(fields->at("secret") == "l4por-s3cret", "only the secret lets it in");
    }
    auto message = channels::kannel::ParseSms(*fields);
    if (message.ok()) {
      Check(message->msisdn.starts_with('+'), "an E.164 number");
      Check(lapor::text::IsValidUtf8(message->text), "cleaned text is UTF-8");
      Check(channels::IsProviderId(message->message_id), "a provider id");
      auto reply = channels::kannel::RenderSmsReply({.text = message->text});
      Check(reply.status == 200, "Kannel's replies are 200");
    }
  }
  auto report = channels::kannel::ParseDeliveryReport(query);
  if (report.ok()) {
    Check(!report->message_id.empty() && report->message_id[0] != '0', "an id without zeros");
    (void)channels::kannel::ToDeliveryReport(*report);
  }
  return 0;
}
