// The tokens API against a real Redis, through two instances (admin_edits_fixture.hpp).
#include "integration/admin_edits_fixture.hpp"

namespace lapor::test {
namespace {

TEST_F(AdminEditsTest, TokenAdminCreatesListsAndRevokesTokensOnEveryInstance) {
  auto made = Expect(201, Call(*a_, "POST", "/admin/v1/tokens", token_admin_,
                               json{{"name", "rina"}, {"role", "region_admin:19.04"}}.dump()));
  const std::string token = made["token"];
  EXPECT_TRUE(token.starts_with("l1708_"));
  EXPECT_EQ(made["role"], "region_admin:19.04");
  // Works at once where it was made, and on the other instance within a second.
  Expect(200, Call(*a_, "GET", "/admin/v1/cases", token));
  EXPECT_GE(MsUntil([&] { return Call(*b_, "GET", "/admin/v1/cases", token).status == 200; }), 0);

  auto list = Expect(200, Call(*b_, "GET", "/admin/v1/tokens", token_admin_));
  std::map<std::string, json> by_name;
  for (const auto& t : list["tokens"]) {
    by_name[t["name"]] = t;
  }
  ASSERT_TRUE(by_name.contains("rina"));
  EXPECT_EQ(by_name["rina"]["source"], "api");
  EXPECT_EQ(by_name["rina"]["created_by"], "toni");
  EXPECT_EQ(by_name["rina"]["last_used_at"], kTestEpochMs);
  EXPECT_EQ(by_name["siti"]["source"], "file");
  EXPECT_EQ(list.dump().find(token), std::string::npos);
  EXPECT_EQ(list.dump().find(admin::TokenHash(token)), std::string::npos);

  auto revoked = Expect(200, Call(*a_, "POST", "/admin/v1/tokens/rina/revoke", token_admin_));
  EXPECT_EQ(revoked["revoked_at"], kTestEpochMs);
  EXPECT_EQ(Call(*a_, "GET", "/admin/v1/cases", token).status, 401);
  EXPECT_GE(MsUntil([&] { return Call(*b_, "GET", "/admin/v1/cases", token).status == 401; }), 0);
}

TEST_F(AdminEditsTest, RevokedFileTokenIsRefusedByBothInstancesWithinASecond) {
  Expect(200, Call(*b_, "GET", "/admin/v1/cases", verifier_));
  Expect(200, Call(*b_, "POST", "/admin/v1/tokens/siti/revoke", token_admin_));
  int64_t a_ms =
      MsUntil([&] { return Call(*a_, "GET", "/admin/v1/cases", verifier_).status == 401; });
  int64_t b_ms =
      MsUntil([&] { return Call(*b_, "GET", "/admin/v1/cases", verifier_).status == 401; });
  EXPECT_GE(a_ms, 0);
  EXPECT_EQ(b_ms, 0);  // where it was revoked: at once
}

TEST_F(AdminEditsTest, BadTokenRequestsAreRefusedWithTheirReason) {
  auto create = [&](const std::string& body, int expect, const std::string& token) {
    return Expect(expect, Call(*a_, "POST", "/admin/v1/tokens", token, body));
  };
  EXPECT_NE(create(json{{"name", "x"}, {"role", "king"}}.dump(), 400, token_admin_)["error"]
                .get<std::string>()
                .find("is not a role"),
            std::string::npos);
  EXPECT_NE(
      create(json{{"name", "bad name!"}, {"role", "auditor"}}.dump(), 400, token_admin_)["error"]
          .get<std::string>()
          .find("may hold only"),
      std::string::npos);
  create(json{{"name", "siti"}, {"role", "auditor"}}.dump(), 409, token_admin_);
  create(R"({"name": "x"})", 400, token_admin_);
  create("not json", 400, token_admin_);
  create(json{{"name", "x"}, {"role", "auditor"}}.dump(), 403, verifier_);
  create(json{{"name", "x"}, {"role", "auditor"}}.dump(), 403, editor_);
  create(json{{"name", "x"}, {"role", "auditor"}}.dump(), 401, "");
  Expect(404, Call(*a_, "POST", "/admin/v1/tokens/nobody/revoke", token_admin_));
  Expect(403, Call(*a_, "GET", "/admin/v1/tokens", verifier_));
  // A template editor and a token admin see no case.
  EXPECT_EQ(Expect(200, Call(*a_, "GET", "/admin/v1/cases", editor_))["cases"], json::array());
}

}  // namespace
}  // namespace lapor::test
