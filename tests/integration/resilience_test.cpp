// What the server does when things go wrong around it: Redis dies and comes back, clients send
// garbage, one session gets many messages at once.
#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <chrono>
#include <future>
#include <set>
#include <thread>

#include "support/io_threads.hpp"
#include "support/redis_process.hpp"
#include "support/test_server.hpp"

namespace lapor {
namespace {

using test::Eventually;
using test::HttpGet;
using test::HttpPost;
using test::HttpRequest;

constexpr const char* kReporter = "+6281234567890";

// HGET on the test's Redis, "" when missing.
std::string RedisHashField(int port, const std::string& key, const std::string& field) {
  redisContext* c = redisConnect("127.0.0.1", port);
  EXPECT_TRUE(c != nullptr && c->err == 0);
  auto* reply = static_cast<redisReply*>(
      redisCommand(c, "HGET %b %b", key.data(), key.size(), field.data(), field.size()));
  std::string value = reply != nullptr && reply->type == REDIS_REPLY_STRING
                          ? std::string(reply->str, reply->len)
                          : "";
  freeReplyObject(reply);
  redisFree(c);
  return value;
}

TEST(RedisOutage, EachChannelAnswersBusyReadyzSays503ThenRecoversWithoutRestart) {
  auto redis = test::RedisProcess::Start();
  test::TestServer server(redis->url());
  ASSERT_EQ(server.Ussd("before", kReporter, "").status, 200);
  ASSERT_EQ(HttpGet(server.port(), "/readyz").status, 200);

  redis->Kill();
  // USSD: an END screen the citizen can read, never a raw error.
  auto ussd = server.Ussd("during", kReporter, "");
  EXPECT_EQ(ussd.status, 200);
  EXPECT_EQ(ussd.body, "END Maaf, layanan sedang sibuk. Silakan coba lagi beberapa saat lagi.");
  // Kannel: 200 with a busy SMS, since a non-2xx makes Kannel text "Could not fetch content".
  auto sms = server.Sms(kReporter, "LAPOR", "k-during");
  EXPECT_EQ(sms.status, 200);
  EXPECT_EQ(sms.body, "Maaf, layanan sedang sibuk. Silakan coba lagi beberapa saat lagi.");
  auto ready = HttpGet(server.port(), "/readyz");
  EXPECT_EQ(ready.status, 503);
  EXPECT_NE(ready.body.find("redis"), std::string::npos) << ready.body;
  EXPECT_EQ(HttpGet(server.port(), "/healthz").status, 200);

  redis->Restart();
  EXPECT_TRUE(Eventually([&] { return HttpGet(server.port(), "/readyz").status == 200; }));
  auto after = server.Ussd("after", kReporter, "");
  EXPECT_TRUE(after.body.starts_with("CON LAPOR! 1708")) << after.body;
  // The busy answer changed nothing: the same Kannel id is processed for real now.
  auto again = server.Sms(kReporter, "LAPOR", "k-during");
  EXPECT_TRUE(again.body.starts_with("Jenis laporan:")) << again.body;
}

TEST(RedisOutage, HungRedisTimesOutIntoBusyInsteadOfHanging) {
  auto redis = test::RedisProcess::Start();
  test::TestServer server(redis->url());
  ASSERT_EQ(server.Ussd("before", kReporter, "").status, 200);
  redis->Pause();
  auto started = std::chrono::steady_clock::now();
  auto ussd = server.Ussd("during", kReporter, "");
  auto took = std::chrono::steady_clock::now() - started;
  redis->Resume();
  EXPECT_TRUE(ussd.body.starts_with("END Maaf")) << ussd.body;
  // The test config's command timeout is 500 ms.
  EXPECT_LT(took, std::chrono::seconds(3));
  EXPECT_TRUE(
      Eventually([&] { return server.Ussd("after", kReporter, "").body.starts_with("CON"); }));
}

// A Redis at its maxclients answers a new connection with an error and closes it (read by
// hiredis before or after our handshake's first command is queued): busy, not a crash, until
// other clients leave. The room freed is more than the server's connections (a few per thread).
TEST(RedisOutage, ARedisWithNoRoomForUsIsBusyUntilOtherClientsLeave) {
  constexpr int kRoom = 16;
  auto redis = test::RedisProcess::Start({"--maxclients", std::to_string(kRoom)});
  std::vector<redisContext*> others;
  for (int i = 0; i < kRoom; ++i) {
    others.push_back(redisConnect("127.0.0.1", redis->port()));
    ASSERT_TRUE(others.back() != nullptr && others.back()->err == 0);
    auto* pong = static_cast<redisReply*>(redisCommand(others.back(), "PING"));
    ASSERT_TRUE(pong != nullptr && pong->type == REDIS_REPLY_STATUS);  // it has its place
    freeReplyObject(pong);
  }
  test::TestServer server(redis->url());
  EXPECT_TRUE(server.Ussd("full", kReporter, "").body.starts_with("END Maaf"));
  EXPECT_EQ(HttpGet(server.port(), "/readyz").status, 503);

  for (redisContext* other : others) {
    redisFree(other);
  }
  EXPECT_TRUE(Eventually([&] { return HttpGet(server.port(), "/readyz").status == 200; }));
  EXPECT_TRUE(server.Ussd("room", kReporter, "").body.starts_with("CON LAPOR! 1708"));
}

struct BadRequest {
  const char* what;
  std::string method;
  std::string target;
  std::string body;
  std::string content_type;
  int status;
};

TEST(BadInput, EveryBadRequestGetsA4xxAndTheServerKeepsServing) {
  test::TestServer server(test::TestRedisUrl());
  const std::string ussd = server.AfricasTalking("/webhooks/africastalking/ussd");
  const std::string form = "application/x-www-form-urlencoded";
  std::vector<BadRequest> cases = {
      {"ussd without sessionId", "POST", ussd, "phoneNumber=0812345678&text=", form, 400},
      {"ussd without text", "POST", ussd, "sessionId=a&phoneNumber=0812345678", form, 400},
      {"ussd bad phone", "POST", ussd, "sessionId=a&phoneNumber=hello&text=", form, 400},
      {"ussd bad session id", "POST", ussd, "sessionId=a%20b&phoneNumber=0812345678&text=", form,
       400},
      {"ussd bad utf-8", "POST", ussd, "sessionId=a&phoneNumber=0812345678&text=1*%C3%28", form,
       400},
      {"ussd bad escape", "POST", ussd, "sessionId=a&phoneNumber=0812345678&text=%zz", form, 400},
      {"ussd not a form", "POST", ussd, "{\"text\":\"\"}", "application/json", 415},
      {"ussd wrong service code", "POST", ussd,
       "sessionId=a&serviceCode=*999%23&phoneNumber=0812345678&text=", form, 400},
      {"ussd with GET", "GET", ussd, "", "", 405},
      {"ussd 1 MB body", "POST", ussd, "text=" + std::string(1 << 20, 'a'), form, 413},
      {"kannel without from", "GET", server.Kannel("/webhooks/kannel/sms?text=hi&id=1"), "", "",
       400},
      {"kannel without id", "GET", server.Kannel("/webhooks/kannel/sms?from=0812345678&text=hi"),
       "", "", 400},
      {"kannel bad utf-8", "GET",
       server.Kannel("/webhooks/kannel/sms?from=0812345678&text=%FF%FE&id=2"), "", "", 400},
      {"kannel with POST", "POST", server.Kannel("/webhooks/kannel/sms"), "from=1", form, 405},
      {"unknown path", "GET", "/webhooks/nope", "", "", 404},
  };
  for (const auto& c : cases) {
    auto reply = HttpRequest(server.port(), c.method, c.target, c.body, c.content_type);
    EXPECT_EQ(reply.status, c.status) << c.what << ": " << reply.body;
    if (reply.status != 413 && reply.status != 405 && reply.status != 404) {
      EXPECT_NE(reply.body.find("\"error\""), std::string::npos) << c.what << ": " << reply.body;
    }
    ASSERT_EQ(HttpGet(server.port(), "/healthz").status, 200) << "after " << c.what;
  }
  // Nothing bad was stored: the citizen's first dial is a fresh main menu.
  EXPECT_TRUE(server.Ussd("a", "0812345678", "").body.starts_with("CON LAPOR! 1708"));
}

TEST(Concurrency, ConcurrentStepsOfOneSessionAreAllApplied) {
  auto redis = test::RedisProcess::Start();
  test::TestServer server(redis->url());
  ASSERT_TRUE(server.Sms(kReporter, "halo").starts_with("LAPOR! 1708"));
  // Eight "1"s at once. Applied one after another they walk main > category > sub-category >
  // place (where "1" names no place, five times). A lost update would leave the session behind,
  // at an earlier node.
  constexpr int kSteps = 8;
  std::vector<std::future<test::HttpReply>> replies;
  for (int i = 0; i < kSteps; ++i) {
    replies.push_back(std::async(std::launch::async, [&server, i] {
      return server.Sms(kReporter, "1", "c" + std::to_string(i));
    }));
  }
  std::multiset<std::string> first_lines;
  for (auto& reply : replies) {
    auto body = reply.get().body;
    first_lines.insert(body.substr(0, body.find('\n')));
  }
  std::string key = server.prefix() + "sess:{" + kReporter + "}:sms";
  EXPECT_EQ(RedisHashField(redis->port(), key, "node"), "place");
  EXPECT_EQ(RedisHashField(redis->port(), key, "v"), std::to_string(kSteps + 1));
  EXPECT_EQ(first_lines.count("Kategori:"), 1u);
  EXPECT_EQ(first_lines.count("Sub-kategori:"), 1u);
  EXPECT_EQ(first_lines.count("Di mana? Tulis nama desa atau kecamatan:"), 1u);
  EXPECT_EQ(first_lines.count("Lokasi tidak ditemukan, ketik ulang."), 5u);
}

}  // namespace
}  // namespace lapor
