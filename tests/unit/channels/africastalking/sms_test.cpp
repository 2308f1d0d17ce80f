// Africa's Talking SMS: incoming messages, the messaging API, delivery reports and the USSD
// end-of-session notification, on the fixtures of tests/fixtures/africastalking/ (see its README).
#include "channels/africastalking/sms.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "channels/africastalking/delivery_report.hpp"
#include "channels/africastalking/messaging.hpp"
#include "channels/africastalking/ussd_events.hpp"
#include "unit/channels/provider_fixture.hpp"

namespace lapor::channels::africastalking {
namespace {

using test::ProviderFixtureFields;
using test::ReadProviderFixture;

Fields Fixture(const std::string& name) { return ProviderFixtureFields("africastalking/" + name); }

AfricasTalkingConfig Account() {
  AfricasTalkingConfig c;
  c.username = "lapor1708";
  c.api_key = "atsk_0123456789abcdef";
  c.messaging_url = "https://api.africastalking.com/version1/messaging";
  c.from = "1708";
  return c;
}

TEST(AfricasTalkingSms, IncomingMessageFromItsFixture) {
  auto message = ParseSms(Fixture("sms-incoming.form"));
  ASSERT_TRUE(message.ok()) << message.error().message;
  EXPECT_EQ(message->provider, "at-sms");
  EXPECT_EQ(message->channel, dialog::Channel::kSms);
  EXPECT_EQ(message->msisdn, "+6281234567890");
  EXPECT_EQ(message->text, "Lapor jalan rusak di Desa Pakansari, sudah 3 minggu");
  EXPECT_EQ(message->message_id, "7f1c3a52-3b8e-4f0e-9a51-2d0c4a5e6b71");
  auto emoji = ParseSms(Fixture("sms-incoming-emoji.form"));
  ASSERT_TRUE(emoji.ok());
  EXPECT_EQ(emoji->text, "Lampu jalan mati \xF0\x9F\x98\xA1");
}

TEST(AfricasTalkingSms, EachMissingFieldIsABadRequestNamingIt) {
  for (const char* field : {"from", "text", "id"}) {
    Fields form = Fixture("sms-incoming.form");
    form.erase(field);
    auto message = ParseSms(form);
    ASSERT_FALSE(message.ok()) << field;
    EXPECT_EQ(message.error().code, Errc::kBadRequest);
    EXPECT_NE(message.error().message.find(field), std::string::npos) << message.error().message;
  }
  Fields form = Fixture("sms-incoming.form");
  form["from"] = "not a number";
  EXPECT_FALSE(ParseSms(form).ok());
}

TEST(AfricasTalkingMessaging, TheRequestIsTheDocumentedFormWithTheApiKeyHeader) {
  AfricasTalkingGateway gateway(Account());
  auto request =
      gateway.Build({.id = "42", .to = "+6281234567890", .text = "Laporan 000000427 diterima."});
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "https://api.africastalking.com/version1/messaging");
  EXPECT_EQ(
      request.body,
      "username=lapor1708&to=%2B6281234567890&message=Laporan%20000000427%20diterima.&from=1708");
  const std::vector<std::pair<std::string, std::string>> headers = {
      {"apiKey", "atsk_0123456789abcdef"},
      {"Accept", "application/json"},
      {"Content-Type", "application/x-www-form-urlencoded"}};
  EXPECT_EQ(request.headers, headers);
  auto form = text::ParseUrlEncoded(request.body);
  ASSERT_TRUE(form.ok());
  EXPECT_EQ(form->at("message"), "Laporan 000000427 diterima.");
}

TEST(AfricasTalkingMessaging, TheAnswerIsReadFromSmsMessageData) {
  AfricasTalkingGateway gateway(Account());
  auto taken = gateway.Read(201, ReadProviderFixture("africastalking/messaging-accepted.json"));
  EXPECT_EQ(taken.kind, SendVerdict::Kind::kAccepted);
  EXPECT_EQ(taken.provider_ref, "ATXid_3b5f2c9e8d1a4f7b6c0e2d9a8b7c6d5e");
  auto invalid =
      gateway.Read(201, ReadProviderFixture("africastalking/messaging-invalid-number.json"));
  EXPECT_EQ(invalid.kind, SendVerdict::Kind::kRefused);
  EXPECT_NE(invalid.error.find("InvalidPhoneNumber"), std::string::npos) << invalid.error;
  auto broke =
      gateway.Read(201, ReadProviderFixture("africastalking/messaging-insufficient-balance.json"));
  EXPECT_EQ(broke.kind, SendVerdict::Kind::kRetry);
  EXPECT_EQ(gateway.Read(401, "The supplied authentication is invalid").kind,
            SendVerdict::Kind::kRetry);
  EXPECT_EQ(gateway.Read(201, "not json").kind, SendVerdict::Kind::kRetry);
  EXPECT_EQ(
      gateway.Read(201, R"({"SMSMessageData":{"Message":"InvalidSenderId","Recipients":[]}})").kind,
      SendVerdict::Kind::kRetry);
}

TEST(AfricasTalkingDeliveryReport, EachStatusMapsToOurStates) {
  const std::pair<const char*, DeliveryState> cases[] = {
      {"dlr-success.form", DeliveryState::kDelivered},
      {"dlr-sent.form", DeliveryState::kSent},
      {"dlr-submitted.form", DeliveryState::kSent},
      {"dlr-buffered.form", DeliveryState::kQueued},
      {"dlr-rejected.form", DeliveryState::kFailed},
      {"dlr-failed.form", DeliveryState::kFailed}};
  for (const auto& [file, state] : cases) {
    auto report = ParseDeliveryReport(Fixture(file));
    ASSERT_TRUE(report.ok()) << file << ": " << report.error().message;
    EXPECT_EQ(report->state, state) << file;
    EXPECT_EQ(report->provider_ref, "ATXid_3b5f2c9e8d1a4f7b6c0e2d9a8b7c6d5e");
    EXPECT_EQ(report->message_id, "");
  }
  EXPECT_EQ(ParseDeliveryReport(Fixture("dlr-rejected.form"))->reason, "UserInBlackList");
  EXPECT_EQ(ParseDeliveryReport(Fixture("dlr-failed.form"))->reason, "AbsentSubscriber");
  Fields unknown = Fixture("dlr-success.form");
  unknown["status"] = "Delivered";
  EXPECT_EQ(ParseDeliveryReport(unknown).error().code, Errc::kBadRequest);
  unknown.erase("id");
  EXPECT_EQ(ParseDeliveryReport(unknown).error().code, Errc::kBadRequest);
}

TEST(AfricasTalkingUssdEvents, RecordsHowEachSessionEnded) {
  auto success = ParseUssdSessionEnd(Fixture("ussd-event-success.form"));
  ASSERT_TRUE(success.ok()) << success.error().message;
  EXPECT_EQ(success->session_id, "ATUid_3f9c1b7e52d04a8c9e61f0b2a7d4c815");
  EXPECT_EQ(success->status, "success");
  EXPECT_EQ(success->duration_ms, 84321);
  EXPECT_EQ(success->hops, 11);
  EXPECT_EQ(ParseUssdSessionEnd(Fixture("ussd-event-incomplete.form"))->status, "incomplete");
  auto failed = ParseUssdSessionEnd(Fixture("ussd-event-failed.form"));
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->status, "failed");
  EXPECT_EQ(failed->error_message, "Invalid response from application");
  Fields odd = Fixture("ussd-event-success.form");
  odd["status"] = "Timeout";
  EXPECT_EQ(ParseUssdSessionEnd(odd)->status, "other");
  odd.erase("sessionId");
  EXPECT_FALSE(ParseUssdSessionEnd(odd).ok());
}

}  // namespace
}  // namespace lapor::channels::africastalking
