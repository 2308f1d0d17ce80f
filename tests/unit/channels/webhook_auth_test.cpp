#include "channels/webhook_auth.hpp"

#include <gtest/gtest.h>

namespace lapor::channels {
namespace {

TEST(WebhookAuth, QueryTokenMustMatchExactly) {
  const std::string token = "Xq7-rahasia_1708.ok";
  EXPECT_TRUE(CheckQueryToken({{"token", token}}, "token", token).ok());
  for (const Fields& bad : {Fields{}, Fields{{"token", ""}}, Fields{{"token", token + "x"}},
                            Fields{{"token", token.substr(1)}}, Fields{{"secret", token}}}) {
    auto checked = CheckQueryToken(bad, "token", token);
    ASSERT_FALSE(checked.ok());
    EXPECT_EQ(checked.error().code, Errc::kForbidden);
    EXPECT_EQ(checked.error().message.find(token), std::string::npos);
  }
  EXPECT_TRUE(CheckQueryToken({}, "token", "").ok());  // loopback without a secret
}

TEST(WebhookAuth, PeerMustLieInTheAllowList) {
  std::vector<Network> networks = {*ParseNetwork("196.201.214.0/24"),
                                   *ParseNetwork("2001:db8::/32")};
  EXPECT_TRUE(CheckPeer(networks, "196.201.214.40").ok());
  EXPECT_TRUE(CheckPeer(networks, "2001:db8::9").ok());
  EXPECT_EQ(CheckPeer(networks, "203.0.113.5").error().code, Errc::kForbidden);
  EXPECT_TRUE(CheckPeer({}, "203.0.113.5").ok());
}

TEST(WebhookAuth, BeyondLoopbackASecretOfOurOwnIsRequiredAndSaysHowToSetIt) {
  auto problems = [](bool exposed, const std::string& secret) {
    JsonReader r("config.json");
    RequireSecret(r, exposed, "/channels/kannel/secret", secret, "set LAPOR1708_KANNEL_SECRET");
    return r.problems();
  };
  EXPECT_TRUE(problems(false, "").empty());
  EXPECT_TRUE(problems(false, "change-me-kannel-secret").empty());
  EXPECT_TRUE(problems(true, "Zq3-kannel_secret.2026").empty());
  for (const std::string& bad :
       {std::string(""), std::string("short"), std::string("change-me-kannel-secret")}) {
    auto found = problems(true, bad);
    ASSERT_EQ(found.size(), 1u) << bad;
    EXPECT_NE(found[0].find("/channels/kannel/secret"), std::string::npos) << found[0];
    EXPECT_NE(found[0].find("LAPOR1708_KANNEL_SECRET"), std::string::npos) << found[0];
  }
  // Kannel reads '%' in its get-url and dlr-url as an escape code.
  EXPECT_EQ(problems(false, "abc%def").size(), 1u);
  EXPECT_EQ(problems(false, "a&b").size(), 1u);
}

}  // namespace
}  // namespace lapor::channels
