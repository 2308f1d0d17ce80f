// The outbox sender against a real redis-server and a fake Kannel sendsms endpoint (our own
// http::Server on 127.0.0.1): delivery, retries with backoff on the injected clock, Kannel down,
// dead letters, a sender that dies mid-send, delivery reports, and Redis losing its data.

#include <gtest/gtest.h>
#include <hiredis/hiredis.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "channels/kannel/delivery_report.hpp"
#include "channels/kannel/gateway.hpp"
#include "http/client.hpp"
#include "http/server.hpp"
#include "outbox/sender.hpp"
#include "store/outbox_store.hpp"
#include "store/redis_client.hpp"
#include "store/redis_url.hpp"
#include "support/io_threads.hpp"
#include "support/redis_process.hpp"
#include "text/url_encoding.hpp"

namespace lapor::outbox {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;
using channels::kannel::DlrStatus;
using channels::kannel::DlrStatusName;
using channels::kannel::IsFinalDlr;
using channels::kannel::ParseDeliveryReport;
using test::Eventually;
using test::IoThreads;

// The registry every sender of these tests counts in.
metrics::Registry& Metrics() {
  static metrics::Registry registry;
  return registry;
}

constexpr TimeMs kStart = 1795827600000;  // 2026-11-28 08:00 WIB
constexpr const char* kDlrUrl = "http://127.0.0.1:8080/webhooks/kannel/dlr";
constexpr const char* kEmojiText = "Jalan rusak \xF0\x9F\x98\xA1";

// A blocking hiredis connection, to look at Redis beside the code under test.
class Peek {
 public:
  explicit Peek(const std::string& url) {
    auto options = store::ParseRedisUrl(url);
    if (!options.ok()) {
      throw std::runtime_error(options.error().message);
    }
    context_ = redisConnect(options->host.c_str(), options->port);
    if (context_ == nullptr || context_->err != 0) {
      throw std::runtime_error("cannot connect to Redis");
    }
  }
  ~Peek() {
    if (context_ != nullptr) {
      redisFree(context_);
    }
  }
  Peek(const Peek&) = delete;
  Peek& operator=(const Peek&) = delete;

  store::RedisReply Call(const std::vector<std::string>& args) {
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    for (const std::string& arg : args) {
      argv.push_back(arg.data());
      lengths.push_back(arg.size());
    }
    auto* reply = static_cast<redisReply*>(
        redisCommandArgv(context_, static_cast<int>(args.size()), argv.data(), lengths.data()));
    if (reply == nullptr) {
      ADD_FAILURE() << "blocking Redis call failed";
      return {};
    }
    store::RedisReply out = Convert(*reply);
    freeReplyObject(reply);
    return out;
  }

  int64_t Integer(const std::vector<std::string>& args) { return Call(args).integer; }

  std::map<std::string, std::string> Hash(const std::string& key) {
    std::map<std::string, std::string> fields;
    store::RedisReply reply = Call({"HGETALL", key});
    for (size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
      fields[reply.elements[i].str] = reply.elements[i + 1].str;
    }
    return fields;
  }

  // ZRANGE WITHSCORES as (member, score).
  std::vector<std::pair<std::string, int64_t>> Scores(const std::string& key) {
    std::vector<std::pair<std::string, int64_t>> out;
    store::RedisReply reply = Call({"ZRANGE", key, "0", "-1", "WITHSCORES"});
    for (size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
      out.emplace_back(reply.elements[i].str, std::stoll(reply.elements[i + 1].str));
    }
    return out;
  }

 private:
  static store::RedisReply Convert(const redisReply& r) {
    store::RedisReply out;
    switch (r.type) {
      case REDIS_REPLY_INTEGER:
        out.type = store::RedisReply::Type::kInteger;
        out.integer = r.integer;
        break;
      case REDIS_REPLY_STRING:
        out.type = store::RedisReply::Type::kString;
        out.str.assign(r.str, r.len);
        break;
      case REDIS_REPLY_STATUS:
        out.type = store::RedisReply::Type::kStatus;
        out.str.assign(r.str, r.len);
        break;
      case REDIS_REPLY_ERROR:
        out.type = store::RedisReply::Type::kError;
        out.str.assign(r.str, r.len);
        break;
      case REDIS_REPLY_ARRAY:
        out.type = store::RedisReply::Type::kArray;
        for (size_t i = 0; i < r.elements; ++i) {
          out.elements.push_back(Convert(*r.element[i]));
        }
        break;
      default:
        break;
    }
    return out;
  }

  redisContext* context_ = nullptr;
};

// Kannel's sendsms interface as far as the sender can tell: records every request and answers
// 202 "0: Accepted for delivery", 503 "Temporal failure, try again later." or, when hanging,
// 202 only after 600 ms.
class FakeKannel {
 public:
  enum class Mode { kAccept, kUnavailable, kHang };

  struct Request {
    std::string target;
    text::FormFields query;
    // Our message id, read back from the dlr-url the way Kannel would call it.
    std::string id() const {
      auto it = query.find("dlr-url");
      if (it == query.end()) {
        return "";
      }
      // Kannel puts the report type in place of %d before it calls.
      std::string dlr = it->second;
      if (size_t type = dlr.find("%d"); type != std::string::npos) {
        dlr.replace(type, 2, "1");
      }
      auto [path, dlr_query] = text::SplitTarget(dlr);
      (void)path;
      auto fields = text::ParseUrlEncoded(dlr_query);
      return fields.ok() && fields->count("id") != 0 ? fields->at("id") : "";
    }
  };

  explicit FakeKannel(asio::io_context& io) : io_(io) {}
  ~FakeKannel() { Stop(); }

  // Listens on 127.0.0.1:`port` (0: any free port) and returns the port.
  uint16_t Start(uint16_t port = 0) {
    server_ = std::make_unique<http::Server>(
        io_, http::Limits{}, [this](http::Request& req, const http::Peer&) { return Handle(req); });
    auto listening = server_->Listen("127.0.0.1", port);
    if (!listening.ok()) {
      throw std::runtime_error(listening.error().message);
    }
    return server_->port();
  }
  void Stop() {
    if (server_) {
      server_->Stop();
      server_.reset();
    }
  }

  void set_mode(Mode mode) { mode_.store(mode); }

  std::vector<Request> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  size_t count() const {
    std::lock_guard lock(mutex_);
    return requests_.size();
  }
  size_t CountFor(const std::string& id) const {
    size_t n = 0;
    for (const Request& r : requests()) {
      n += r.id() == id ? 1 : 0;
    }
    return n;
  }

 private:
  asio::awaitable<http::Response> Handle(http::Request& req) {
    Request got{.target = std::string(req.target())};
    auto [path, query] = text::SplitTarget(got.target);
    (void)path;
    if (auto fields = text::ParseUrlEncoded(query); fields.ok()) {
      got.query = std::move(*fields);
    }
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(std::move(got));
    }
    Mode mode = mode_.load();
    if (mode == Mode::kHang) {
      asio::steady_timer timer(co_await asio::this_coro::executor, 600ms);
      co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    if (mode == Mode::kUnavailable) {
      co_return http::TextResponse(req, bhttp::status::service_unavailable,
                                   "Temporal failure, try again later.\n");
    }
    co_return http::TextResponse(req, bhttp::status::accepted, "0: Accepted for delivery\n");
  }

  asio::io_context& io_;
  std::unique_ptr<http::Server> server_;
  std::atomic<Mode> mode_{Mode::kAccept};
  mutable std::mutex mutex_;
  std::vector<Request> requests_;
};

// Kannel's sendsms at 127.0.0.1:`port` as the one gateway, for citizens and officials alike.
SenderGateways KannelAt(uint16_t port, const std::string& path = "/cgi-bin/sendsms") {
  channels::kannel::KannelConfig kannel{
      .sendsms_url = "http://127.0.0.1:" + std::to_string(port) + path,
      .username = "lapor",
      .password = "pw",
      .dlr_url = kDlrUrl};
  return SenderGateways{
      .gateways = {std::make_shared<channels::kannel::KannelGateway>(kannel, "1708")}};
}

class OutboxTest : public ::testing::Test {
 protected:
  static constexpr int64_t kClaimIdleMs = 600;

  void SetUp() override { Connect(test::TestRedisUrl()); }

  void Connect(const std::string& url) {
    redis_url_ = url;
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    static std::atomic<int> runs{0};  // --gtest_repeat runs a test again in the same Redis
    prefix_ = "t:outbox:" + std::to_string(::getpid()) + ":" + info->name() + ":" +
              std::to_string(runs.fetch_add(1)) + ":";
    auto options = store::ParseRedisUrl(url);
    ASSERT_TRUE(options.ok());
    options->connections = 2;
    options->reconnect_delay_ms = 50;
    redis_ = std::make_unique<store::RedisClient>(io_.io(), *options);
    store_ = std::make_unique<store::OutboxStore>(
        *redis_, store::Keys(prefix_), store::OutboxStoreOptions{.claim_idle_ms = kClaimIdleMs});
    // The same outbox for a sender with a long send timeout.
    patient_store_ = std::make_unique<store::OutboxStore>(
        *redis_, store::Keys(prefix_), store::OutboxStoreOptions{.claim_idle_ms = 15000});
    redis_->Start();
    ASSERT_TRUE(Eventually([&] { return redis_->connected(); }));
    peek_ = std::make_unique<Peek>(url);
  }

  void TearDown() override {
    for (auto& sender : senders_) {
      sender->Stop();
    }
    for (auto& sender : senders_) {
      EXPECT_TRUE(Eventually([&] { return !sender->running(); }));
    }
    senders_.clear();
    kannel_.Stop();
    if (redis_) {
      redis_->Stop();
    }
  }

  SenderOptions Options(uint16_t port) {
    kannel_port_ = port;
    return SenderOptions{.max_attempts = 6,
                         .backoff_ms = 1000,
                         .max_backoff_ms = 3000,
                         .send_timeout_ms = 200,
                         .poll_ms = 5,
                         .batch = 10,
                         .consumer = "sender-" + std::to_string(senders_.size() + 1)};
  }

  Sender& StartSender(SenderOptions options, store::OutboxStore* outbox = nullptr) {
    senders_.push_back(std::make_unique<Sender>(io_.io(), outbox ? *outbox : *store_, clock_,
                                                std::move(options), KannelAt(kannel_port_),
                                                Metrics()));
    senders_.back()->Start();
    return *senders_.back();
  }

  std::string Enqueue(const std::string& to, const std::string& text,
                      const std::string& kind = "case_received", const std::string& no = "") {
    auto id = io_.Run(store_->Enqueue(to, text, kind, no, clock_.Now()));
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : "";
  }

  store::OutboxCounts Counts() {
    auto counts = io_.Run(store_->Counts());
    EXPECT_TRUE(counts.ok()) << counts.error().message;
    return counts.ok() ? *counts : store::OutboxCounts{};
  }

  // Entries read by some sender and not settled.
  int64_t Pending() {
    store::RedisReply reply = peek_->Call({"XPENDING", keys().Outbox(), "senders"});
    return reply.elements.empty() ? -1 : reply.elements[0].integer;
  }

  // Nothing more happens for a while (the sender polls every 5 ms).
  void Settle() { std::this_thread::sleep_for(60ms); }

  store::Keys keys() const { return store::Keys(prefix_); }

  IoThreads io_;
  ManualClock clock_{kStart};
  std::string redis_url_;
  std::string prefix_;
  std::unique_ptr<store::RedisClient> redis_;
  std::unique_ptr<store::OutboxStore> store_;
  std::unique_ptr<store::OutboxStore> patient_store_;
  std::unique_ptr<Peek> peek_;
  FakeKannel kannel_{io_.io()};
  uint16_t kannel_port_ = 0;
  std::vector<std::unique_ptr<Sender>> senders_;
};

TEST_F(OutboxTest, DeliversEachQueuedMessageOnceWithKannelsQuery) {
  const uint16_t port = kannel_.Start();
  const std::string a =
      Enqueue("+6281234567890", "Laporan 1708-0001 diterima.", "received", "1708-0001");
  const std::string b = Enqueue("+6281298765432", kEmojiText, "answer", "1708-0002");
  const std::string c = Enqueue("+6285700000001", "Status: [diverifikasi] 5\xE2\x82\xAC");
  Sender& sender = StartSender(Options(port));

  ASSERT_TRUE(Eventually([&] { return sender.sent() == 3 && Counts().queued == 0; }));
  Settle();
  EXPECT_EQ(kannel_.count(), 3u);
  EXPECT_EQ(sender.retried(), 0u);
  EXPECT_EQ(sender.dead(), 0u);
  EXPECT_EQ(Pending(), 0);

  std::map<std::string, FakeKannel::Request> by_id;
  for (const auto& r : kannel_.requests()) {
    EXPECT_EQ(r.target.rfind("/cgi-bin/sendsms?", 0), 0u) << r.target;
    by_id[r.id()] = r;
  }
  ASSERT_EQ(by_id.size(), 3u);
  for (const auto& [id, r] : by_id) {
    EXPECT_EQ(r.query.at("username"), "lapor");
    EXPECT_EQ(r.query.at("password"), "pw");
    EXPECT_EQ(r.query.at("from"), "1708");
    EXPECT_EQ(r.query.at("dlr-mask"), "31");
    EXPECT_EQ(r.query.at("dlr-url"), std::string(kDlrUrl) + "?id=" + id + "&status=%d");
    auto hash = peek_->Hash(keys().OutboxMessage(id));
    EXPECT_EQ(hash["status"], "sent") << id;
    EXPECT_EQ(hash["sent_at"], std::to_string(kStart));
    EXPECT_EQ(hash["attempts"], "1");
    EXPECT_GT(peek_->Integer({"TTL", keys().OutboxMessage(id)}), 0);
  }
  EXPECT_EQ(by_id[a].query.at("to"), "+6281234567890");
  EXPECT_EQ(by_id[a].query.at("text"), "Laporan 1708-0001 diterima.");
  EXPECT_EQ(by_id[a].query.count("coding"), 0u);
  EXPECT_EQ(peek_->Hash(keys().OutboxMessage(a))["case"], "1708-0001");
  EXPECT_EQ(by_id[b].query.at("to"), "+6281298765432");
  EXPECT_EQ(by_id[b].query.at("text"), kEmojiText);
  EXPECT_EQ(by_id[b].query.at("coding"), "2");
  EXPECT_EQ(by_id[b].query.at("charset"), "UTF-8");
  EXPECT_EQ(by_id[c].query.count("coding"), 0u);  // GSM-7 with extension characters
  EXPECT_EQ(peek_->Integer({"XLEN", keys().Outbox()}), 0);
}

TEST_F(OutboxTest, RetriesWithGrowingBackoffWhileKannelAnswers503ThenDelivers) {
  kannel_.set_mode(FakeKannel::Mode::kUnavailable);
  const uint16_t port = kannel_.Start();
  const std::string id = Enqueue("+6281234567890", "Laporan diterima.");
  Sender& sender = StartSender(Options(port));

  // First try fails: due again after backoff_ms.
  ASSERT_TRUE(Eventually([&] { return sender.retried() == 1; }));
  auto retry = peek_->Scores(keys().OutboxRetry());
  ASSERT_EQ(retry.size(), 1u);
  EXPECT_EQ(retry[0].second, kStart + 1000);
  EXPECT_NE(retry[0].first.find("\"attempt\":\"1\""), std::string::npos) << retry[0].first;
  auto hash = peek_->Hash(keys().OutboxMessage(id));
  EXPECT_EQ(hash["status"], "retrying");
  EXPECT_EQ(hash["last_error"], "HTTP 503: Temporal failure, try again later.");
  EXPECT_EQ(Counts().retrying, 1);
  EXPECT_EQ(Counts().queued, 0);

  // Not before it is due.
  clock_.Advance(999);
  Settle();
  EXPECT_EQ(kannel_.count(), 1u);
  clock_.Advance(1);
  ASSERT_TRUE(Eventually([&] { return sender.retried() == 2; }));
  EXPECT_EQ(kannel_.count(), 2u);
  retry = peek_->Scores(keys().OutboxRetry());
  ASSERT_EQ(retry.size(), 1u);
  EXPECT_EQ(retry[0].second, clock_.Now() + 2000);  // doubled

  clock_.Advance(1999);
  Settle();
  EXPECT_EQ(kannel_.count(), 2u);
  clock_.Advance(1);
  ASSERT_TRUE(Eventually([&] { return sender.retried() == 3; }));
  retry = peek_->Scores(keys().OutboxRetry());
  ASSERT_EQ(retry.size(), 1u);
  EXPECT_EQ(retry[0].second, clock_.Now() + 3000);  // 4000, capped at max_backoff_ms

  // Kannel takes it again.
  kannel_.set_mode(FakeKannel::Mode::kAccept);
  clock_.Advance(3000);
  ASSERT_TRUE(Eventually([&] { return sender.sent() == 1; }));
  Settle();
  EXPECT_EQ(kannel_.count(), 4u);
  EXPECT_EQ(kannel_.CountFor(id), 4u);
  hash = peek_->Hash(keys().OutboxMessage(id));
  EXPECT_EQ(hash["status"], "sent");
  EXPECT_EQ(hash["attempts"], "4");
  EXPECT_EQ(Counts().retrying, 0);
  EXPECT_EQ(Counts().queued, 0);
  EXPECT_EQ(Counts().dead, 0);
  EXPECT_EQ(sender.dead(), 0u);
}

TEST_F(OutboxTest, RetriesWhileKannelIsDownAndDeliversWhenItIsBack) {
  const auto port = static_cast<uint16_t>(test::UnusedPort());
  const std::string id = Enqueue("+6281234567890", "Laporan diterima.");
  Sender& sender = StartSender(Options(port));

  ASSERT_TRUE(Eventually([&] { return sender.retried() == 1; }));
  EXPECT_NE(peek_->Hash(keys().OutboxMessage(id))["last_error"].find("connect 127.0.0.1:"),
            std::string::npos);
  clock_.Advance(1000);
  ASSERT_TRUE(Eventually([&] { return sender.retried() == 2; }));
  EXPECT_EQ(sender.sent(), 0u);

  kannel_.Start(port);
  clock_.Advance(2000);
  ASSERT_TRUE(Eventually([&] { return sender.sent() == 1; }));
  Settle();
  EXPECT_EQ(kannel_.CountFor(id), 1u);
  EXPECT_EQ(peek_->Hash(keys().OutboxMessage(id))["status"], "sent");
  EXPECT_EQ(peek_->Hash(keys().OutboxMessage(id))["attempts"], "3");
}

TEST_F(OutboxTest, NoAnswerWithinTheSendTimeoutIsAFailure) {
  kannel_.set_mode(FakeKannel::Mode::kHang);
  const uint16_t port = kannel_.Start();
  const std::string id = Enqueue("+6281234567890", "Laporan diterima.");
  Sender& sender = StartSender(Options(port));

  ASSERT_TRUE(Eventually([&] { return sender.retried() == 1; }));
  EXPECT_NE(peek_->Hash(keys().OutboxMessage(id))["last_error"].find("within 200 ms"),
            std::string::npos)
      << peek_->Hash(keys().OutboxMessage(id))["last_error"];
  kannel_.set_mode(FakeKannel::Mode::kAccept);
  clock_.Advance(1000);
  ASSERT_TRUE(Eventually([&] { return sender.sent() == 1; }));
  EXPECT_EQ(kannel_.CountFor(id), 2u);
}

TEST_F(OutboxTest, MessageThatAlwaysFailsEndsInDeadLettersAndIsNotTriedAgain) {
  kannel_.set_mode(FakeKannel::Mode::kUnavailable);
  const uint16_t port = kannel_.Start();
  const std::string id =
      Enqueue("+6281234567890", "Jawaban OPD: jalan diperbaiki.", "answer", "1708-0042");
  SenderOptions options = Options(port);
  options.max_attempts = 3;
  Sender& sender = StartSender(options);

  ASSERT_TRUE(Eventually([&] { return sender.retried() == 1; }));
  clock_.Advance(1000);
  ASSERT_TRUE(Eventually([&] { return sender.retried() == 2; }));
  clock_.Advance(2000);
  ASSERT_TRUE(Eventually([&] { return sender.dead() == 1; }));
  EXPECT_EQ(kannel_.count(), 3u);

  auto letters = io_.Run(store_->DeadLetters(10));
  ASSERT_TRUE(letters.ok()) << letters.error().message;
  ASSERT_EQ(letters->size(), 1u);
  const store::DeadLetter& letter = letters->front();
  EXPECT_EQ(letter.message.id, id);
  EXPECT_EQ(letter.message.to, "+6281234567890");
  EXPECT_EQ(letter.message.text, "Jawaban OPD: jalan diperbaiki.");
  EXPECT_EQ(letter.message.kind, "answer");
  EXPECT_EQ(letter.message.case_no, "1708-0042");
  EXPECT_EQ(letter.message.attempt, 3);
  EXPECT_EQ(letter.message.queued_at, kStart);
  EXPECT_EQ(letter.error, "HTTP 503: Temporal failure, try again later.");
  EXPECT_EQ(letter.failed_at, clock_.Now());

  auto hash = peek_->Hash(keys().OutboxMessage(id));
  EXPECT_EQ(hash["status"], "dead");
  EXPECT_EQ(hash["attempts"], "3");
  store::OutboxCounts counts = Counts();
  EXPECT_EQ(counts.queued, 0);
  EXPECT_EQ(counts.retrying, 0);
  EXPECT_EQ(counts.dead, 1);

  clock_.Advance(24 * 3600 * 1000);
  Settle();
  EXPECT_EQ(kannel_.count(), 3u);
  EXPECT_EQ(sender.retried(), 2u);
}

TEST_F(OutboxTest, EntriesReadByASenderThatDiedAreClaimedAndDeliveredOnce) {
  const uint16_t port = kannel_.Start();
  const std::string a = Enqueue("+6281234567890", "satu");
  const std::string b = Enqueue("+6281234567891", "dua");
  // A sender reads both, then dies before sending or settling.
  auto read = io_.Run(store_->Read("sender-died", 10));
  ASSERT_TRUE(read.ok()) << read.error().message;
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ(Pending(), 2);

  const auto started = SteadyClock::now();
  Sender& sender = StartSender(Options(port));
  ASSERT_TRUE(Eventually([&] { return sender.sent() == 2; }));
  // Not before they were idle for claim_idle_ms.
  EXPECT_GE(SteadyClock::now() - started, std::chrono::milliseconds(kClaimIdleMs - 50));
  Settle();
  EXPECT_EQ(kannel_.CountFor(a), 1u);
  EXPECT_EQ(kannel_.CountFor(b), 1u);
  EXPECT_EQ(Pending(), 0);
  EXPECT_EQ(Counts().queued, 0);

  // The dead sender's late outcome changes nothing: the entry was settled already.
  auto late = io_.Run(store_->Retry(read->front(), 1, clock_.Now(), "late", clock_.Now()));
  ASSERT_TRUE(late.ok());
  EXPECT_FALSE(*late);
  EXPECT_EQ(Counts().retrying, 0);
  EXPECT_EQ(peek_->Hash(keys().OutboxMessage(a))["status"], "sent");
}

TEST_F(OutboxTest, SenderStoppedMidSendLeavesTheMessageForAnotherSender) {
  kannel_.set_mode(FakeKannel::Mode::kHang);
  const uint16_t port = kannel_.Start();
  const std::string id = Enqueue("+6281234567890", "Laporan diterima.");
  SenderOptions slow = Options(port);
  slow.send_timeout_ms = 5000;  // would wait on the hung Kannel far longer than the test
  Sender& first = StartSender(slow, patient_store_.get());
  ASSERT_TRUE(Eventually([&] { return kannel_.count() == 1; }));

  const auto stop_at = SteadyClock::now();
  first.Stop();
  ASSERT_TRUE(Eventually([&] { return !first.running(); }, 300ms));
  EXPECT_LT(SteadyClock::now() - stop_at, 300ms);  // Kannel would answer after 600 ms
  EXPECT_EQ(first.sent() + first.retried() + first.dead(), 0u);
  EXPECT_EQ(Pending(), 1);

  kannel_.set_mode(FakeKannel::Mode::kAccept);
  Sender& second = StartSender(Options(port));
  ASSERT_TRUE(Eventually([&] { return second.sent() == 1; }));
  EXPECT_EQ(kannel_.CountFor(id), 2u);  // the cut-off call and the delivery
  EXPECT_EQ(Pending(), 0);
  EXPECT_EQ(peek_->Hash(keys().OutboxMessage(id))["status"], "sent");
}

TEST_F(OutboxTest, UnreadableEntryGoesStraightToTheDeadLetters) {
  const uint16_t port = kannel_.Start();
  peek_->Call({"XADD", keys().Outbox(), "*", "id", "77", "text", "no recipient", "attempt", "0"});
  Sender& sender = StartSender(Options(port));
  ASSERT_TRUE(Eventually([&] { return sender.dead() == 1; }));
  auto letters = io_.Run(store_->DeadLetters(10));
  ASSERT_TRUE(letters.ok());
  ASSERT_EQ(letters->size(), 1u);
  EXPECT_EQ(letters->front().error, "unreadable outbox entry: no recipient");
  EXPECT_EQ(letters->front().message.id, "77");
  EXPECT_EQ(kannel_.count(), 0u);
  EXPECT_EQ(Counts().queued, 0);
}

TEST_F(OutboxTest, ReadsNoticesQueuedBeforeTheGroupExisted) {
  const uint16_t port = kannel_.Start();
  // The fields case_apply.lua writes, before any sender created the group.
  peek_->Call({"XADD", keys().Outbox(), "*", "id", "5", "to", "+6281234567890", "text",
               "Laporan diterima.", "kind", "received", "case", "1708-0005", "attempt", "0",
               "queued_at", std::to_string(kStart)});
  Sender& sender = StartSender(Options(port));
  ASSERT_TRUE(Eventually([&] { return sender.sent() == 1; }));
  EXPECT_EQ(kannel_.CountFor("5"), 1u);
}

TEST_F(OutboxTest, RecordsDeliveryReportsForOurMessagesOnly) {
  const uint16_t port = kannel_.Start();
  const std::string id = Enqueue("+6281234567890", "Laporan diterima.");
  Sender& sender = StartSender(Options(port));
  ASSERT_TRUE(Eventually([&] { return sender.sent() == 1; }));

  // Kannel calls the dlr-url it was given, %d replaced by the report type.
  auto requests = kannel_.requests();
  ASSERT_EQ(requests.size(), 1u);
  std::string dlr = requests[0].query.at("dlr-url");
  dlr.replace(dlr.find("%d"), 2, "8");
  auto [path, query] = text::SplitTarget(dlr);
  EXPECT_EQ(path, "http://127.0.0.1:8080/webhooks/kannel/dlr");
  auto report = ParseDeliveryReport(query);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->message_id, id);
  EXPECT_EQ(report->status, DlrStatus::kSubmitted);

  auto record = [&](const std::string& msg, DlrStatus status) {
    const channels::DeliveryState state = channels::kannel::ToDeliveryState(status);
    store::DlrUpdate update{.id = msg,
                            .state = std::string(channels::DeliveryStateName(state)),
                            .final = channels::IsFinal(state),
                            .raw = std::to_string(static_cast<int>(status))};
    auto r = io_.Run(store_->RecordDlr(std::move(update), clock_.Now()));
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? *r : store::DlrRecord::kUnknown;
  };
  EXPECT_EQ(record(id, DlrStatus::kSubmitted), store::DlrRecord::kRecorded);
  EXPECT_EQ(peek_->Hash(keys().OutboxMessage(id))["dlr"], "sent");
  EXPECT_EQ(peek_->Hash(keys().OutboxMessage(id))["dlr_raw"], "8");
  clock_.Advance(5000);
  EXPECT_EQ(record(id, DlrStatus::kDelivered), store::DlrRecord::kRecorded);
  // A late interim report does not hide the final one.
  EXPECT_EQ(record(id, DlrStatus::kBuffered), store::DlrRecord::kStale);
  auto hash = peek_->Hash(keys().OutboxMessage(id));
  EXPECT_EQ(hash["dlr"], "delivered");
  EXPECT_EQ(hash["dlr_at"], std::to_string(kStart + 5000));
  EXPECT_EQ(hash["status"], "sent");

  // Not ours: never handed out, so nothing is written.
  EXPECT_EQ(record("999999", DlrStatus::kDelivered), store::DlrRecord::kUnknown);
  EXPECT_EQ(peek_->Integer({"EXISTS", keys().OutboxMessage("999999")}), 0);
  EXPECT_EQ(record("0", DlrStatus::kDelivered), store::DlrRecord::kUnknown);

  // A report that overtakes our own record of the send still counts.
  sender.Stop();
  ASSERT_TRUE(Eventually([&] { return !sender.running(); }));
  const std::string next = Enqueue("+6281234567890", "Laporan diverifikasi.");
  EXPECT_EQ(record(next, DlrStatus::kSubmitted), store::DlrRecord::kRecorded);
  EXPECT_EQ(peek_->Hash(keys().OutboxMessage(next))["dlr"], "sent");
}

TEST_F(OutboxTest, PassSendsOneBatchAndCountsMatch) {
  const uint16_t port = kannel_.Start();
  for (int i = 0; i < 5; ++i) {
    Enqueue("+62812345678" + std::to_string(10 + i), "pesan " + std::to_string(i));
  }
  EXPECT_EQ(Counts().queued, 5);
  SenderOptions options = Options(port);
  options.batch = 3;
  Sender sender(io_.io(), *store_, clock_, options, KannelAt(port), Metrics());
  auto first = io_.Run(sender.Pass());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(*first, 3u);
  EXPECT_EQ(sender.sent(), 3u);
  EXPECT_EQ(Counts().queued, 2);
  auto second = io_.Run(sender.Pass());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, 2u);
  auto third = io_.Run(sender.Pass());
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(*third, 0u);
  EXPECT_EQ(kannel_.count(), 5u);
  EXPECT_EQ(Counts().queued, 0);
}

// Redis restarted empty (no persistence): the sender recreates the group and carries on.
TEST_F(OutboxTest, DeadLettersAreCappedInNumberAndAgeAndCounted) {
  metrics::Registry registry;
  store::OutboxStore small(
      *redis_, store::Keys(prefix_),
      store::OutboxStoreOptions{
          .claim_idle_ms = kClaimIdleMs, .max_dead_letters = 3, .max_dead_age_s = 3600},
      &registry);
  auto park = [&](const std::string& text, TimeMs at) {
    Enqueue("+6281234567890", text);
    auto read = io_.Run(small.Read("capper", 1));
    ASSERT_TRUE(read.ok() && read->size() == 1);
    ASSERT_TRUE(io_.Run(small.Dead(read->front(), 1, "refused", at)).ok());
  };
  for (int i = 0; i < 5; ++i) {
    park("dead " + std::to_string(i), kStart + i);
  }
  auto letters = io_.Run(small.DeadLetters(100));
  ASSERT_TRUE(letters.ok());
  ASSERT_EQ(letters->size(), 3u);  // the newest three
  EXPECT_EQ(letters->front().message.text, "dead 4");
  EXPECT_EQ(letters->back().message.text, "dead 2");
  // Two hours later a new one comes: the old ones are past the age limit and go.
  park("fresh", kStart + 2 * 3600 * 1000);
  letters = io_.Run(small.DeadLetters(100));
  ASSERT_TRUE(letters.ok());
  ASSERT_EQ(letters->size(), 1u);
  EXPECT_EQ(letters->front().message.text, "fresh");
  EXPECT_NE(registry.Render().find("lapor1708_outbox_dead_dropped_total 5\n"), std::string::npos)
      << registry.Render();
}

TEST_F(OutboxTest, RequeueSendsADeadLetterAgainFromAFirstTry) {
  const uint16_t port = kannel_.Start();
  const std::string id = Enqueue("+6281234567890", "Laporan Anda diverifikasi.");
  auto read = io_.Run(store_->Read("requeuer", 1));
  ASSERT_TRUE(read.ok() && read->size() == 1);
  ASSERT_TRUE(io_.Run(store_->Dead(read->front(), 12, "refused", kStart)).ok());
  auto requeued = io_.Run(store_->Requeue({}, kStart + 1000));
  ASSERT_TRUE(requeued.ok());
  EXPECT_EQ(*requeued, std::vector<std::string>{id});
  EXPECT_EQ(Counts().dead, 0);
  Sender& sender = StartSender(Options(port));
  ASSERT_TRUE(Eventually([&] { return sender.sent() == 1; }));
  ASSERT_EQ(kannel_.requests().size(), 1u);
  EXPECT_EQ(kannel_.requests()[0].query.at("text"), "Laporan Anda diverifikasi.");
}

TEST(OutboxRedisLoss, SenderRecreatesTheGroupAfterRedisLostItsData) {
  auto redis_process = test::RedisProcess::Start();
  IoThreads io;
  ManualClock clock{kStart};
  FakeKannel kannel{io.io()};
  const uint16_t port = kannel.Start();
  auto options = store::ParseRedisUrl(redis_process->url());
  ASSERT_TRUE(options.ok());
  options->reconnect_delay_ms = 20;
  store::RedisClient redis(io.io(), *options);
  store::OutboxStore outbox(redis, store::Keys("t:loss:"),
                            store::OutboxStoreOptions{.claim_idle_ms = 600});
  redis.Start();
  ASSERT_TRUE(Eventually([&] { return redis.connected(); }));
  Sender sender(io.io(), outbox, clock,
                SenderOptions{.send_timeout_ms = 200, .poll_ms = 5, .consumer = "loss"},
                KannelAt(port, "/s"), Metrics());
  sender.Start();

  auto first = io.Run(outbox.Enqueue("+6281234567890", "satu", "k", "", clock.Now()));
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(Eventually([&] { return sender.sent() == 1; }));

  redis_process->Kill();
  std::this_thread::sleep_for(30ms);
  redis_process->Restart();
  ASSERT_TRUE(Eventually([&] { return redis.connected(); }));
  Result<std::string> second = Error{Errc::kUnavailable, ""};
  ASSERT_TRUE(Eventually([&] {
    second = io.Run(outbox.Enqueue("+6281234567890", "dua", "k", "", clock.Now()));
    return second.ok();
  }));
  ASSERT_TRUE(Eventually([&] { return sender.sent() == 2; }));
  // (Redis lost the id sequence too, so ids start again: tell the two apart by text.)
  auto requests = kannel.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].query.at("text"), "dua");

  sender.Stop();
  ASSERT_TRUE(Eventually([&] { return !sender.running(); }));
  kannel.Stop();
  redis.Stop();
}

TEST(RetryDelay, DoublesFromBackoffUpToTheCap) {
  EXPECT_EQ(RetryDelay(0, 2000, 300000), 2000);
  EXPECT_EQ(RetryDelay(1, 2000, 300000), 4000);
  EXPECT_EQ(RetryDelay(4, 2000, 300000), 32000);
  EXPECT_EQ(RetryDelay(7, 2000, 300000), 256000);
  EXPECT_EQ(RetryDelay(8, 2000, 300000), 300000);
  EXPECT_EQ(RetryDelay(1000000, 2000, 300000), 300000);
  EXPECT_EQ(RetryDelay(-1, 2000, 300000), 2000);
  EXPECT_EQ(RetryDelay(62, INT64_MAX / 2, INT64_MAX), INT64_MAX);
}

TEST(SenderOptions, ThoseThatCannotWorkAreRefusedAtStart) {
  IoThreads io;
  store::RedisClient redis(io.io(), store::RedisOptions{});
  store::OutboxStore outbox(redis, store::Keys("t:"));
  ManualClock clock{kStart};
  SenderOptions good{};
  EXPECT_NO_THROW(Sender(io.io(), outbox, clock, good, KannelAt(13013), Metrics()));
  std::vector<std::function<void(SenderOptions&)>> breaks = {
      [](SenderOptions& o) { o.max_attempts = 0; },
      [](SenderOptions& o) { o.backoff_ms = 0; },
      [](SenderOptions& o) { o.max_backoff_ms = o.backoff_ms - 1; },
      [](SenderOptions& o) { o.send_timeout_ms = 0; },
      [](SenderOptions& o) { o.poll_ms = 0; },
      [](SenderOptions& o) { o.batch = 0; },
  };
  for (size_t i = 0; i < breaks.size(); ++i) {
    SenderOptions bad = good;
    breaks[i](bad);
    EXPECT_THROW(Sender(io.io(), outbox, clock, bad, KannelAt(13013), Metrics()),
                 std::invalid_argument)
        << i;
  }
  // Gateways that cannot work: a send URL that is not http(s), a route to a gateway not there.
  SenderGateways ftp = KannelAt(13013);
  channels::kannel::KannelConfig kannel{.sendsms_url = "ftp://kannel/cgi-bin/sendsms"};
  ftp.gateways = {std::make_shared<channels::kannel::KannelGateway>(kannel, "1708")};
  EXPECT_THROW(Sender(io.io(), outbox, clock, good, ftp, Metrics()), std::invalid_argument);
  SenderGateways elsewhere = KannelAt(13013);
  elsewhere.routes.official = "twilio";
  EXPECT_THROW(Sender(io.io(), outbox, clock, good, elsewhere, Metrics()), std::invalid_argument);
  // The claim timeout is the store's; a sender cannot have another.
  good.claim_idle_ms = 60000;
  EXPECT_NO_THROW(Sender(io.io(), outbox, clock, good, KannelAt(13013), Metrics()));
  good.claim_idle_ms = 30000;
  EXPECT_THROW(Sender(io.io(), outbox, clock, good, KannelAt(13013), Metrics()),
               std::invalid_argument);
  good.claim_idle_ms = 0;
  // A send must end well before another sender may claim the message.
  store::OutboxStore hasty(redis, store::Keys("t:"),
                           store::OutboxStoreOptions{.claim_idle_ms = 14999});
  EXPECT_THROW(Sender(io.io(), hasty, clock, good, KannelAt(13013), Metrics()),
               std::invalid_argument);
  good.send_timeout_ms = 4999;
  EXPECT_NO_THROW(Sender(io.io(), hasty, clock, good, KannelAt(13013), Metrics()));
}

TEST(HttpGet, AnswersRefusalsAndTimeoutsAsValues) {
  IoThreads io;
  FakeKannel kannel{io.io()};
  const uint16_t port = kannel.Start();
  const std::string base = "http://127.0.0.1:" + std::to_string(port);

  auto ok = io.Run(http::HttpGet(base + "/cgi-bin/sendsms?x=1", 1000ms));
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->status, 202);
  EXPECT_EQ(ok->body, "0: Accepted for delivery\n");

  kannel.set_mode(FakeKannel::Mode::kUnavailable);
  auto busy = io.Run(http::HttpGet(base + "/", 1000ms));
  ASSERT_TRUE(busy.ok());
  EXPECT_EQ(busy->status, 503);

  kannel.set_mode(FakeKannel::Mode::kHang);
  const auto started = SteadyClock::now();
  auto slow = io.Run(http::HttpGet(base + "/", 100ms));
  ASSERT_FALSE(slow.ok());
  EXPECT_EQ(slow.error().code, Errc::kTimeout);
  EXPECT_LT(SteadyClock::now() - started, 500ms);

  auto refused =
      io.Run(http::HttpGet("http://127.0.0.1:" + std::to_string(test::UnusedPort()) + "/", 1000ms));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, Errc::kUnavailable);

  auto bad = io.Run(http::HttpGet("ftp://127.0.0.1/", 1000ms));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, Errc::kBadRequest);

  kannel.set_mode(FakeKannel::Mode::kAccept);
  auto by_name = io.Run(http::HttpGet("http://localhost:" + std::to_string(port) + "/", 1000ms));
  ASSERT_TRUE(by_name.ok()) << by_name.error().message;
  kannel.Stop();
}

}  // namespace
}  // namespace lapor::outbox
