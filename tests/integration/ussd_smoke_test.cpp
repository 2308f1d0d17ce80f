#include <gtest/gtest.h>

#include "support/redis_process.hpp"
#include "support/test_server.hpp"

namespace lapor {
namespace {

TEST(UssdSmoke, DialShowsMainMenu) {
  test::TestServer server(test::TestRedisUrl());
  auto reply = server.Ussd("s1", "081234567890", "");
  EXPECT_EQ(reply.status, 200);
  EXPECT_TRUE(reply.body.starts_with("CON LAPOR! 1708")) << reply.body;
}

}  // namespace
}  // namespace lapor
