// Issue 7: a webhook step never crosses threads. Each web shard (app/web_shard.hpp) is one thread
// with its own io_context, listener and Redis connections; every Redis reply is checked against
// the thread that sent its commands (RedisClient::thread_hops). With one io_context run by
// several threads, as before the shards, replies resumed on whichever thread was free.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "support/redis_process.hpp"
#include "support/test_server.hpp"

namespace lapor {
namespace {

constexpr int kClients = 4;
constexpr int kReportsPerClient = 8;

// One complete USSD report, step by step, from its own number; the last reply.
std::string FileReport(test::TestServer& server, const std::string& session,
                       const std::string& phone) {
  std::string last;
  for (const char* text :
       {"", "1", "1*1", "1*1*1", "1*1*1*koba", "1*1*1*koba*1", "1*1*1*koba*1*Antrean lama sekali",
        "1*1*1*koba*1*Antrean lama sekali*1"}) {
    last = server.Ussd(session, phone, text).body;
  }
  return last;
}

TEST(ShareNothing, EveryStepStaysOnItsShardsThread) {
  test::TestServer server(test::TestRedisUrl(), [](app::Config& c) {
    c.http.threads = 2;
    c.roles.scheduler = c.roles.sender = false;
  });
  const auto& shards = server.service().shards();
  ASSERT_EQ(shards.size(), 2u);

  std::atomic<int> filed{0};
  std::vector<std::thread> clients;
  for (int client = 0; client < kClients; ++client) {
    clients.emplace_back([&, client] {
      for (int i = 0; i < kReportsPerClient; ++i) {
        const std::string id = std::to_string(client * 100 + i);
        const std::string end =
            FileReport(server, "sn-" + id, "0812340" + std::to_string(10000 + client * 100 + i));
        if (end.starts_with("END ")) {
          filed.fetch_add(1);
        }
      }
    });
  }
  for (auto& c : clients) {
    c.join();
  }
  EXPECT_EQ(filed.load(), kClients * kReportsPerClient);

  // The test client opens a connection per request, so the kernel spread them over both shards
  // (256 requests all landing on one of two would be a 2^-255 chance).
  uint64_t requests = 0;
  for (const auto& shard : shards) {
    EXPECT_GT(shard->requests(), 0u);
    EXPECT_EQ(shard->redis_thread_hops(), 0u);
    requests += shard->requests();
  }
  EXPECT_EQ(requests, static_cast<uint64_t>(kClients * kReportsPerClient * 8));
}

}  // namespace
}  // namespace lapor
