// Every inbound route authenticates before anything is read or written: a request that fails
// gets 403, is counted in lapor1708_webhook_auth_failures_total, and leaves Redis as it was.
#include <gtest/gtest.h>

#include <regex>

#include "channels/generic/signature.hpp"
#include "channels/twilio/signature.hpp"
#include "support/redis_process.hpp"
#include "support/redis_sync.hpp"
#include "support/test_server.hpp"
#include "unit/channels/provider_fixture.hpp"

namespace lapor {
namespace {

using test::HttpReply;
using test::ReadProviderFixture;

constexpr const char* kToken = "12345";  // Twilio's documented example's auth token
using test::kGenericSecret;
using test::kPublicBase;

class WebhookAuth : public ::testing::Test {
 protected:
  WebhookAuth()
      : server_(test::TestRedisUrl(),
                [](app::Config& c) {
                  // No loops: their own first writes (the outbox streams) are no part of a
                  // refused request's "changes nothing".
                  c.roles.scheduler = c.roles.sender = false;
                  c.twilio.enabled = true;
                  c.twilio.account_sid = "AC7e4b2d9f1a3c5e7b9d1f3a5c7e9b1d3f";
                  c.twilio.auth_token = kToken;
                  c.twilio.public_base_url = kPublicBase;
                  c.twilio.from = "+6221170800";
                  c.generic.enabled = true;
                  c.generic.secret = kGenericSecret;
                }),
        redis_(test::TestRedisUrl()) {}

  // Every key the server has written under its prefix.
  std::vector<std::string> Stored() { return redis_.Keys(server_.prefix() + "*"); }

  // How many requests of `provider` the gates refused, from /metrics.
  long Refused(const std::string& provider) {
    const std::string text = test::HttpGet(server_.port(), "/metrics").body;
    std::smatch m;
    const std::regex line("lapor1708_webhook_auth_failures_total\\{provider=\"" + provider +
                          "\"\\} ([0-9]+)");
    return std::regex_search(text, m, line) ? std::stol(m[1]) : -1;
  }

  HttpReply Twilio(const std::string& target, const std::string& body,
                   const std::string& signature) {
    return test::HttpRequestWithHeaders(
        server_.port(), "POST", target, body,
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Twilio-Signature", signature}});
  }

  HttpReply Generic(const std::string& body, int64_t timestamp_s, const std::string& signature) {
    return test::HttpRequestWithHeaders(server_.port(), "POST", "/webhooks/generic/sms", body,
                                        {{"Content-Type", "application/json"},
                                         {"X-Lapor-Timestamp", std::to_string(timestamp_s)},
                                         {"X-Lapor-Signature", signature}});
  }

  test::TestServer server_;
  test::RedisSync redis_;
};

TEST_F(WebhookAuth, KannelWithoutTheSecretIs403OnTheSmsAndTheDlrRouteAndChangesNothing) {
  const std::string sms =
      "/webhooks/kannel/sms?" + ReadProviderFixture("kannel/sms-indonesian-text.query");
  const auto before = Stored();
  for (const std::string& target :
       {sms, test::WithQuery(sms, "secret", "wrong-secret-value"),
        std::string("/webhooks/kannel/dlr?id=1&status=1"),
        std::string("/webhooks/kannel/dlr?id=1&status=1&secret=change-me-kannel-secreT"),
        std::string("/webhooks/kannel/nothing-here")}) {
    HttpReply reply = test::HttpGet(server_.port(), target);
    EXPECT_EQ(reply.status, 403) << target;
    EXPECT_NE(reply.body.find("secret is missing or wrong"), std::string::npos) << reply.body;
    EXPECT_EQ(test::HttpRequest(server_.port(), "HEAD", target, "", "").status, 403) << target;
  }
  EXPECT_EQ(Stored(), before);
  EXPECT_EQ(Refused("kannel"), 10);
  // With the secret the same request is served.
  EXPECT_EQ(test::HttpGet(server_.port(), server_.Kannel(sms)).status, 200);
  EXPECT_NE(Stored(), before);
}

TEST_F(WebhookAuth, AfricasTalkingNeedsItsTokenAndAnAllowedAddress) {
  const std::string body = ReadProviderFixture("africastalking/session-01-dial.form");
  const auto before = Stored();
  for (const std::string& target :
       {std::string("/webhooks/africastalking/ussd"),
        std::string("/webhooks/africastalking/ussd?token=guess"),
        std::string("/webhooks/africastalking/sms"), std::string("/webhooks/africastalking/dlr")}) {
    EXPECT_EQ(test::HttpPost(server_.port(), target, body).status, 403) << target;
  }
  EXPECT_EQ(Stored(), before);
  EXPECT_EQ(Refused("africastalking"), 4);
  EXPECT_EQ(
      test::HttpPost(server_.port(), server_.AfricasTalking("/webhooks/africastalking/ussd"), body)
          .status,
      200);
}

TEST(WebhookAllowList, AnAddressOutsideItIsRefusedEvenWithTheToken) {
  test::TestServer server(test::TestRedisUrl(), [](app::Config& c) {
    c.africastalking.allow_networks = {*ParseNetwork("196.201.214.0/24")};
  });
  const std::string body = ReadProviderFixture("africastalking/session-01-dial.form");
  HttpReply reply =
      test::HttpPost(server.port(), server.AfricasTalking("/webhooks/africastalking/ussd"), body);
  EXPECT_EQ(reply.status, 403);  // the test client is 127.0.0.1
  EXPECT_NE(reply.body.find("address"), std::string::npos) << reply.body;
}

TEST_F(WebhookAuth, TwilioSignatureVerifiesAndAChangedParameterUrlOrTokenIs403AndChangesNothing) {
  const std::string target = "/webhooks/twilio/sms";
  const std::string body = ReadProviderFixture("twilio/sms-incoming.form");
  auto sign = [&](const std::string& token, const std::string& url, const std::string& form) {
    return channels::twilio::Signature(token, url, *text::ParseUrlEncodedPairs(form));
  };
  const std::string url = std::string(kPublicBase) + target;
  const auto before = Stored();
  std::string changed = body;
  changed.replace(changed.find("Body=Jalan"), 10, "Body=PUAS+000000427");
  for (const auto& [what, form, signature] :
       {std::tuple<std::string, std::string, std::string>{"parameter", changed,
                                                          sign(kToken, url, body)},
        {"url", body, sign(kToken, std::string(kPublicBase) + "/webhooks/twilio/other", body)},
        {"scheme", body, sign(kToken, "http://lapor1708.example.go.id" + target, body)},
        {"token", body, sign("54321", url, body)},
        {"none", body, ""}}) {
    HttpReply reply = Twilio(target, form, signature);
    EXPECT_EQ(reply.status, 403) << what;
  }
  EXPECT_EQ(Stored(), before);
  EXPECT_EQ(Refused("twilio"), 5);
  // The genuine request, with a parameter we do not know added (signed, as Twilio would).
  const std::string extended = body + "&AddOns=%7B%22status%22%3A%22successful%22%7D";
  HttpReply ok = Twilio(target, extended, sign(kToken, url, extended));
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_NE(ok.body.find("<Response><Message>"), std::string::npos);
}

TEST_F(WebhookAuth, GenericHmacAndItsReplayWindow) {
  const std::string body = ReadProviderFixture("generic/sms.json");
  const int64_t now = server_.clock().Now() / 1000;
  auto sign = [&](int64_t ts, const std::string& text) {
    return channels::generic::Sign(kGenericSecret, ts, text);
  };
  const auto before = Stored();
  EXPECT_EQ(Generic(body + " ", now, sign(now, body)).status, 403);  // body changed
  EXPECT_EQ(Generic(body, now, channels::generic::Sign("x", now, body)).status, 403);  // secret
  EXPECT_EQ(Generic(body, now - 301, sign(now - 301, body)).status, 403);              // too old
  EXPECT_EQ(Generic(body, now + 301, sign(now + 301, body)).status, 403);              // too new
  EXPECT_EQ(Generic(body, now, "").status, 403);
  EXPECT_EQ(Stored(), before);
  EXPECT_EQ(Refused("generic"), 5);
  HttpReply ok = Generic(body, now - 299, sign(now - 299, body));
  EXPECT_EQ(ok.status, 200) << ok.body;
  // The same request again inside the window: the message id's dedupe answers as before.
  HttpReply replay = Generic(body, now - 299, sign(now - 299, body));
  EXPECT_EQ(replay.status, 200);
  EXPECT_EQ(replay.body, ok.body);
  // Five minutes later the captured request is refused.
  server_.clock().Advance(302 * 1000);
  EXPECT_EQ(Generic(body, now - 299, sign(now - 299, body)).status, 403);
}

TEST(AdminListener, TheWebhooksAddressServesWebhooksOnlyAndTheAdminAddressTheRest) {
  test::TestServer server(test::TestRedisUrl(), [](app::Config& c) {
    c.http.separate_admin = true;
    c.http.admin_address = "127.0.0.1";
    c.http.admin_port = 0;
  });
  const uint16_t webhooks = server.port();
  const uint16_t admin = server.service().admin_port();
  ASSERT_NE(webhooks, admin);
  EXPECT_EQ(test::HttpGet(webhooks, "/metrics").status, 404);
  EXPECT_EQ(test::HttpGet(webhooks, "/admin/v1/cases").status, 404);
  EXPECT_EQ(test::HttpGet(webhooks, "/healthz").status, 200);
  EXPECT_EQ(test::HttpGet(webhooks, server.Kannel("/webhooks/kannel/dlr?id=1&status=8")).status,
            200);
  EXPECT_EQ(test::HttpGet(admin, "/metrics").status, 200);
  EXPECT_EQ(test::HttpGet(admin, "/admin/v1/cases").status, 401);  // there, behind its token
  EXPECT_EQ(test::HttpGet(admin, "/healthz").status, 200);
  EXPECT_EQ(test::HttpGet(admin, server.Kannel("/webhooks/kannel/dlr?id=1&status=8")).status, 404);
}

}  // namespace
}  // namespace lapor
