#pragma once

// Two real servers (config/default.json) sharing one key prefix in a real Redis, as two instances
// behind a load balancer, with officials' tokens in a tokens file: what the templates and tokens
// APIs change through one must be served by the other.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "admin/tokens.hpp"
#include "support/http_client.hpp"
#include "support/redis_process.hpp"
#include "support/test_server.hpp"

namespace lapor::test {

using nlohmann::json;

// The dialog the repository ships, dialogs/lapor.json.
inline nlohmann::json ShippedDialog() {
  std::ifstream in(std::string(LAPOR_SOURCE_DIR) + "/dialogs/lapor.json");
  return nlohmann::json::parse(in);
}

class AdminEditsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    const std::string id = std::to_string(getpid()) + "-" + std::to_string(counter++);
    prefix_ = "edits" + id + ":";
    dir_ = std::filesystem::temp_directory_path() / ("lapor-edits-" + id);
    std::filesystem::create_directories(dir_);
    const std::string file = (dir_ / "tokens.json").string();
    editor_ = *admin::AddToken(file, "tina", "template_editor");
    token_admin_ = *admin::AddToken(file, "toni", "token_admin");
    verifier_ = *admin::AddToken(file, "siti", "verifier");
    auto tweak = [this, file](app::Config& config) {
      config.redis.prefix = prefix_;
      config.admin.tokens_file = file;
    };
    a_ = std::make_unique<TestServer>(TestRedisUrl(), tweak);
    b_ = std::make_unique<TestServer>(TestRedisUrl(), tweak);
  }
  void TearDown() override {
    a_.reset();
    b_.reset();
    std::filesystem::remove_all(dir_);
  }

  static HttpReply Call(TestServer& server, const std::string& method, const std::string& target,
                        const std::string& token, const std::string& body = "",
                        const std::string& content_type = "application/json") {
    std::map<std::string, std::string> headers;
    if (!token.empty()) {
      headers["Authorization"] = "Bearer " + token;
    }
    if (method != "GET") {
      headers["Content-Type"] = content_type;
    }
    return HttpRequestWithHeaders(server.port(), method, target, body, headers);
  }
  // The JSON answer of a call that must answer `expect`.
  static json Expect(int expect, const HttpReply& reply) {
    EXPECT_EQ(reply.status, expect) << reply.body;
    return json::parse(reply.body, nullptr, false);
  }
  json Put(TestServer& server, const std::string& key, const std::string& lang, const json& body,
           int expect = 200) {
    return Expect(expect, Call(server, "PUT", "/admin/v1/templates/" + key + "/" + lang, editor_,
                               body.dump()));
  }

  // Milliseconds until `holds` (polled every 10 ms), or -1 after `limit_ms`. For "within a
  // second" propagation only: nothing here waits for time to pass.
  static int64_t MsUntil(const std::function<bool()>& holds, int64_t limit_ms = 1000) {
    auto start = std::chrono::steady_clock::now();
    for (;;) {
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - start)
                    .count();
      if (holds()) {
        return ms;
      }
      if (ms > limit_ms) {
        return -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  std::string prefix_;
  std::filesystem::path dir_;
  std::string editor_;
  std::string token_admin_;
  std::string verifier_;
  std::unique_ptr<TestServer> a_;
  std::unique_ptr<TestServer> b_;
};

}  // namespace lapor::test
