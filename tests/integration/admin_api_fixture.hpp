#pragma once

// The officials' API end to end, the fixture: AdminRoutes served by http::Server on loopback,
// cases in a real Redis through the CaseStore, tokens in a TokenSet, time from a ManualClock, two
// onboarded regions (Bangka Tengah 19.04 and Bogor 32.01) with their officials.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <hiredis/hiredis.h>
#include <unistd.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <thread>

#include "cases/tracking_number.hpp"
#include "common/log.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "routes/admin_routes.hpp"
#include "store/case_store.hpp"
#include "store/outbox_store.hpp"
#include "store/redis_client.hpp"
#include "support/http_client.hpp"
#include "support/redis_process.hpp"
#include "support/run_sync.hpp"
#include "support/test_time.hpp"

namespace lapor::admin {

using cases::Case;
using cases::DeadlineKind;
using cases::Role;
using cases::Status;
using nlohmann::json;
using test::kHour;

// 2026-11-30 09:00 WIB, a Monday.
inline constexpr TimeMs kStart = test::kTestEpochMs + 2 * 24 * kHour + kHour;
inline constexpr const char* kPhone = "+6281298765432";
inline constexpr const char* kPhoneDigits = "81298765432";  // in every spelling of the number
inline constexpr const char* kBangkaTengah = "19.04";
inline constexpr const char* kBogor = "32.01";
inline constexpr const char* kBangkaTengahInspectorate = "+6281100000009";
inline constexpr const char* kBangkaTengahRegent = "+6281100000008";
inline constexpr const char* kBogorDinkes = "+6281100003202";
inline constexpr const char* kBogorInspectorate = "+6281100003209";
inline constexpr const char* kBogorRegent = "+6281100003208";

// Test-only writes of seeded cases, with hiredis's blocking API: the fields the store reads
// (cases::ToFields) and the index entry the dialog adds when it files a case.
class Seeder {
 public:
  explicit Seeder(const std::string& url) {
    auto options = store::ParseRedisUrl(url);
    if (!options) {
      throw std::runtime_error(options.error().message);
    }
    context_ = redisConnect(options->host.c_str(), options->port);
    if (context_ == nullptr || context_->err != 0) {
      throw std::runtime_error("cannot connect to test redis");
    }
  }
  ~Seeder() { redisFree(context_); }

  void Put(const store::Keys& keys, const Case& c) {
    Do({"DEL", keys.Case(c.tracking_no)});
    std::vector<std::string> args = {"HSET", keys.Case(c.tracking_no)};
    for (const auto& [field, value] : cases::ToFields(c)) {
      args.push_back(field);
      args.push_back(value);
    }
    Do(args);
    Do({"ZADD", keys.CaseIndex(), std::to_string(c.created_at), c.tracking_no});
  }

  long long Integer(const std::vector<std::string>& args) {
    auto* reply = Run(args);
    long long n = reply->integer;
    freeReplyObject(reply);
    return n;
  }

  void Drop(const std::string& prefix) {
    auto* reply = Run({"KEYS", prefix + "*"});
    for (size_t i = 0; i < reply->elements; ++i) {
      Do({"DEL", reply->element[i]->str});
    }
    freeReplyObject(reply);
  }

 private:
  void Do(const std::vector<std::string>& args) { freeReplyObject(Run(args)); }
  redisReply* Run(const std::vector<std::string>& args) {
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    for (const auto& a : args) {
      argv.push_back(a.data());
      lengths.push_back(a.size());
    }
    auto* reply = static_cast<redisReply*>(
        redisCommandArgv(context_, static_cast<int>(argv.size()), argv.data(), lengths.data()));
    if (reply == nullptr || reply->type == REDIS_REPLY_ERROR) {
      throw std::runtime_error("seed command failed: " + args[0]);
    }
    return reply;
  }

  redisContext* context_ = nullptr;
};

// stderr (fd 2) sent to a file while it lives; Text() reads what was written.
class CapturedStderr {
 public:
  CapturedStderr()
      : path_(std::filesystem::temp_directory_path() /
              ("lapor-admin-stderr-" + std::to_string(getpid()))) {
    std::fflush(stderr);
    saved_ = dup(2);
    int fd = open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, 2);
    close(fd);
  }
  ~CapturedStderr() {
    Restore();
    std::filesystem::remove(path_);
  }
  std::string Text() {
    Restore();
    std::ifstream in(path_);
    return {std::istreambuf_iterator<char>(in), {}};
  }

 private:
  void Restore() {
    if (saved_ >= 0) {
      std::fflush(stderr);
      dup2(saved_, 2);
      close(saved_);
      saved_ = -1;
    }
  }
  std::filesystem::path path_;
  int saved_ = -1;
};

inline std::string Number(uint64_t sequence) { return *cases::MakeTrackingNumber(sequence); }

inline Case Filed(uint64_t sequence, TimeMs created_at) {
  Case c;
  c.tracking_no = Number(sequence);
  c.status = Status::kSubmitted;
  c.type = "pengaduan";
  c.category = "infrastruktur";
  c.place = "19.04.01";
  c.kecamatan = "19.04.01";
  c.details = "Jalan berlubang dekat sekolah";
  c.identity = "biasa";
  c.phone = "+6281200000001";
  c.lang = "id";
  c.channel = "sms";
  c.region = kBangkaTengah;
  c.created_at = created_at;
  c.updated_at = created_at;
  return c;
}

class AdminApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    prefix_ = "adm" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ":";
    keys_ = std::make_unique<store::Keys>(prefix_);
    seeder_ = std::make_unique<Seeder>(test::TestRedisUrl());

    auto options = store::ParseRedisUrl(test::TestRedisUrl());
    ASSERT_TRUE(options.ok());
    options->command_timeout_ms = 2000;
    redis_ = std::make_unique<store::RedisClient>(io_, *options);
    store_ = std::make_unique<store::CaseStore>(*redis_, *keys_);
    outbox_ = std::make_unique<store::OutboxStore>(*redis_, *keys_);

    // Two onboarded regions, each with a health office named "dinkes".
    policy_.regions = {{.code = kBangkaTengah,
                        .name = "Kabupaten Bangka Tengah",
                        .opds = {{.code = "dinas-pu",
                                  .name = "Dinas Pekerjaan Umum",
                                  .liaison_phones = {"+6281100000001"},
                                  .categories = {"infrastruktur"}},
                                 {.code = "dinkes",
                                  .name = "Dinas Kesehatan",
                                  .liaison_phones = {"+6281100000002"},
                                  .categories = {"kesehatan"}}},
                        .inspectorate_phones = {kBangkaTengahInspectorate},
                        .regent_phones = {kBangkaTengahRegent}},
                       {.code = kBogor,
                        .name = "Kabupaten Bogor",
                        .opds = {{.code = "dinkes",
                                  .name = "Dinas Kesehatan Kabupaten Bogor",
                                  .liaison_phones = {kBogorDinkes},
                                  .categories = {"kesehatan"}}},
                        .inspectorate_phones = {kBogorInspectorate},
                        .regent_phones = {kBogorRegent}}};
    templates_ = std::make_unique<text::TemplateSet>(
        text::TemplateSet::LoadDir(std::string(LAPOR_SOURCE_DIR) + "/templates", {"id", "en"}));

    TokenSet tokens;
    auto add = [&](const std::string& token, const std::string& name, const std::string& role) {
      tokens.entries.push_back({TokenHash(token), *cases::ParseRole(role, name)});
    };
    add("t-verifier", "siti", "verifier");
    add("t-region", "rina", "region_admin:19.04");
    add("t-pu", "budi", "opd:19.04/dinas-pu");
    add("t-dinkes", "dewi", "opd:19.04/dinkes");
    add("t-inspect", "iwan", "inspectorate:19.04");
    add("t-regent", "bupati", "regent:19.04");
    add("t-auditor", "ani", "auditor");
    add("t-bogor", "asep", "region_admin:32.01");
    add("t-bogor-dinkes", "euis", "opd:32.01/dinkes");
    add("t-bogor-inspect", "ujang", "inspectorate:32.01");
    desk_ = std::make_unique<casework::CaseDesk>(*store_, policy_, calendar_,
                                                 casework::FixedTemplates(*templates_), registry_);
    TokenBook book{.file = std::move(tokens)};
    tokens_ = std::make_unique<Live<TokenBook>>(std::make_shared<const TokenBook>(std::move(book)));
    auth_ = std::make_unique<routes::AdminAuth>(
        routes::AdminAuth{.tokens = *tokens_, .store = nullptr, .clock = clock_});
    routes_ = std::make_unique<routes::AdminRoutes>(routes::AdminParts{.store = *store_,
                                                                       .desk = *desk_,
                                                                       .clock = clock_,
                                                                       .auth = *auth_,
                                                                       .outbox = outbox_.get()});
    router_ = std::make_unique<http::Router>(registry_);
    routes_->Register(*router_);
    server_ = std::make_unique<http::Server>(
        io_, http::Limits{},
        [this](http::Request& req, const http::Peer& peer) { return router_->Handle(req, peer); });
    ASSERT_TRUE(server_->Listen("127.0.0.1", 0).ok());
    redis_->Start();
    for (int i = 0; i < 2; ++i) {
      threads_.emplace_back([this] { io_.run(); });
    }
    for (int i = 0; i < 300 && !redis_->connected(); ++i) {
      usleep(10 * 1000);
    }
    ASSERT_TRUE(redis_->connected());
  }

  void TearDown() override {
    std::promise<void> stopped;
    boost::asio::post(io_, [&] {
      server_->Stop();
      redis_->Stop();
      stopped.set_value();
    });
    stopped.get_future().wait();
    work_.reset();
    for (auto& t : threads_) {
      t.join();
    }
    seeder_->Drop(prefix_);
  }

  test::HttpReply Call(const std::string& method, const std::string& target,
                       const std::string& token, const std::string& body = "",
                       const std::string& content_type = "application/json") {
    std::map<std::string, std::string> headers;
    if (!token.empty()) {
      headers["Authorization"] = "Bearer " + token;
    }
    if (method == "POST") {
      headers["Content-Type"] = content_type;
    }
    return test::HttpRequestWithHeaders(server_->port(), method, target, body, headers);
  }
  json Get(const std::string& target, const std::string& token, int expect = 200) {
    auto reply = Call("GET", target, token);
    EXPECT_EQ(reply.status, expect) << target << ": " << reply.body;
    return json::parse(reply.body, nullptr, false);
  }
  json Act(const std::string& no, const std::string& token, const json& body, int expect = 200) {
    auto reply = Call("POST", "/admin/v1/cases/" + no + "/actions", token, body.dump());
    EXPECT_EQ(reply.status, expect) << body.dump() << ": " << reply.body;
    return json::parse(reply.body, nullptr, false);
  }
  // Every case of a listing, following next_cursor page by page.
  std::vector<std::string> ListAll(const std::string& query, const std::string& token,
                                   size_t* pages = nullptr) {
    std::vector<std::string> numbers;
    std::string cursor;
    for (size_t page = 1; page < 100; ++page) {
      auto body =
          Get("/admin/v1/cases?" + query + (cursor.empty() ? "" : "&cursor=" + cursor), token);
      for (const auto& c : body["cases"]) {
        numbers.push_back(c["tracking_no"]);
      }
      if (body["next_cursor"].is_null()) {
        if (pages != nullptr) {
          *pages = page;
        }
        break;
      }
      cursor = body["next_cursor"];
    }
    return numbers;
  }

  // A case seeded at `status` as the workflow would leave it there.
  // ... in `region`: forwarded there when it has an OPD.
  Case Seed(uint64_t sequence, Status status, const std::string& opd = "",
            const std::string& category = "infrastruktur", TimeMs created_at = 0,
            const std::string& region = kBangkaTengah) {
    Case c = Filed(sequence, created_at != 0 ? created_at : kStart - 48 * kHour);
    c.status = status;
    c.category = category;
    c.region = region;
    c.place = c.kecamatan = region + ".01";
    if (!opd.empty()) {
      c.forwarded_to = region;
      c.opd = opd;
      c.dispatched_at = c.created_at + 24 * kHour;
      c.deadlines[DeadlineKind::kAnswerDue] = c.dispatched_at + 7 * 24 * kHour;
    }
    seeder_->Put(*keys_, c);
    return c;
  }

  std::string prefix_;
  std::unique_ptr<store::Keys> keys_;
  std::unique_ptr<Seeder> seeder_;
  ManualClock clock_{kStart};
  cases::Policy policy_;
  cases::Calendar calendar_{true, {}, 86400};
  std::unique_ptr<text::TemplateSet> templates_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
      io_.get_executor()};
  std::unique_ptr<store::RedisClient> redis_;
  std::unique_ptr<store::CaseStore> store_;
  std::unique_ptr<store::OutboxStore> outbox_;
  metrics::Registry registry_;
  std::unique_ptr<casework::CaseDesk> desk_;
  std::unique_ptr<Live<TokenBook>> tokens_;
  std::unique_ptr<routes::AdminAuth> auth_;
  std::unique_ptr<routes::AdminRoutes> routes_;
  std::unique_ptr<http::Router> router_;
  std::unique_ptr<http::Server> server_;
  std::vector<std::thread> threads_;
};

}  // namespace lapor::admin
