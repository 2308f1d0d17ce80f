// Two server instances on one Redis (the same key prefix, as two machines behind a load
// balancer): the per-number and per-address budgets and a gateway's send rate are shared, not
// per instance; and replies to a citizen go before the bulk notices.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/fake_gateway.hpp"
#include "support/io_threads.hpp"
#include "support/redis_process.hpp"
#include "support/test_server.hpp"

namespace lapor {
namespace {

using test::FakeGateway;

std::string SharedPrefix() {
  static std::atomic<int> n{0};
  return "t2-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ":";
}

TEST(TwoInstances, ThePerNumberBudgetIsSharedBetweenThem) {
  const std::string prefix = SharedPrefix();
  auto shared = [&](app::Config& c) {
    c.redis.prefix = prefix;
    c.roles.scheduler = c.roles.sender = false;
  };
  test::TestServer a(test::TestRedisUrl(), shared);
  test::TestServer b(test::TestRedisUrl(), shared);
  const std::string phone = "+6281234500001";
  // 30 messages in the window, half through each instance: all served.
  for (int i = 0; i < 30; ++i) {
    test::TestServer& via = i % 2 == 0 ? a : b;
    EXPECT_NE(via.Sms(phone, "halo", "m" + std::to_string(i)).body, "") << i;
  }
  // The 31st, through either, is over: told once (here through b), then silence through a.
  EXPECT_NE(b.Sms(phone, "halo", "m30").body.find("Terlalu banyak pesan"), std::string::npos);
  EXPECT_EQ(a.Sms(phone, "halo", "m31").body, "");
  EXPECT_EQ(b.Sms(phone, "halo", "m32").body, "");
  // Both instances count the same five reports a day.
  const std::string filer = "+6281234500002";
  int message = 0;
  auto file = [&](test::TestServer& via, int n) {
    std::string reply;
    for (const char* text :
         {"LAPOR", "1", "1", "1", "koba", "1", "Antrean puskesmas lama sekali", "1"}) {
      reply = via.Sms(filer, text, "f" + std::to_string(n) + "-" + std::to_string(++message)).body;
    }
    a.clock().Advance(11 * 60 * 1000);
    b.clock().Advance(11 * 60 * 1000);
    return reply;
  };
  for (int n = 0; n < 5; ++n) {
    EXPECT_NE(file(n % 2 == 0 ? a : b, n).find("diterima dengan nomor"), std::string::npos) << n;
  }
  EXPECT_NE(file(b, 5).find("sebanyak batas hari ini"), std::string::npos);
}

TEST(TwoInstances, ThePerAddressBudgetIsSharedBetweenThem) {
  const std::string prefix = SharedPrefix();
  auto shared = [&](app::Config& c) {
    c.redis.prefix = prefix;
    c.roles.scheduler = c.roles.sender = false;
    c.limits.requests_per_address = 20;
    c.limits.exempt_networks.clear();  // the test client is 127.0.0.1, exempt by default
  };
  test::TestServer a(test::TestRedisUrl(), shared);
  test::TestServer b(test::TestRedisUrl(), shared);
  // One address cycling numbers, half through each instance: 20 served in all, then silence
  // through either.
  auto send = [&](int i) {
    return (i % 2 == 0 ? a : b)
        .Sms("+62812000" + std::to_string(20000 + i), "halo", "addr" + std::to_string(i))
        .body;
  };
  for (int i = 0; i < 20; ++i) {
    EXPECT_NE(send(i), "") << i;
  }
  for (int i = 20; i < 24; ++i) {
    EXPECT_EQ(send(i), "") << i;
  }
}

// Both instances send the same gateway's notices, at a rate of 4 SMS a second (burst 4) they
// must keep together: 24 notices take at least (24 - 4) / 4 = 5 seconds, and no second holds
// more than burst + rate of them.
TEST(TwoInstances, AGatewaysSendRateIsSharedByEverySender) {
  test::IoThreads io;
  FakeGateway kannel(io.io(), [](const test::RecordedRequest&) {
    return FakeGateway::Answer{202, "0: Accepted for delivery"};
  });
  kannel.Start();
  const std::string prefix = SharedPrefix();
  auto shared = [&](app::Config& c) {
    c.redis.prefix = prefix;
    c.roles.scheduler = false;
    c.outbox.poll_ms = 10;
    c.kannel.sendsms_url = kannel.base_url() + "/cgi-bin/sendsms";
    c.kannel.outbound.rate = {.per_second = 4, .per_segment = false, .burst = 4};
  };
  test::TestServer a(test::TestRedisUrl(), shared);
  test::TestServer b(test::TestRedisUrl(), shared);
  constexpr int kNotices = 24;
  for (int i = 0; i < kNotices; ++i) {
    auto& service = (i % 2 == 0 ? a : b).service();
    ASSERT_TRUE(test::RunSync(service.io(),
                              service.outbox().Enqueue("+62812345" + std::to_string(10000 + i),
                                                       "Pemberitahuan " + std::to_string(i),
                                                       "notice.verified", "", 0))
                    .ok());
  }
  ASSERT_TRUE(
      test::Eventually([&] { return kannel.count() == kNotices; }, std::chrono::seconds(30)));
  const auto arrivals = kannel.arrivals();
  const int64_t spread = arrivals.back() - arrivals.front();
  EXPECT_GE(spread, (kNotices - 4) * 1000 / 4 - 250) << "sent faster than 4 a second";
  // Any one-second window holds at most the burst and one second's rate.
  for (size_t i = 0; i < arrivals.size(); ++i) {
    const auto in_window = std::count_if(arrivals.begin() + static_cast<long>(i), arrivals.end(),
                                         [&](int64_t t) { return t < arrivals[i] + 1000; });
    EXPECT_LE(in_window, 4 + 4 + 1) << "window from request " << i;
  }
  // Both senders took part, each message sent once.
  EXPECT_TRUE(test::Eventually(
      [&] { return a.service().sender()->sent() + b.service().sender()->sent() == kNotices; }));
  EXPECT_GT(a.service().sender()->sent(), 0u);
  EXPECT_GT(b.service().sender()->sent(), 0u);
  std::string metrics = test::HttpGet(a.port(), "/metrics").body;
  EXPECT_NE(metrics.find(
                "lapor1708_sms_segments_total{template=\"notice.verified\",provider=\"kannel\"}"),
            std::string::npos)
      << metrics;
}

TEST(Replies, AReplyToACitizenGoesBeforeTheBulkNotices) {
  test::IoThreads io;
  FakeGateway kannel(io.io(), [](const test::RecordedRequest&) {
    return FakeGateway::Answer{202, "0: Accepted for delivery"};
  });
  kannel.Start();
  test::TestServer server(test::TestRedisUrl(), [&](app::Config& c) {
    c.roles.scheduler = false;
    c.outbox.poll_ms = 10;
    c.kannel.sendsms_url = kannel.base_url() + "/cgi-bin/sendsms";
    c.kannel.outbound.rate = {.per_second = 10, .per_segment = false, .burst = 1};
  });
  auto& outbox = server.service().outbox();
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(test::RunSync(server.service().io(),
                              outbox.Enqueue("+62812345" + std::to_string(20000 + i),
                                             "Pemberitahuan massal " + std::to_string(i),
                                             "notice.verified", "", 0))
                    .ok());
  }
  ASSERT_TRUE(test::Eventually([&] { return kannel.count() >= 3; }));
  auto reply =
      test::RunSync(server.service().io(), outbox.EnqueueReply({.to = "+6281299990000",
                                                                .text = "Balasan untuk warga",
                                                                .provider = "at-sms",
                                                                .message_id = "m-1"},
                                                               0, 3600));
  ASSERT_TRUE(reply.ok());
  ASSERT_TRUE(test::Eventually([&] { return kannel.count() == 31; }, std::chrono::seconds(20)));
  size_t position = 0;
  const auto sent = kannel.requests();
  for (size_t i = 0; i < sent.size(); ++i) {
    if (sent[i].query.find("Balasan") != std::string::npos) {
      position = i;
    }
  }
  // Queued behind 27 or so notices, it went out within the next batch, not the last.
  EXPECT_LT(position, 3u + 20u + 2u) << "the reply waited for the notices";
  EXPECT_GT(sent.size() - position, 3u);
}

}  // namespace
}  // namespace lapor
