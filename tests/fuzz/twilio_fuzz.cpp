// libFuzzer target: what Twilio posts to us (channels/twilio): the signature check over any form
// body, incoming messages, status callbacks and the TwiML reply. Seeds: tests/fixtures/twilio/.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "channels/twilio/signature.hpp"
#include "channels/twilio/sms.hpp"
#include "fuzz_check.hpp"
#include "text/url_encoding.hpp"

using lapor::fuzz::Check;
namespace twilio = lapor::channels::twilio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const std::string url = "https://lapor1708.example.go.id/webhooks/twilio/sms";
  auto pairs = lapor::text::ParseUrlEncodedPairs(body);
  if (pairs.ok()) {
    const std::string signature = twilio::Signature("12345", url, *pairs);
    Check(twilio::CheckSignature("12345", url, body, signature).ok(), "its own signature verifies");
    Check(!twilio::CheckSignature("12346", url, body, signature).ok(), "another token fails");
  }
  Check(!twilio::CheckSignature("12345", url, body, "").ok(), "no signature fails");
  auto form = lapor::text::ParseUrlEncoded(body);
  if (!form.ok()) {
    return 0;
  }
  if (auto sms = twilio::ParseSms(*form); sms.ok()) {
    auto twiml = twilio::RenderTwiml({.text = sms->text});
    // <?xml ...?><Response><Message>...</Message></Response>, or <?xml ...?><Response/>: the
    // citizen's text can open no element of its own.
    const auto brackets = std::count(twiml.body.begin(), twiml.body.end(), '<');
    Check(brackets == 5 || brackets == 2, "the text cannot open an element");
  }
  (void)twilio::ParseStatusCallback(*form, *form);
  return 0;
}
