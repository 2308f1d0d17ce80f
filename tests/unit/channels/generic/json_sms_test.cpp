// The generic JSON gateway: the signature and its replay window, the inbound SMS, the reply,
// delivery reports and the signed outbound POST, on tests/fixtures/generic/.
#include "channels/generic/json_sms.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "channels/generic/signature.hpp"
#include "common/digest.hpp"
#include "unit/channels/provider_fixture.hpp"

namespace lapor::channels::generic {
namespace {

using test::ReadProviderFixture;

constexpr const char* kSecret = "generic-gateway-secret-2026";
constexpr TimeMs kNow = 1795827600000;  // 2026-11-28 08:00 WIB
constexpr int64_t kNowS = kNow / 1000;

std::string Header(const OutboundRequest& request, const std::string& name) {
  for (const auto& [n, v] : request.headers) {
    if (n == name) {
      return v;
    }
  }
  return "";
}

TEST(GenericSignature, IsHmacSha256OfTimestampDotBody) {
  const std::string body = ReadProviderFixture("generic/sms.json");
  EXPECT_EQ(Sign(kSecret, kNowS, body),
            "sha256=" + LowerHex(HmacSha256(kSecret, std::to_string(kNowS) + "." + body)));
  EXPECT_TRUE(
      CheckSignature(kSecret, std::to_string(kNowS), Sign(kSecret, kNowS, body), body, kNow, 300)
          .ok());
}

TEST(GenericSignature, AChangedBodySecretOrTimestampFails) {
  const std::string body = ReadProviderFixture("generic/sms.json");
  const std::string good = Sign(kSecret, kNowS, body);
  const std::string ts = std::to_string(kNowS);
  auto refused = [&](Result<Ok> checked) {
    return !checked.ok() && checked.error().code == Errc::kForbidden;
  };
  EXPECT_TRUE(refused(CheckSignature(kSecret, ts, good, body + " ", kNow, 300)));
  EXPECT_TRUE(refused(CheckSignature("another-secret-of-16+", ts, good, body, kNow, 300)));
  EXPECT_TRUE(refused(CheckSignature(kSecret, std::to_string(kNowS + 1), good, body, kNow, 300)));
  EXPECT_TRUE(refused(CheckSignature(kSecret, "", good, body, kNow, 300)));
  EXPECT_TRUE(refused(CheckSignature(kSecret, ts, "", body, kNow, 300)));
  EXPECT_TRUE(refused(CheckSignature(kSecret, "12x", good, body, kNow, 300)));
}

TEST(GenericSignature, TheReplayWindowIsFiveMinutesEitherWay) {
  const std::string body = ReadProviderFixture("generic/sms.json");
  for (int64_t offset : {-300, -1, 0, 299, 300}) {
    const int64_t ts = kNowS + offset;
    EXPECT_TRUE(
        CheckSignature(kSecret, std::to_string(ts), Sign(kSecret, ts, body), body, kNow, 300).ok())
        << offset;
  }
  for (int64_t offset : {-301, 301, -86400}) {
    const int64_t ts = kNowS + offset;
    auto checked =
        CheckSignature(kSecret, std::to_string(ts), Sign(kSecret, ts, body), body, kNow, 300);
    ASSERT_FALSE(checked.ok()) << offset;
    EXPECT_NE(checked.error().message.find("replay"), std::string::npos);
  }
}

TEST(GenericJson, InboundSmsFromItsFixture) {
  auto message = ParseSms(ReadProviderFixture("generic/sms.json"));
  ASSERT_TRUE(message.ok()) << message.error().message;
  EXPECT_EQ(message->provider, "generic");
  EXPECT_EQ(message->msisdn, "+6281234567890");
  EXPECT_EQ(message->text, "Jalan rusak di depan SD Negeri 3");
  EXPECT_EQ(message->message_id, "gw-20261128-000042");
  for (const char* bad :
       {"[]", "not json", R"({"from": 628, "to": "1708", "text": "x", "id": "1"})",
        R"({"to": "1708", "text": "x", "id": "1"})"}) {
    auto refused = ParseSms(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().code, Errc::kBadRequest);
  }
}

TEST(GenericJson, TheReplyIsJsonAndBusyIs503) {
  auto reply = RenderReply({.text = "Jenis laporan:\n1. Pengaduan"});
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.content_type, "application/json");
  EXPECT_EQ(nlohmann::json::parse(reply.body),
            (nlohmann::json{{"reply", "Jenis laporan:\n1. Pengaduan"}}));
  EXPECT_EQ(RenderReply({.text = "sibuk", .end = true, .busy = true}).status, 503);
}

TEST(GenericJson, DeliveryReportsAreOurStates) {
  auto delivered = ParseDeliveryReport(ReadProviderFixture("generic/dlr-delivered.json"));
  ASSERT_TRUE(delivered.ok());
  EXPECT_EQ(delivered->message_id, "42");
  EXPECT_EQ(delivered->state, DeliveryState::kDelivered);
  auto failed = ParseDeliveryReport(ReadProviderFixture("generic/dlr-failed.json"));
  EXPECT_EQ(failed->state, DeliveryState::kFailed);
  EXPECT_EQ(failed->reason, "absent subscriber");
  EXPECT_FALSE(ParseDeliveryReport(R"({"id": "42", "status": "lost"})").ok());
  EXPECT_FALSE(ParseDeliveryReport(R"({"id": "x42", "status": "sent"})").ok());
}

TEST(GenericGateway, TheOutboundPostIsTheSameShapeSigned) {
  GenericConfig config{.enabled = true, .secret = kSecret, .send_url = "https://gw.example/sms"};
  GenericGateway gateway(config);
  auto request =
      gateway.Build({.id = "42", .to = "+6281234567890", .text = "Laporan diterima.", .now = kNow});
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "https://gw.example/sms");
  EXPECT_EQ(nlohmann::json::parse(request.body), (nlohmann::json{{"from", "1708"},
                                                                 {"to", "+6281234567890"},
                                                                 {"text", "Laporan diterima."},
                                                                 {"id", "42"}}));
  EXPECT_EQ(Header(request, "Content-Type"), "application/json");
  EXPECT_EQ(Header(request, "X-Lapor-Timestamp"), std::to_string(kNowS));
  EXPECT_TRUE(CheckSignature(kSecret, Header(request, "X-Lapor-Timestamp"),
                             Header(request, "X-Lapor-Signature"), request.body, kNow, 300)
                  .ok());
  EXPECT_EQ(gateway.Read(200, R"({"id": "gw-7"})").provider_ref, "gw-7");
  EXPECT_EQ(gateway.Read(202, "").kind, SendVerdict::Kind::kAccepted);
  EXPECT_EQ(gateway.Read(400, "bad").kind, SendVerdict::Kind::kRefused);
  EXPECT_EQ(gateway.Read(503, "").kind, SendVerdict::Kind::kRetry);
  EXPECT_EQ(gateway.Read(429, "").kind, SendVerdict::Kind::kRetry);
}

}  // namespace
}  // namespace lapor::channels::generic
