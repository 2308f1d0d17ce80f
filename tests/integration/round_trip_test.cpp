// DESIGN.md: a webhook step costs at most two Redis round trips, one pipelined read (dedupe +
// session + the case sequence a filing numbers from) and one atomic write (EVALSHA of the step
// script). Counted from Redis's own MONITOR, on a Redis this test has to itself.
#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cases/tracking_number.hpp"
#include "support/redis_process.hpp"
#include "support/test_server.hpp"

namespace lapor {
namespace {

// The quoted arguments of a MONITOR line ("EVALSHA" "<sha>" "1" ...), escapes left as they are.
std::vector<std::string> QuotedArgs(const std::string& line) {
  std::vector<std::string> args;
  for (size_t at = line.find('"'); at != std::string::npos; at = line.find('"', at + 1)) {
    size_t end = at + 1;
    while (end < line.size() && line[end] != '"') {
      end += line[end] == '\\' ? 2 : 1;
    }
    args.push_back(line.substr(at + 1, end - at - 1));
    at = end;
  }
  return args;
}

// The commands a client sent while `step` ran, by name (lowercase), from MONITOR: the commands
// scripts ran inside Redis show as "[0 lua]" there and are left out, and so is the marker this
// function sends to know it has seen everything. `scripts`, when given, gets each EVALSHA's
// line.
std::map<std::string, long> SentWhile(int port, const std::function<void()>& step,
                                      std::vector<std::string>* scripts = nullptr) {
  redisContext* monitor = redisConnect("127.0.0.1", port);
  redisContext* marker = redisConnect("127.0.0.1", port);
  const timeval timeout{.tv_sec = 5, .tv_usec = 0};
  redisSetTimeout(monitor, timeout);
  freeReplyObject(redisCommand(monitor, "MONITOR"));
  step();
  const std::string end = "round-trip-test-end";
  freeReplyObject(redisCommand(marker, "ECHO %s", end.c_str()));
  std::map<std::string, long> sent;
  for (;;) {
    void* raw = nullptr;
    if (redisGetReply(monitor, &raw) != REDIS_OK) {
      ADD_FAILURE() << "MONITOR stopped before the marker";
      break;
    }
    auto* reply = static_cast<redisReply*>(raw);
    const std::string line(reply->str, reply->len);  // 1.2 [0 127.0.0.1:5] "GET" "k"
    freeReplyObject(reply);
    if (line.find(end) != std::string::npos) {
      break;
    }
    const auto open = line.find('[');
    const auto close = line.find(']', open);
    const auto name = line.find('"', close);
    if (open == line.npos || close == line.npos || name == line.npos ||
        line.compare(open, close - open, "[0 lua") == 0) {
      continue;
    }
    std::string command = line.substr(name + 1, line.find('"', name + 1) - name - 1);
    std::transform(command.begin(), command.end(), command.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    ++sent[command];
    if (scripts != nullptr && command == "evalsha") {
      scripts->push_back(line);
    }
  }
  redisFree(marker);
  redisFree(monitor);
  return sent;
}

class RoundTrips : public ::testing::Test {
 protected:
  // Commands the server sent for one step, leaving out what ran inside the script.
  std::map<std::string, long> SentFor(const std::function<void()>& step) {
    return SentWhile(redis_->port(), step);
  }

  std::unique_ptr<test::RedisProcess> redis_ = test::RedisProcess::Start();
  // Only the web role: the scheduler's and the sender's own calls are no part of a step.
  test::TestServer server_{redis_->url(),
                           [](app::Config& c) { c.roles.scheduler = c.roles.sender = false; }};
};

// The read: the number's budget count (INCR, EXPIRE), the dedupe record and the session (GET,
// HMGET) and the case sequence (GET); then the write, one script.
const std::map<std::string, long> kReadThenWrite = {
    {"incr", 1}, {"expire", 1}, {"get", 2}, {"hmget", 1}, {"evalsha", 1}};

TEST_F(RoundTrips, UssdStepIsOnePipelinedReadAndOneScript) {
  server_.Ussd("rt", "081234567890", "");
  // A USSD step reads one string, the citizen's USSD state (dedupe and session in one), where an
  // SMS step reads a dedupe record and a session hash.
  EXPECT_EQ(SentFor([&] { server_.Ussd("rt", "081234567890", "1"); }),
            (std::map<std::string, long>{{"incr", 1}, {"expire", 1}, {"get", 2}, {"evalsha", 1}}));
}

// A step that files nothing sends the script only what it reads (each argument costs Redis time
// on every call, bench/README.md): for USSD one key and eleven arguments, without the reply.
TEST_F(RoundTrips, AUssdStepThatFilesNothingSendsItsScriptOneKeyAndNotItsReply) {
  server_.Ussd("rt", "081234567890", "");
  std::vector<std::string> scripts;
  test::HttpReply reply;
  SentWhile(
      redis_->port(), [&] { reply = server_.Ussd("rt", "081234567890", "1"); }, &scripts);
  ASSERT_TRUE(reply.body.starts_with("CON Kategori:")) << reply.body;
  ASSERT_EQ(scripts.size(), 1u);
  const auto args = QuotedArgs(scripts[0]);  // EVALSHA, its sha, the key count, keys, arguments
  ASSERT_GE(args.size(), 3u) << scripts[0];
  EXPECT_EQ(args[2], "1") << scripts[0];
  EXPECT_EQ(args.size(), 3u + 1u + 11u) << scripts[0];
  for (const auto& arg : args) {
    EXPECT_EQ(arg.find("Kategori"), std::string::npos) << arg;
  }
}

TEST_F(RoundTrips, SmsStepThatFilesACaseIsOnePipelinedReadAndOneScript) {
  const std::string phone = "081234567890";
  for (const char* text : {"LAPOR", "1", "1", "1", "koba", "1", "Antrean puskesmas lama sekali"}) {
    server_.Sms(phone, text);
  }
  std::string reply;
  // Filing reads the day's report count too, inside the script.
  EXPECT_EQ(SentFor([&] { reply = server_.Sms(phone, "1"); }), kReadThenWrite);
  EXPECT_TRUE(reply.starts_with("Terima kasih.")) << reply;
}

TEST_F(RoundTrips, StatusCheckReadsTheCaseInTheSameRead) {
  std::map<std::string, long> sent =
      SentFor([&] { server_.Sms("081234567890", "CEK " + *cases::MakeTrackingNumber(1)); });
  // The case is one more command in the same pipelined read, not another round trip.
  std::map<std::string, long> read_then_write = kReadThenWrite;
  read_then_write["hmget"] += 1;
  EXPECT_EQ(sent, read_then_write);
}

}  // namespace
}  // namespace lapor
