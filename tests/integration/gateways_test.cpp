// Each gateway end to end through the real server and a real Redis, with the provider's API
// played on loopback (FakeGateway): its inbound fixture through the authenticated webhook, the
// reply as the provider documents it, the outbound request checked field by field (method,
// path, headers, form or JSON body), and its delivery reports mapped to our states on the
// message's record.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "channels/generic/signature.hpp"
#include "channels/twilio/signature.hpp"
#include "common/digest.hpp"
#include "support/fake_gateway.hpp"
#include "support/io_threads.hpp"
#include "support/redis_process.hpp"
#include "support/redis_sync.hpp"
#include "support/test_server.hpp"
#include "unit/channels/provider_fixture.hpp"

namespace lapor {
namespace {

using test::FakeGateway;
using test::HttpReply;
using test::ReadProviderFixture;
using test::RecordedRequest;

constexpr const char* kCitizen = "+6281234567890";
constexpr const char* kTwilioToken = "f0e1d2c3b4a5968778695a4b3c2d1e0f";
constexpr const char* kTwilioSid = "AC7e4b2d9f1a3c5e7b9d1f3a5c7e9b1d3f";
using test::kGenericSecret;
using test::kPublicBase;

text::FormFields Form(const std::string& body) {
  auto fields = text::ParseUrlEncoded(body);
  EXPECT_TRUE(fields.ok()) << body;
  return fields.ok() ? *fields : text::FormFields{};
}

class GatewaysTest : public ::testing::Test {
 protected:
  // The server with `tweak` applied, its sender polling fast.
  void Serve(const std::function<void(app::Config&)>& tweak) {
    server_ = std::make_unique<test::TestServer>(test::TestRedisUrl(), [&](app::Config& c) {
      c.outbox.poll_ms = 10;
      c.roles = {.web = true, .scheduler = false, .sender = true};
      tweak(c);
    });
  }

  // The server sending citizens' SMS through `at`, Africa's Talking's messaging API played on
  // loopback.
  void ServeThroughAfricasTalking(const FakeGateway& at) {
    Serve([&](app::Config& c) {
      c.africastalking.username = "lapor1708";
      c.africastalking.api_key = "atsk_0123456789abcdef";
      c.africastalking.messaging_url = at.base_url() + "/version1/messaging";
      c.outbox.citizen_route = "africastalking";
    });
  }

  // A notice for the citizen, queued as the case desk queues them.
  std::string Notice(const std::string& text, const std::string& kind = "notice.verified") {
    auto& service = server_->service();
    auto id = test::RunSync(
        service.io(),
        service.outbox().Enqueue(kCitizen, text, kind, "000000427", server_->clock().Now()));
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : "";
  }

  std::map<std::string, std::string> Message(const std::string& id) {
    return redis_.HGetAll(server_->prefix() + "outbox:msg:" + id);
  }

  // Waits until `gateway` got `n` requests and the outbox has settled them.
  void AwaitSends(const FakeGateway& gateway, size_t n) {
    ASSERT_TRUE(test::Eventually([&] { return gateway.count() >= n; }));
    ASSERT_TRUE(test::Eventually([&] {
      auto counts = test::RunSync(server_->service().io(), server_->service().outbox().Counts());
      return counts.ok() && counts->queued == 0;
    }));
  }

  test::IoThreads io_;
  test::RedisSync redis_{test::TestRedisUrl()};
  std::unique_ptr<test::TestServer> server_;
};

TEST_F(GatewaysTest, KannelInboundReplyOutboundAndDeliveryReports) {
  FakeGateway kannel(io_.io(), [](const RecordedRequest&) {
    return FakeGateway::Answer{202, "0: Accepted for delivery"};
  });
  kannel.Start();
  Serve([&](app::Config& c) { c.kannel.sendsms_url = kannel.base_url() + "/cgi-bin/sendsms"; });
  // Inbound: a captured get-url query, the secret appended as kannel.conf says.
  HttpReply reply = test::HttpGet(
      server_->port(), server_->Kannel("/webhooks/kannel/sms?" +
                                       ReadProviderFixture("kannel/sms-indonesian-text.query")));
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.Header("content-type"), "text/plain; charset=utf-8");
  EXPECT_TRUE(reply.body.starts_with("Jenis laporan:")) << reply.body;  // long first SMS: details

  const std::string id = Notice("Laporan 000000427 sudah diverifikasi \xE2\x80\x93 terima kasih.");
  AwaitSends(kannel, 1);
  const RecordedRequest sent = kannel.requests().at(0);
  EXPECT_EQ(sent.method, "GET");
  EXPECT_EQ(sent.path, "/cgi-bin/sendsms");
  auto q = Form(sent.query);
  EXPECT_EQ(q.at("username"), "lapor1708");
  EXPECT_EQ(q.at("password"), "change-me");
  EXPECT_EQ(q.at("from"), "1708");
  EXPECT_EQ(q.at("to"), kCitizen);
  EXPECT_EQ(q.at("text"), "Laporan 000000427 sudah diverifikasi - terima kasih.");  // GSM-7
  EXPECT_EQ(q.count("coding"), 0u);
  EXPECT_EQ(q.at("dlr-mask"), "31");
  const std::string dlr_url = q.at("dlr-url");
  EXPECT_EQ(dlr_url, "http://127.0.0.1:8080/webhooks/kannel/dlr?id=" + id +
                         "&status=%d&secret=change-me-kannel-secret");

  // Kannel calls the dlr-url, %d filled in: each type lands as our state.
  for (const auto& [code, state] :
       {std::pair{"8", "sent"}, std::pair{"4", "queued"}, std::pair{"1", "delivered"}}) {
    std::string target = dlr_url.substr(dlr_url.find("/webhooks/"));
    target.replace(target.find("%d"), 2, code);
    EXPECT_EQ(test::HttpGet(server_->port(), target).status, 200);
    EXPECT_EQ(Message(id)["dlr"], state) << code;
    EXPECT_EQ(Message(id)["dlr_raw"], code);
  }
  const std::string other = Notice("Laporan ditolak.");
  AwaitSends(kannel, 2);
  EXPECT_EQ(test::HttpGet(server_->port(),
                          server_->Kannel("/webhooks/kannel/dlr?id=" + other + "&status=16"))
                .status,
            200);
  EXPECT_EQ(Message(other)["dlr"], "failed");
}

TEST_F(GatewaysTest, AfricasTalkingSmsRepliesThroughTheMessagingApiAndReportsByItsId) {
  FakeGateway at(io_.io(), [](const RecordedRequest&) {
    return FakeGateway::Answer{201, ReadProviderFixture("africastalking/messaging-accepted.json")};
  });
  at.Start();
  ServeThroughAfricasTalking(at);
  // Inbound: answered 200 at once; the reply goes out through the messaging API.
  HttpReply inbound =
      test::HttpPost(server_->port(), server_->AfricasTalking("/webhooks/africastalking/sms"),
                     ReadProviderFixture("africastalking/sms-incoming.form"));
  EXPECT_EQ(inbound.status, 200);
  EXPECT_EQ(inbound.body, "ok\n");
  AwaitSends(at, 1);
  // A gateway's retry of the same message queues no second reply.
  EXPECT_EQ(test::HttpPost(server_->port(), server_->AfricasTalking("/webhooks/africastalking/sms"),
                           ReadProviderFixture("africastalking/sms-incoming.form"))
                .status,
            200);
  const RecordedRequest reply = at.requests().at(0);
  EXPECT_EQ(reply.method, "POST");
  EXPECT_EQ(reply.path, "/version1/messaging");
  EXPECT_EQ(reply.Header("apikey"), "atsk_0123456789abcdef");
  EXPECT_EQ(reply.Header("accept"), "application/json");
  EXPECT_EQ(reply.Header("content-type"), "application/x-www-form-urlencoded");
  auto form = Form(reply.body);
  EXPECT_EQ(form.at("username"), "lapor1708");
  EXPECT_EQ(form.at("to"), kCitizen);
  EXPECT_EQ(form.at("from"), "1708");
  EXPECT_TRUE(form.at("message").starts_with("Jenis laporan:")) << form.at("message");

  // A notice through the same API, then its delivery reports, which name Africa's Talking's id.
  const std::string id = Notice("Laporan 000000427 diverifikasi.");
  AwaitSends(at, 2);
  EXPECT_EQ(Form(at.requests().at(1).body).at("message"), "Laporan 000000427 diverifikasi.");
  EXPECT_EQ(Message(id)["gateway"], "africastalking");
  for (const auto& [file, state] :
       {std::pair{"dlr-submitted.form", "sent"}, std::pair{"dlr-buffered.form", "queued"},
        std::pair{"dlr-success.form", "delivered"}}) {
    EXPECT_EQ(
        test::HttpPost(server_->port(), server_->AfricasTalking("/webhooks/africastalking/dlr"),
                       ReadProviderFixture(std::string("africastalking/") + file))
            .status,
        200);
    EXPECT_EQ(Message(id)["dlr"], state) << file;
  }
  // A late interim report does not hide the final one.
  test::HttpPost(server_->port(), server_->AfricasTalking("/webhooks/africastalking/dlr"),
                 ReadProviderFixture("africastalking/dlr-sent.form"));
  EXPECT_EQ(Message(id)["dlr"], "delivered");
  EXPECT_EQ(Message(id)["dlr_raw"], "Success");
}

TEST_F(GatewaysTest, AfricasTalkingUssdSessionEndsAreCountedByHowTheyEnded) {
  Serve([](app::Config&) {});
  for (const char* file :
       {"ussd-event-success.form", "ussd-event-incomplete.form", "ussd-event-failed.form"}) {
    EXPECT_EQ(test::HttpPost(server_->port(),
                             server_->AfricasTalking("/webhooks/africastalking/ussd/events"),
                             ReadProviderFixture(std::string("africastalking/") + file))
                  .status,
              200);
  }
  const std::string metrics = test::HttpGet(server_->port(), "/metrics").body;
  for (const char* status : {"success", "incomplete", "failed"}) {
    EXPECT_NE(metrics.find("lapor1708_ussd_sessions_ended_total{status=\"" + std::string(status) +
                           "\"} 1"),
              std::string::npos)
        << status;
  }
}

TEST_F(GatewaysTest, AfricasTalkingRefusalsForGoodGoStraightToTheDeadLetters) {
  FakeGateway at(io_.io(), [](const RecordedRequest&) {
    return FakeGateway::Answer{201,
                               ReadProviderFixture("africastalking/messaging-invalid-number.json")};
  });
  at.Start();
  ServeThroughAfricasTalking(at);
  const std::string id = Notice("Laporan diverifikasi.");
  ASSERT_TRUE(test::Eventually([&] { return Message(id)["status"] == "dead"; }));
  EXPECT_EQ(at.count(), 1u);
  EXPECT_NE(Message(id)["last_error"].find("InvalidPhoneNumber"), std::string::npos);
}

// Twilio's signature over the URL Twilio calls (our public base URL) and the form.
std::map<std::string, std::string> TwilioSigned(const std::string& target,
                                                const std::string& body) {
  auto params = text::ParseUrlEncodedPairs(body);
  return {{"Content-Type", "application/x-www-form-urlencoded"},
          {"X-Twilio-Signature",
           channels::twilio::Signature(kTwilioToken, std::string(kPublicBase) + target, *params)}};
}

TEST_F(GatewaysTest, TwilioInboundTwimlOutboundMessagesApiAndStatusCallbacks) {
  FakeGateway twilio(io_.io(), [](const RecordedRequest&) {
    return FakeGateway::Answer{201, ReadProviderFixture("twilio/messages-created.json")};
  });
  twilio.Start();
  Serve([&](app::Config& c) {
    c.twilio.enabled = true;
    c.twilio.account_sid = kTwilioSid;
    c.twilio.auth_token = kTwilioToken;
    c.twilio.public_base_url = kPublicBase;
    c.twilio.api_base_url = twilio.base_url();
    c.twilio.from = "+6221170800";
    c.outbox.official_route = "twilio";
  });
  const std::string body = ReadProviderFixture("twilio/sms-incoming.form");
  HttpReply reply = test::HttpRequestWithHeaders(server_->port(), "POST", "/webhooks/twilio/sms",
                                                 body, TwilioSigned("/webhooks/twilio/sms", body));
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Header("content-type"), "application/xml");
  EXPECT_TRUE(
      reply.body.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
                             "Jenis laporan:"))
      << reply.body;
  EXPECT_TRUE(reply.body.ends_with("</Message></Response>"));

  // An official's notice goes by the official route: Twilio.
  auto& service = server_->service();
  auto queued = test::RunSync(
      service.io(), service.outbox().Enqueue("+6281100000101", "Laporan 000000427 didisposisikan.",
                                             "official.dispatched", "000000427", 0));
  ASSERT_TRUE(queued.ok());
  const std::string id = *queued;
  AwaitSends(twilio, 1);
  const RecordedRequest sent = twilio.requests().at(0);
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.path, std::string("/2010-04-01/Accounts/") + kTwilioSid + "/Messages.json");
  EXPECT_EQ(sent.Header("authorization"),
            "Basic " + Base64(std::string(kTwilioSid) + ":" + kTwilioToken));
  EXPECT_EQ(sent.Header("content-type"), "application/x-www-form-urlencoded");
  auto form = Form(sent.body);
  EXPECT_EQ(form.at("To"), "+6281100000101");
  EXPECT_EQ(form.at("From"), "+6221170800");
  EXPECT_EQ(form.at("Body"), "Laporan 000000427 didisposisikan.");
  const std::string callback = form.at("StatusCallback");
  EXPECT_EQ(callback, std::string(kPublicBase) + "/webhooks/twilio/status?id=" + id);

  // Twilio calls the StatusCallback, signed over that URL.
  const std::string target = callback.substr(std::string(kPublicBase).size());
  for (const auto& [file, state] :
       {std::pair{"status-queued.form", "queued"}, std::pair{"status-sent.form", "sent"},
        std::pair{"status-undelivered.form", "failed"}}) {
    const std::string status = ReadProviderFixture(std::string("twilio/") + file);
    EXPECT_EQ(test::HttpRequestWithHeaders(server_->port(), "POST", target, status,
                                           TwilioSigned(target, status))
                  .status,
              200);
    EXPECT_EQ(Message(id)["dlr"], state) << file;
  }
  EXPECT_EQ(Message(id)["dlr_reason"], "30003");
}

std::map<std::string, std::string> GenericSigned(const std::string& body, TimeMs now) {
  const int64_t ts = now / 1000;
  return {{"Content-Type", "application/json"},
          {"X-Lapor-Timestamp", std::to_string(ts)},
          {"X-Lapor-Signature", channels::generic::Sign(kGenericSecret, ts, body)}};
}

TEST_F(GatewaysTest, GenericJsonBothWaysSigned) {
  FakeGateway gateway(io_.io(), [](const RecordedRequest&) {
    return FakeGateway::Answer{200, R"({"id": "gw-out-1"})"};
  });
  gateway.Start();
  Serve([&](app::Config& c) {
    c.generic.enabled = true;
    c.generic.secret = kGenericSecret;
    c.generic.send_url = gateway.base_url() + "/outbound/sms";
    c.outbox.citizen_route = "generic";
  });
  const std::string body = ReadProviderFixture("generic/sms.json");
  HttpReply reply = test::HttpRequestWithHeaders(server_->port(), "POST", "/webhooks/generic/sms",
                                                 body, GenericSigned(body, server_->clock().Now()));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Header("content-type"), "application/json");
  EXPECT_TRUE(
      nlohmann::json::parse(reply.body)["reply"].get<std::string>().starts_with("Jenis laporan:"));

  const std::string id = Notice("Laporan 000000427 diverifikasi.");
  AwaitSends(gateway, 1);
  const RecordedRequest sent = gateway.requests().at(0);
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.path, "/outbound/sms");
  EXPECT_EQ(sent.Header("content-type"), "application/json");
  EXPECT_EQ(nlohmann::json::parse(sent.body),
            (nlohmann::json{{"from", "1708"},
                            {"to", kCitizen},
                            {"text", "Laporan 000000427 diverifikasi."},
                            {"id", id}}));
  EXPECT_TRUE(channels::generic::CheckSignature(kGenericSecret, sent.Header("x-lapor-timestamp"),
                                                sent.Header("x-lapor-signature"), sent.body,
                                                server_->clock().Now(), 300)
                  .ok());
  for (const auto& [status, state] :
       {std::pair{"sent", "sent"}, std::pair{"delivered", "delivered"}}) {
    const std::string dlr = nlohmann::json{{"id", id}, {"status", status}}.dump();
    EXPECT_EQ(test::HttpRequestWithHeaders(server_->port(), "POST", "/webhooks/generic/dlr", dlr,
                                           GenericSigned(dlr, server_->clock().Now()))
                  .status,
              200);
    EXPECT_EQ(Message(id)["dlr"], state);
  }
}

}  // namespace
}  // namespace lapor
