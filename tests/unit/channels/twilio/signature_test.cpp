// X-Twilio-Signature, on Twilio's own documented example ("Validating requests are coming from
// Twilio", see tests/fixtures/twilio/README.md).
#include "channels/twilio/signature.hpp"

#include <gtest/gtest.h>

#include <string>

namespace lapor::channels::twilio {
namespace {

constexpr const char* kToken = "12345";
constexpr const char* kUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";
// The documented POST parameters, as the form body Twilio sends them.
constexpr const char* kBody =
    "CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030"
    "&To=%2B18005551212";
constexpr const char* kDocumentedSignature = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

TEST(TwilioSignature, TheDocumentedExampleVerifies) {
  auto params = text::ParseUrlEncodedPairs(kBody);
  ASSERT_TRUE(params.ok());
  EXPECT_EQ(Signature(kToken, kUrl, *params), kDocumentedSignature);
  EXPECT_TRUE(CheckSignature(kToken, kUrl, kBody, kDocumentedSignature).ok());
  // The older page's example: the same, with +14158675309 as Caller and From.
  const std::string older =
      "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309"
      "&To=%2B18005551212";
  EXPECT_TRUE(CheckSignature(kToken, kUrl, older, "RSOYDt4T1cUTdK1PDd93/VVr8B8=").ok());
}

TEST(TwilioSignature, ParametersAreSortedWhateverOrderTheyCameIn) {
  const std::string shuffled =
      "To=%2B18005551212&Digits=1234&From=%2B12349013030&CallSid=CA1234567890ABCDE"
      "&Caller=%2B12349013030";
  EXPECT_TRUE(CheckSignature(kToken, kUrl, shuffled, kDocumentedSignature).ok());
}

TEST(TwilioSignature, AChangedParameterUrlOrTokenFails) {
  const std::string body = kBody;
  const std::string changed_param =
      "CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1235"
      "&From=%2B12349013030&To=%2B18005551212";
  const std::string extra_param = body + "&Body=PUAS+000000427";
  const std::string dropped_param = body.substr(0, body.rfind('&'));
  for (const auto& [what, token, url, form] :
       {std::tuple<const char*, std::string, std::string, std::string>{"parameter", kToken, kUrl,
                                                                       changed_param},
        {"added parameter", kToken, kUrl, extra_param},
        {"dropped parameter", kToken, kUrl, dropped_param},
        {"url", kToken, "https://mycompany.com/myapp.php?foo=1&bar=3", body},
        {"scheme", kToken, "http://mycompany.com/myapp.php?foo=1&bar=2", body},
        {"token", "12346", kUrl, body}}) {
    auto checked = CheckSignature(token, url, form, kDocumentedSignature);
    ASSERT_FALSE(checked.ok()) << what;
    EXPECT_EQ(checked.error().code, Errc::kForbidden) << what;
  }
  EXPECT_EQ(CheckSignature(kToken, kUrl, kBody, "").error().code, Errc::kForbidden);
  EXPECT_EQ(CheckSignature(kToken, kUrl, "%zz", kDocumentedSignature).error().code,
            Errc::kForbidden);
}

TEST(TwilioSignature, ParametersWeDoNotKnowCountAndRepeatsSortByValue) {
  text::FormPairs params = {{"Body", "b"}, {"AddOns", "{}"}, {"Body", "a"}};
  // "<url>AddOns{}BodyaBodyb"
  text::FormPairs sorted = {{"AddOns", "{}"}, {"Body", "a"}, {"Body", "b"}};
  EXPECT_EQ(Signature(kToken, kUrl, params), Signature(kToken, kUrl, sorted));
  EXPECT_NE(Signature(kToken, kUrl, params), Signature(kToken, kUrl, {{"Body", "a"}}));
}

}  // namespace
}  // namespace lapor::channels::twilio
