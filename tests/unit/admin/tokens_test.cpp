#include "admin/tokens.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "common/config_error.hpp"

namespace lapor::admin {
namespace {

namespace fs = std::filesystem;
using cases::Role;

// SHA-256("abc"), FIPS 180-2 appendix B.1.
constexpr const char* kAbcHash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

std::string ProblemsOf(const nlohmann::json& doc) {
  try {
    TokenSet::FromJson(doc, "tokens.json");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

// A fresh folder per test, removed after it.
class TokensFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lapor-tokens-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path() const { return (dir_ / "var" / "admin-tokens.json").string(); }
  void Write(const std::string& text) {
    fs::create_directories(dir_ / "var");
    std::ofstream(Path()) << text;
  }
  std::string Read() const {
    std::ifstream in(Path());
    return {std::istreambuf_iterator<char>(in), {}};
  }

  fs::path dir_;
};

TEST(TokenHash, IsLowercaseHexSha256) { EXPECT_EQ(TokenHash("abc"), kAbcHash); }

TEST(TokenSet, ReadsEachRoleWithItsActor) {
  auto set = TokenSet::FromJson(nlohmann::json::parse(R"([
        {"name": "siti", "role": "verifier", "sha256": ")" +
                                                      std::string(kAbcHash) + R"("},
        {"name": "budi", "role": "opd:19.04/dinas-pu", "sha256": ")" +
                                                      std::string(64, 'a') + R"("},
        {"name": "audit.1", "role": "auditor", "sha256": ")" +
                                                      std::string(64, 'b') + R"("}
      ])"),
                                "tokens.json");
  ASSERT_EQ(set.entries.size(), 3u);
  EXPECT_EQ(set.entries[0].actor.name, "siti");
  EXPECT_EQ(set.entries[0].actor.role, Role::kVerifier);
  EXPECT_EQ(set.entries[1].actor.role, Role::kOpd);
  EXPECT_EQ(set.entries[1].actor.opd, "dinas-pu");
  EXPECT_EQ(set.entries[1].actor.region, "19.04");
  EXPECT_EQ(set.entries[2].actor.role, Role::kAuditor);
}

TEST(TokenSet, NamesTheIndexAndFieldOfEveryBadEntry) {
  auto problems = ProblemsOf(nlohmann::json::parse(R"([
    {"name": "siti", "role": "verifier", "sha256": ")" +
                                                   std::string(kAbcHash) + R"("},
    {"name": "siti", "role": "verifier", "sha256": ")" +
                                                   std::string(64, 'a') + R"("},
    {"name": "ani", "role": "mayor", "sha256": ")" +
                                                   std::string(64, 'b') + R"("},
    {"name": "rudi", "role": "auditor", "sha256": "ABC"},
    {"name": "has space", "role": "opd:", "sha256": ")" +
                                                   std::string(64, 'c') + R"("},
    "not an object",
    {"role": "auditor"}
  ])"));
  EXPECT_NE(problems.find("tokens.json: [1].name: \"siti\" appears twice"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find("tokens.json: [2].role: \"mayor\" is not a role"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find("tokens.json: [3].sha256:"), std::string::npos) << problems;
  EXPECT_NE(problems.find("tokens.json: [4].name:"), std::string::npos) << problems;
  EXPECT_NE(problems.find("tokens.json: [4].role:"), std::string::npos) << problems;
  EXPECT_NE(problems.find("tokens.json: [5]: must be an object"), std::string::npos) << problems;
  EXPECT_NE(problems.find("tokens.json: [6].name: must be a string"), std::string::npos)
      << problems;
}

TEST(TokenSet, SameHashTwiceIsAProblem) {
  auto problems = ProblemsOf(nlohmann::json::parse(R"([
    {"name": "a", "role": "verifier", "sha256": ")" +
                                                   std::string(kAbcHash) + R"("},
    {"name": "b", "role": "auditor", "sha256": ")" +
                                                   std::string(kAbcHash) + R"("}
  ])"));
  EXPECT_NE(problems.find("[1].sha256: the same token appears twice"), std::string::npos)
      << problems;
}

TEST(TokenSet, NotAnArrayIsAProblem) {
  EXPECT_NE(ProblemsOf(nlohmann::json::object()).find("must be a JSON array"), std::string::npos);
}

TEST_F(TokensFileTest, MissingFileIsNoTokens) {
  EXPECT_TRUE(TokenSet::Load(Path()).entries.empty());
}

TEST_F(TokensFileTest, BrokenJsonNamesThePath) {
  Write("[{\"name\": ");
  try {
    TokenSet::Load(Path());
    FAIL() << "no ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(Path() + ": not valid JSON"), std::string::npos);
  }
}

TEST(Authenticate, BearerTokenGivesTheEntrysActor) {
  TokenSet set{{{TokenHash("tok-1"), {.name = "siti", .role = Role::kVerifier}},
                {TokenHash("tok-2"), {.name = "budi", .role = Role::kOpd, .opd = "dinas-pu"}}}};
  auto siti = Authenticate(set, "Bearer tok-1");
  ASSERT_TRUE(siti.ok()) << siti.error().message;
  EXPECT_EQ(siti->name, "siti");
  auto budi = Authenticate(set, "bearer  tok-2 ");
  ASSERT_TRUE(budi.ok()) << budi.error().message;
  EXPECT_EQ(budi->role, Role::kOpd);
  EXPECT_EQ(budi->opd, "dinas-pu");
}

TEST(Authenticate, MissingWrongSchemeOrUnknownTokenIsUnauthorized) {
  TokenSet set{{{TokenHash("tok-1"), {.name = "siti", .role = Role::kVerifier}}}};
  for (const char* header : {"", "Bearer", "Bearer ", "Bearer    ", "Basic dG9rLTE=", "tok-1",
                             "Bearer tok-2", "Bearer tok-1x", "Bearertok-1"}) {
    auto actor = Authenticate(set, header);
    ASSERT_FALSE(actor.ok()) << header;
    EXPECT_EQ(actor.error().code, Errc::kUnauthorized) << header;
    EXPECT_EQ(actor.error().message, "missing or unknown token") << header;
  }
  EXPECT_FALSE(Authenticate(TokenSet{}, "Bearer tok-1").ok());
}

TEST_F(TokensFileTest, AddTokenCreatesTheFileAndTheTokenSignsIn) {
  auto token = AddToken(Path(), "siti", "verifier");
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_TRUE(token->starts_with("l1708_")) << *token;
  EXPECT_EQ(token->size(), 6u + 43u);  // 32 bytes in unpadded base64url
  EXPECT_EQ(token->find_first_not_of(
                "l1708_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-", 6),
            std::string::npos);
  EXPECT_EQ(Read().find(*token), std::string::npos) << "the token itself must not be stored";

  auto set = TokenSet::Load(Path());
  ASSERT_EQ(set.entries.size(), 1u);
  auto actor = Authenticate(set, "Bearer " + *token);
  ASSERT_TRUE(actor.ok());
  EXPECT_EQ(actor->name, "siti");
  EXPECT_EQ(actor->role, Role::kVerifier);

  struct stat info {};
  ASSERT_EQ(::stat(Path().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST_F(TokensFileTest, AddTokenAppendsAndKeepsWhatWasThere) {
  Write(R"([{"name": "old", "role": "auditor", "sha256": ")" + std::string(kAbcHash) +
        R"(", "note": "kept"}])");
  auto first = AddToken(Path(), "budi", "opd:19.04/dinas-pu");
  auto second = AddToken(Path(), "ani", "region_admin:19.04");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(*first, *second);
  auto doc = nlohmann::json::parse(Read());
  ASSERT_EQ(doc.size(), 3u);
  EXPECT_EQ(doc[0]["note"], "kept");
  EXPECT_EQ(doc[1]["name"], "budi");
  EXPECT_EQ(doc[1]["role"], "opd:19.04/dinas-pu");
  EXPECT_EQ(doc[2]["sha256"], TokenHash(*second));
  // Nothing left behind but the file itself.
  size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_ / "var")) {
    ++files;
  }
  EXPECT_EQ(files, 1u);
}

TEST_F(TokensFileTest, AddTokenRefusesUnknownRoleBadNameAndTakenName) {
  ASSERT_TRUE(AddToken(Path(), "siti", "verifier").ok());
  std::string before = Read();

  auto role = AddToken(Path(), "ani", "mayor");
  ASSERT_FALSE(role.ok());
  EXPECT_EQ(role.error().code, Errc::kBadRequest);
  EXPECT_NE(role.error().message.find("mayor"), std::string::npos);

  EXPECT_EQ(AddToken(Path(), "ani", "opd:").error().code, Errc::kBadRequest);
  // A regional role names its region: the unscoped ones of a single-regency server are gone.
  EXPECT_EQ(AddToken(Path(), "ani", "region_admin").error().code, Errc::kBadRequest);
  EXPECT_EQ(AddToken(Path(), "ani", "opd:dinkes").error().code, Errc::kBadRequest);
  EXPECT_EQ(AddToken(Path(), "", "verifier").error().code, Errc::kBadRequest);
  EXPECT_EQ(AddToken(Path(), "a b", "verifier").error().code, Errc::kBadRequest);

  auto taken = AddToken(Path(), "siti", "auditor");
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, Errc::kConflict);
  EXPECT_EQ(Read(), before);
}

TEST_F(TokensFileTest, AddTokenLeavesABrokenFileAlone) {
  Write(R"([{"name": "x", "role": "mayor", "sha256": "abc"}])");
  std::string before = Read();
  auto token = AddToken(Path(), "siti", "verifier");
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.error().code, Errc::kUnprocessable);
  EXPECT_NE(token.error().message.find("[0].role"), std::string::npos) << token.error().message;
  EXPECT_EQ(Read(), before);
}

}  // namespace
}  // namespace lapor::admin
