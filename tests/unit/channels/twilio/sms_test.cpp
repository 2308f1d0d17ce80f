// Twilio messaging: the incoming webhook, the TwiML reply, status callbacks and the Messages API,
// on the fixtures of tests/fixtures/twilio/.
#include "channels/twilio/sms.hpp"

#include <gtest/gtest.h>

#include "channels/twilio/messages.hpp"
#include "common/digest.hpp"
#include "unit/channels/provider_fixture.hpp"

namespace lapor::channels::twilio {
namespace {

using test::ProviderFixtureFields;
using test::ReadProviderFixture;

Fields Fixture(const std::string& name) { return ProviderFixtureFields("twilio/" + name); }

TwilioConfig Account() {
  TwilioConfig c;
  c.enabled = true;
  c.account_sid = "AC7e4b2d9f1a3c5e7b9d1f3a5c7e9b1d3f";
  c.auth_token = "f0e1d2c3b4a5968778695a4b3c2d1e0f";
  c.public_base_url = "https://lapor1708.example.go.id";
  c.from = "+6221170800";
  return c;
}

TEST(TwilioSms, IncomingMessageFromItsFixture) {
  auto message = ParseSms(Fixture("sms-incoming.form"));
  ASSERT_TRUE(message.ok()) << message.error().message;
  EXPECT_EQ(message->provider, "twilio");
  EXPECT_EQ(message->msisdn, "+6281234567890");
  EXPECT_EQ(message->text, "Jalan rusak di depan SD Negeri 3, mohon diperbaiki");
  EXPECT_EQ(message->message_id, "SM5f2a1c7e9b3d4f6a8c0e2b4d6f8a0c1e");
  EXPECT_EQ(ParseSms(Fixture("sms-incoming-emoji.form"))->text,
            "Lampu jalan mati \xF0\x9F\x98\xA1");
  for (const char* field : {"From", "Body", "MessageSid"}) {
    Fields form = Fixture("sms-incoming.form");
    form.erase(field);
    auto refused = ParseSms(form);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find(field), std::string::npos) << refused.error().message;
  }
}

TEST(TwilioSms, TheReplyIsTwimlWithTheTextEscaped) {
  auto reply = RenderTwiml({.text = "Laporan <1> & \"2\"\n1. Kirim \xE2\x80\x93 ok"});
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.content_type, "application/xml");
  EXPECT_EQ(reply.body,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Laporan &lt;1&gt; &amp; "
            "&quot;2&quot;\n1. Kirim - ok</Message></Response>");
  EXPECT_EQ(RenderTwiml({.text = ""}).body,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
}

TEST(TwilioStatusCallback, EachStatusMapsToOurStatesAndOurIdComesFromTheQuery) {
  const std::pair<const char*, DeliveryState> cases[] = {
      {"status-queued.form", DeliveryState::kQueued},
      {"status-sent.form", DeliveryState::kSent},
      {"status-delivered.form", DeliveryState::kDelivered},
      {"status-undelivered.form", DeliveryState::kFailed}};
  for (const auto& [file, state] : cases) {
    auto report = ParseStatusCallback(Fixture(file), {{"id", "42"}});
    ASSERT_TRUE(report.ok()) << file;
    EXPECT_EQ(report->state, state) << file;
    EXPECT_EQ(report->message_id, "42");
    EXPECT_EQ(report->provider_ref, "SM9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f");
  }
  EXPECT_EQ(ParseStatusCallback(Fixture("status-undelivered.form"), {})->reason, "30003");
  for (const char* status : {"failed", "canceled"}) {
    Fields form = Fixture("status-delivered.form");
    form["MessageStatus"] = status;
    EXPECT_EQ(ParseStatusCallback(form, {})->state, DeliveryState::kFailed) << status;
  }
  Fields form = Fixture("status-delivered.form");
  form["MessageStatus"] = "received";
  EXPECT_EQ(ParseStatusCallback(form, {}).error().code, Errc::kBadRequest);
}

TEST(TwilioMessages, TheRequestIsTheDocumentedFormWithBasicAuth) {
  TwilioGateway gateway(Account());
  auto request = gateway.Build({.id = "42", .to = "+6281234567890", .text = "Laporan diterima."});
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url,
            "https://api.twilio.com/2010-04-01/Accounts/AC7e4b2d9f1a3c5e7b9d1f3a5c7e9b1d3f/"
            "Messages.json");
  ASSERT_FALSE(request.headers.empty());
  EXPECT_EQ(request.headers[0].first, "Authorization");
  EXPECT_EQ(
      request.headers[0].second,
      "Basic " + Base64("AC7e4b2d9f1a3c5e7b9d1f3a5c7e9b1d3f:f0e1d2c3b4a5968778695a4b3c2d1e0f"));
  auto form = text::ParseUrlEncoded(request.body);
  ASSERT_TRUE(form.ok());
  EXPECT_EQ(form->at("To"), "+6281234567890");
  EXPECT_EQ(form->at("From"), "+6221170800");
  EXPECT_EQ(form->at("Body"), "Laporan diterima.");
  EXPECT_EQ(form->at("StatusCallback"),
            "https://lapor1708.example.go.id/webhooks/twilio/status?id=42");
  TwilioConfig service = Account();
  service.from = "";
  service.messaging_service_sid = "MG1b3d5f7a9c1e3a5c7e9b1d3f5a7c9e1b";
  service.status_callbacks = false;
  auto via_service = text::ParseUrlEncoded(
      TwilioGateway(service).Build({.id = "1", .to = "+62", .text = "x"}).body);
  EXPECT_EQ(via_service->at("MessagingServiceSid"), "MG1b3d5f7a9c1e3a5c7e9b1d3f5a7c9e1b");
  EXPECT_EQ(via_service->count("From"), 0u);
  EXPECT_EQ(via_service->count("StatusCallback"), 0u);
}

TEST(TwilioMessages, TheAnswerIsReadFromTheMessageResourceOrTheError) {
  TwilioGateway gateway(Account());
  auto created = gateway.Read(201, ReadProviderFixture("twilio/messages-created.json"));
  EXPECT_EQ(created.kind, SendVerdict::Kind::kAccepted);
  EXPECT_EQ(created.provider_ref, "SM9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f");
  auto invalid = gateway.Read(400, ReadProviderFixture("twilio/messages-invalid-to.json"));
  EXPECT_EQ(invalid.kind, SendVerdict::Kind::kRefused);
  EXPECT_NE(invalid.error.find("21211"), std::string::npos) << invalid.error;
  EXPECT_EQ(gateway.Read(429, "{}").kind, SendVerdict::Kind::kRetry);
  EXPECT_EQ(gateway.Read(503, "").kind, SendVerdict::Kind::kRetry);
  EXPECT_EQ(gateway.Read(401, R"({"code": 20003})").kind, SendVerdict::Kind::kRetry);
}

}  // namespace
}  // namespace lapor::channels::twilio
