// The CLI `simulate` (app/simulate.hpp) against a real Redis: a scratch key prefix, no web
// listener, scheduler or sender, said so, and no key left behind.
#include "app/simulate.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <regex>
#include <sstream>

#include "support/redis_process.hpp"
#include "support/redis_sync.hpp"
#include "support/test_server.hpp"

namespace lapor::test {
namespace {

TEST(Simulate, RunsNoWebSchedulerOrSenderUnderAScratchPrefix) {
  app::Config config = TestConfig(TestRedisUrl());
  config.redis.prefix = "real:";
  auto scratch = app::ScratchConfig(config, "real:simulate-1:");
  EXPECT_EQ(scratch.redis.prefix, "real:simulate-1:");
  EXPECT_FALSE(scratch.roles.web);
  EXPECT_FALSE(scratch.roles.scheduler);
  EXPECT_FALSE(scratch.roles.sender);
  EXPECT_EQ(scratch.http.port, 0);
}

TEST(Simulate, AUssdChatSaysWhatItIsAndLeavesNoKeyBehind) {
  app::Config config = TestConfig(TestRedisUrl());
  const std::string base = "sim" + std::to_string(getpid()) + ":";
  config.redis.prefix = base;
  // Pengaduan, Kesehatan: the session is stored (under the scratch prefix) while it goes on.
  std::istringstream in("1\n1\n");
  std::ostringstream out;
  std::ostringstream err;
  int code = app::Simulate(config, {.phone = "+6281200000001", .ussd = true}, in, out, err);
  ASSERT_EQ(code, 0) << err.str();
  const std::string said = out.str();
  EXPECT_NE(said.find("keys under the scratch prefix " + base + "simulate-"), std::string::npos)
      << said;
  EXPECT_NE(said.find("no web listener, no scheduler, no sender"), std::string::npos) << said;
  EXPECT_NE(said.find("[CON] "), std::string::npos) << said;
  std::smatch removed;
  ASSERT_TRUE(std::regex_search(said, removed, std::regex(R"((\d+) scratch key\(s\) removed)")))
      << said;
  EXPECT_GT(std::stoi(removed[1].str()), 0) << "the chat stored nothing to remove";
  RedisSync redis(TestRedisUrl());
  EXPECT_EQ(redis.Keys(base + "*"), std::vector<std::string>{});
}

}  // namespace
}  // namespace lapor::test
