// DESIGN.md: a webhook step costs at most two Redis round trips, one pipelined read (dedupe +
// session + the case sequence a filing numbers from) and one atomic write (EVALSHA of the step
// script). Counted from Redis's own
// INFO commandstats, on a Redis this test has to itself.
#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <map>
#include <sstream>

#include "cases/tracking_number.hpp"
#include "support/redis_process.hpp"
#include "support/test_server.hpp"

namespace lapor {
namespace {

// Calls per command name, from INFO commandstats ("cmdstat_get:calls=3,...").
std::map<std::string, long> CommandCalls(int port) {
  redisContext* c = redisConnect("127.0.0.1", port);
  auto* reply = static_cast<redisReply*>(redisCommand(c, "INFO commandstats"));
  std::map<std::string, long> calls;
  std::istringstream lines(std::string(reply->str, reply->len));
  for (std::string line; std::getline(lines, line);) {
    auto colon = line.find(':');
    if (!line.starts_with("cmdstat_") || colon == std::string::npos) {
      continue;
    }
    auto value = line.find("calls=", colon);
    calls[line.substr(8, colon - 8)] = std::stol(line.substr(value + 6));
  }
  freeReplyObject(reply);
  redisFree(c);
  return calls;
}

std::map<std::string, long> Delta(const std::map<std::string, long>& before,
                                  const std::map<std::string, long>& after) {
  std::map<std::string, long> delta;
  for (const auto& [name, count] : after) {
    auto it = before.find(name);
    long was = it == before.end() ? 0 : it->second;
    if (count != was && name != "info") {
      delta[name] = count - was;
    }
  }
  return delta;
}

// Commands only the step script runs, inside Redis; they are no round trip of ours. (It also
// runs one GET, of the dedupe record or the USSD state, so a step shows three GETs: the read's
// two and the one inside.)
bool InsideScript(const std::string& name) {
  for (const char* c :
       {"hget", "hset", "expire", "set", "del", "incr", "exists", "rpush", "zadd", "xadd"}) {
    if (name == c) {
      return true;
    }
  }
  return false;
}

class RoundTrips : public ::testing::Test {
 protected:
  // Commands the server sent for one step, leaving out what ran inside the script.
  std::map<std::string, long> SentFor(const std::function<void()>& step) {
    auto before = CommandCalls(redis_->port());
    step();
    std::map<std::string, long> sent;
    for (const auto& [name, count] : Delta(before, CommandCalls(redis_->port()))) {
      if (!InsideScript(name)) {
        sent[name] = count;
      }
    }
    return sent;
  }

  std::unique_ptr<test::RedisProcess> redis_ = test::RedisProcess::Start();
  // Only the web role: the scheduler's and the sender's own calls are no part of a step.
  test::TestServer server_{redis_->url(),
                           [](app::Config& c) { c.roles.scheduler = c.roles.sender = false; }};
};

// The budget script (budget.lua) is one more command in the read's pipeline, not a round trip.
const std::map<std::string, long> kReadThenWrite = {{"get", 2 + 1}, {"hmget", 1}, {"evalsha", 2}};

TEST_F(RoundTrips, UssdStepIsOnePipelinedReadAndOneScript) {
  server_.Ussd("rt", "081234567890", "");
  // A USSD step reads one string, the citizen's USSD state (dedupe and session in one), where an
  // SMS step reads a dedupe record and a session hash: GETs of the state and the case sequence,
  // and one of the state inside the script.
  EXPECT_EQ(SentFor([&] { server_.Ussd("rt", "081234567890", "1"); }),
            (std::map<std::string, long>{{"get", 2 + 1}, {"evalsha", 2}}));
}

TEST_F(RoundTrips, SmsStepThatFilesACaseIsOnePipelinedReadAndOneScript) {
  const std::string phone = "081234567890";
  for (const char* text : {"LAPOR", "1", "1", "1", "koba", "1", "Antrean puskesmas lama sekali"}) {
    server_.Sms(phone, text);
  }
  std::string reply;
  // Filing, the script also reads the day's report count (one more GET, inside it).
  std::map<std::string, long> filing = kReadThenWrite;
  filing["get"] += 1;
  EXPECT_EQ(SentFor([&] { reply = server_.Sms(phone, "1"); }), filing);
  EXPECT_TRUE(reply.starts_with("Terima kasih.")) << reply;
}

TEST_F(RoundTrips, StatusCheckReadsTheCaseInTheSameRead) {
  std::map<std::string, long> sent =
      SentFor([&] { server_.Sms("081234567890", "CEK " + *cases::MakeTrackingNumber(1)); });
  // The case is one more command in the same pipelined read, not another round trip.
  EXPECT_EQ(sent, (std::map<std::string, long>{{"get", 2 + 1}, {"hmget", 2}, {"evalsha", 2}}));
}

}  // namespace
}  // namespace lapor
