#include "common/network.hpp"

#include <gtest/gtest.h>

namespace lapor {
namespace {

TEST(Network, ParsesCidrOfBothFamilies) {
  auto v4 = ParseNetwork("196.201.214.0/24");
  ASSERT_TRUE(v4.has_value());
  EXPECT_TRUE(Contains(*v4, "196.201.214.7"));
  EXPECT_TRUE(Contains(*v4, "196.201.214.255"));
  EXPECT_FALSE(Contains(*v4, "196.201.215.1"));
  EXPECT_TRUE(Contains(*v4, "::ffff:196.201.214.9"));  // a dual-stack socket's view
  EXPECT_FALSE(Contains(*v4, "2001:db8::1"));
  auto v6 = ParseNetwork("2001:db8::/32");
  ASSERT_TRUE(v6.has_value());
  EXPECT_TRUE(Contains(*v6, "2001:db8:1::5"));
  EXPECT_FALSE(Contains(*v6, "2001:db9::5"));
  auto one = ParseNetwork("10.0.0.7");
  ASSERT_TRUE(one.has_value());
  EXPECT_TRUE(Contains(*one, "10.0.0.7"));
  EXPECT_FALSE(Contains(*one, "10.0.0.8"));
  EXPECT_TRUE(Contains(*ParseNetwork("0.0.0.0/0"), "8.8.8.8"));
  EXPECT_FALSE(Contains(*v4, "not an address"));
}

TEST(Network, RefusesWhatIsNotANetwork) {
  for (const char* bad : {"", "example.com", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1",
                          "10.0.0.7/24", "::/129", "10.0.0.0/8x", "1.2.3.4.5"}) {
    EXPECT_FALSE(ParseNetwork(bad).has_value()) << bad;
  }
}

TEST(Network, LoopbackIsThisMachineOnly) {
  for (const char* address : {"127.0.0.1", "127.8.9.10", "::1", "localhost"}) {
    EXPECT_TRUE(IsLoopbackAddress(address)) << address;
  }
  for (const char* address : {"0.0.0.0", "::", "10.1.2.3", "192.168.1.10", "2001:db8::1"}) {
    EXPECT_FALSE(IsLoopbackAddress(address)) << address;
  }
}

}  // namespace
}  // namespace lapor
