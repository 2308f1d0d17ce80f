#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "http/server.hpp"

namespace lapor::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using ClientResponse = bhttp::response<bhttp::string_body>;
using Millis = std::chrono::milliseconds;
using std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr Millis kTimeout = 3000ms;  // a client call that takes this long has failed

Millis Since(steady_clock::time_point start) {
  return std::chrono::duration_cast<Millis>(steady_clock::now() - start);
}

// A test client with blocking calls that give up after a timeout: asynchronous operations run
// with io_context::run_for, as in Asio's blocking_tcp_client example.
class RawClient {
 public:
  explicit RawClient(uint16_t port) : socket_(io_) {
    boost::system::error_code result = asio::error::timed_out;
    socket_.async_connect(tcp::endpoint(asio::ip::address_v4::loopback(), port),
                          [&](boost::system::error_code ec) { result = ec; });
    Run(kTimeout);
    connect_error_ = result;
  }

  const boost::system::error_code& connect_error() const { return connect_error_; }

  void Close() {
    boost::system::error_code ignored;
    socket_.close(ignored);
  }

  boost::system::error_code Send(std::string_view bytes, Millis timeout = kTimeout) {
    boost::system::error_code result = asio::error::timed_out;
    asio::async_write(socket_, asio::buffer(bytes),
                      [&](boost::system::error_code ec, size_t) { result = ec; });
    Run(timeout);
    return result;
  }

  // One response, or nullopt when none came (the error is in last_error()).
  // `head`: the response answers a HEAD request, so it has no body whatever its headers say.
  std::optional<ClientResponse> Read(Millis timeout = kTimeout, bool head = false) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(1024 * 1024);
    parser.skip(head);
    boost::system::error_code result = asio::error::timed_out;
    bhttp::async_read(socket_, buffer_, parser,
                      [&](boost::system::error_code ec, size_t) { result = ec; });
    Run(timeout);
    last_error_ = result;
    if (result) {
      return std::nullopt;
    }
    return parser.release();
  }

  // True when the server closes the connection within `timeout` without sending anything more.
  bool WaitClosed(Millis timeout = kTimeout) {
    if (buffer_.size() != 0) {
      return false;
    }
    std::array<char, 256> scratch;
    boost::system::error_code result = asio::error::timed_out;
    size_t bytes = 0;
    socket_.async_read_some(asio::buffer(scratch), [&](boost::system::error_code ec, size_t n) {
      result = ec;
      bytes = n;
    });
    Run(timeout);
    last_error_ = result;
    return bytes == 0 && (result == asio::error::eof || result == asio::error::connection_reset);
  }

  const boost::system::error_code& last_error() const { return last_error_; }

 private:
  void Run(Millis timeout) {
    io_.restart();
    io_.run_for(timeout);
    if (!io_.stopped()) {
      // Timed out: cancel the operation and let its handler run, so `result` stays timed_out.
      boost::system::error_code ec;
      socket_.cancel(ec);
      io_.restart();
      io_.run();
    }
  }

  asio::io_context io_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
  boost::system::error_code connect_error_;
  boost::system::error_code last_error_;
};

std::string Get(std::string_view target, std::string_view extra_headers = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra_headers) +
         "\r\n";
}

std::string Post(std::string_view target, std::string_view body) {
  return "POST " + std::string(target) +
         " HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

class HttpServerTest : public ::testing::Test {
 protected:
  void Start(Limits limits = {}, std::shared_ptr<ConnectionShare> share = nullptr) {
    server_ = std::make_unique<Server>(
        io_, limits, [this](Request& req, const Peer& peer) { return Handle(req, peer); }, share);
    const Result<Ok> listening = server_->Listen("127.0.0.1", 0);
    ASSERT_TRUE(listening.ok()) << listening.error().message;
    ASSERT_NE(server_->port(), 0);
    for (int i = 0; i < 2; ++i) {
      running_.fetch_add(1);
      threads_.emplace_back([this] {
        io_.run();
        running_.fetch_sub(1);
      });
    }
  }

  void TearDown() override {
    if (server_) {
      server_->Stop();
    }
    // run() returns by itself once the last connection is gone; a hang here is a leak.
    EXPECT_TRUE(WaitForThreadsToFinish(5000ms)) << "io_context::run() did not return after Stop()";
    io_.stop();
    for (std::thread& thread : threads_) {
      thread.join();
    }
  }

  bool WaitForThreadsToFinish(Millis timeout) {
    const auto deadline = steady_clock::now() + timeout;
    while (running_.load() != 0 && steady_clock::now() < deadline) {
      std::this_thread::sleep_for(5ms);
    }
    return running_.load() == 0;
  }

  bool WaitForOpenConnections(size_t count, Millis timeout = kTimeout) {
    const auto deadline = steady_clock::now() + timeout;
    while (server_->open_connections() != count && steady_clock::now() < deadline) {
      std::this_thread::sleep_for(5ms);
    }
    return server_->open_connections() == count;
  }

  // /throw throws; /slow answers after 300 ms; /bad-204 answers a 204 with a body; /big answers
  // 32 MiB, more than the kernel buffers on loopback; anything else echoes method, target and
  // body.
  asio::awaitable<Response> Handle(Request& req, const Peer& peer) {
    if (req.target() == "/big") {
      co_return TextResponse(req, bhttp::status::ok, std::string(size_t{32} << 20, 'x'));
    }
    if (req.target() == "/throw") {
      throw std::runtime_error("handler failed on purpose");
    }
    if (req.target() == "/bad-204") {
      Response res{bhttp::status::no_content, req.version()};
      res.body() = "a 204 has no body";
      co_return res;
    }
    if (req.target() == "/slow") {
      slow_started_.store(true);
      asio::steady_timer timer(co_await asio::this_coro::executor);
      timer.expires_after(300ms);
      const auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
      co_return TextResponse(req, bhttp::status::ok, ec ? "cancelled" : "slow done");
    }
    Response res = TextResponse(
        req, bhttp::status::ok,
        std::string(req.method_string()) + " " + std::string(req.target()) + " " + req.body());
    res.set("X-Peer", peer.address);
    co_return res;
  }

  asio::io_context io_;
  std::unique_ptr<Server> server_;
  std::vector<std::thread> threads_;
  std::atomic<int> running_{0};
  std::atomic<bool> slow_started_{false};
};

TEST_F(HttpServerTest, AnswersSeveralRequestsOnOneKeepAliveConnection) {
  Start();
  RawClient client(server_->port());
  ASSERT_FALSE(client.connect_error()) << client.connect_error().message();

  ASSERT_FALSE(client.Send(Get("/healthz")));
  auto first = client.Read();
  ASSERT_TRUE(first) << client.last_error().message();
  EXPECT_EQ(first->result(), bhttp::status::ok);
  EXPECT_EQ(first->body(), "GET /healthz ");
  EXPECT_EQ(first->at(bhttp::field::content_length), "13");
  EXPECT_TRUE(first->keep_alive());
  EXPECT_EQ(first->at("X-Peer"), "127.0.0.1");
  EXPECT_EQ(first->count(bhttp::field::server), 0u);

  ASSERT_FALSE(client.Send(Post("/webhooks/generic/sms", "hello")));
  auto second = client.Read();
  ASSERT_TRUE(second) << client.last_error().message();
  EXPECT_EQ(second->body(), "POST /webhooks/generic/sms hello");
  EXPECT_TRUE(second->keep_alive());

  ASSERT_FALSE(client.Send(Get("/third")));
  auto third = client.Read();
  ASSERT_TRUE(third) << client.last_error().message();
  EXPECT_EQ(third->body(), "GET /third ");
  EXPECT_EQ(server_->open_connections(), 1u);
}

TEST_F(HttpServerTest, AnswersPipelinedRequestsInOrder) {
  Start();
  RawClient client(server_->port());
  ASSERT_FALSE(client.Send(Get("/one") + Post("/two", "2") + Get("/three")));
  for (const char* body : {"GET /one ", "POST /two 2", "GET /three "}) {
    auto res = client.Read();
    ASSERT_TRUE(res) << client.last_error().message();
    EXPECT_EQ(res->body(), body);
  }
}

TEST_F(HttpServerTest, ConnectionCloseIsHonoured) {
  Start();
  RawClient client(server_->port());
  ASSERT_FALSE(client.Send(Get("/bye", "Connection: close\r\n")));
  auto res = client.Read();
  ASSERT_TRUE(res) << client.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::ok);
  EXPECT_FALSE(res->keep_alive());
  EXPECT_TRUE(client.WaitClosed());
}

TEST_F(HttpServerTest, Http10ClosesAfterTheResponse) {
  Start();
  RawClient client(server_->port());
  ASSERT_FALSE(client.Send("GET /old HTTP/1.0\r\n\r\n"));
  auto res = client.Read();
  ASSERT_TRUE(res) << client.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::ok);
  EXPECT_EQ(res->body(), "GET /old ");
  EXPECT_FALSE(res->keep_alive());
  EXPECT_TRUE(client.WaitClosed());
}

TEST_F(HttpServerTest, Http10KeepAliveIsHonoured) {
  Start();
  RawClient client(server_->port());
  ASSERT_FALSE(client.Send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  auto first = client.Read();
  ASSERT_TRUE(first) << client.last_error().message();
  EXPECT_TRUE(first->keep_alive());
  ASSERT_FALSE(client.Send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  auto second = client.Read();
  ASSERT_TRUE(second) << client.last_error().message();
  EXPECT_EQ(second->body(), "GET /b ");
}

TEST_F(HttpServerTest, OneMegabyteBodyIs413AndTheServerKeepsServing) {
  Start();
  {
    RawClient client(server_->port());
    const std::string body(1024 * 1024, 'x');
    // The server may answer before reading the body; the send may then fail, the answer not.
    const boost::system::error_code send_error = client.Send(Post("/webhooks/generic/sms", body));
    (void)send_error;
    auto res = client.Read();
    ASSERT_TRUE(res) << client.last_error().message();
    EXPECT_EQ(res->result(), bhttp::status::payload_too_large);
    EXPECT_FALSE(res->keep_alive());
    EXPECT_EQ(res->at(bhttp::field::content_type), "text/plain; charset=utf-8");
    EXPECT_TRUE(client.WaitClosed());
  }
  RawClient next(server_->port());
  ASSERT_FALSE(next.Send(Get("/after")));
  auto res = next.Read();
  ASSERT_TRUE(res) << next.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::ok);
}

TEST_F(HttpServerTest, ChunkedBodyOverTheLimitIs413) {
  Limits limits;
  limits.max_body_bytes = 100;
  Start(limits);
  RawClient client(server_->port());
  const std::string chunk(80, 'y');
  ASSERT_FALSE(
      client.Send("POST /c HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n50\r\n" +
                  chunk + "\r\n50\r\n" + chunk + "\r\n0\r\n\r\n"));
  auto res = client.Read();
  ASSERT_TRUE(res) << client.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::payload_too_large);
}

TEST_F(HttpServerTest, ExpectContinueGets100ThenTheAnswer) {
  Start();
  RawClient client(server_->port());
  ASSERT_FALSE(client.Send(
      "POST /e HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
  auto interim = client.Read();
  ASSERT_TRUE(interim) << client.last_error().message();
  EXPECT_EQ(interim->result(), bhttp::status::continue_);
  ASSERT_FALSE(client.Send("hello"));
  auto res = client.Read();
  ASSERT_TRUE(res) << client.last_error().message();
  EXPECT_EQ(res->body(), "POST /e hello");
}

TEST_F(HttpServerTest, ExpectContinueWithTooLargeBodyIs413BeforeTheBody) {
  Start();
  RawClient client(server_->port());
  ASSERT_FALSE(client.Send(
      "POST /e HTTP/1.1\r\nHost: test\r\nContent-Length: 1048576\r\nExpect: 100-continue\r\n\r\n"));
  auto res = client.Read();
  ASSERT_TRUE(res) << client.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::payload_too_large);
}

TEST_F(HttpServerTest, OversizedHeaderIs431) {
  Start();
  RawClient client(server_->port());
  const std::string big(16 * 1024, 'a');
  const boost::system::error_code send_error = client.Send(Get("/h", "X-Big: " + big + "\r\n"));
  (void)send_error;  // the server may answer before it has read everything
  auto res = client.Read();
  ASSERT_TRUE(res) << client.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::request_header_fields_too_large);
  EXPECT_FALSE(res->keep_alive());
  EXPECT_TRUE(client.WaitClosed());
}

TEST_F(HttpServerTest, HalfAHeaderThenStallIs408WithinTheReadTimeout) {
  Limits limits;
  limits.read_timeout_ms = 200;
  Start(limits);
  const auto start = steady_clock::now();
  RawClient client(server_->port());
  ASSERT_FALSE(client.Send("GET /slowloris HTTP/1.1\r\nHost: te"));
  auto res = client.Read(2000ms);
  const Millis elapsed = Since(start);
  ASSERT_TRUE(res) << client.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::request_timeout);
  EXPECT_FALSE(res->keep_alive());
  EXPECT_GE(elapsed, 150ms);
  EXPECT_LT(elapsed, 1000ms);
  EXPECT_TRUE(client.WaitClosed());
}

TEST_F(HttpServerTest, HalfABodyThenStallIs408) {
  Limits limits;
  limits.read_timeout_ms = 200;
  Start(limits);
  RawClient client(server_->port());
  ASSERT_FALSE(client.Send("POST /b HTTP/1.1\r\nHost: test\r\nContent-Length: 10\r\n\r\nabc"));
  auto res = client.Read(2000ms);
  ASSERT_TRUE(res) << client.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::request_timeout);
}

TEST_F(HttpServerTest, SlowKeepAliveRequestIs408AfterItsFirstByte) {
  Limits limits;
  limits.read_timeout_ms = 200;
  limits.idle_timeout_ms = 5000;
  Start(limits);
  RawClient client(server_->port());
  ASSERT_FALSE(client.Send(Get("/first")));
  ASSERT_TRUE(client.Read());
  std::this_thread::sleep_for(300ms);  // idle longer than the read timeout: still fine
  const auto start = steady_clock::now();
  ASSERT_FALSE(client.Send("GET /second HTTP/1.1\r\n"));
  auto res = client.Read(2000ms);
  ASSERT_TRUE(res) << client.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::request_timeout);
  EXPECT_GE(Since(start), 150ms);
}

TEST_F(HttpServerTest, AClientThatDoesNotReadItsAnswerIsDroppedAfterTheWriteTimeout) {
  Limits limits;
  limits.write_timeout_ms = 200;
  Start(limits);
  RawClient client(server_->port());
  const auto start = steady_clock::now();
  ASSERT_FALSE(client.Send(Get("/big")));  // and never read
  ASSERT_TRUE(WaitForOpenConnections(1));
  EXPECT_TRUE(WaitForOpenConnections(0, 3000ms));
  EXPECT_GE(Since(start), 150ms);
}

TEST_F(HttpServerTest, ConnectionThatSendsNothingIsClosedSilently) {
  Limits limits;
  limits.read_timeout_ms = 200;
  Start(limits);
  const auto start = steady_clock::now();
  RawClient client(server_->port());
  EXPECT_TRUE(client.WaitClosed(2000ms)) << client.last_error().message();
  EXPECT_GE(Since(start), 150ms);
}

TEST_F(HttpServerTest, IdleKeepAliveConnectionIsClosedSilently) {
  Limits limits;
  limits.idle_timeout_ms = 200;
  Start(limits);
  RawClient client(server_->port());
  ASSERT_FALSE(client.Send(Get("/once")));
  ASSERT_TRUE(client.Read());
  const auto start = steady_clock::now();
  EXPECT_TRUE(client.WaitClosed(2000ms)) << client.last_error().message();
  EXPECT_GE(Since(start), 150ms);
  EXPECT_TRUE(WaitForOpenConnections(0));
}

TEST_F(HttpServerTest, GarbageIs400) {
  Start();
  RawClient client(server_->port());
  ASSERT_FALSE(client.Send("\x16\x03\x01 this is not http\r\n\r\n"));
  auto res = client.Read();
  ASSERT_TRUE(res) << client.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::bad_request);
  EXPECT_FALSE(res->keep_alive());
  EXPECT_TRUE(client.WaitClosed());
}

TEST_F(HttpServerTest, BadVersionIs400) {
  Start();
  RawClient client(server_->port());
  ASSERT_FALSE(client.Send("GET / HTTP/x.y\r\n\r\n"));
  auto res = client.Read();
  ASSERT_TRUE(res) << client.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::bad_request);
}

TEST_F(HttpServerTest, ContentLengthWithChunkedIs400) {
  Start();
  RawClient client(server_->port());
  ASSERT_FALSE(
      client.Send("POST /s HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nTransfer-Encoding: "
                  "chunked\r\n\r\n0\r\n\r\n"));
  auto res = client.Read();
  ASSERT_TRUE(res) << client.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::bad_request);
}

TEST_F(HttpServerTest, TransferEncodingNotEndingInChunkedIs400) {
  Start();
  RawClient client(server_->port());
  ASSERT_FALSE(client.Send("POST /s HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: gzip\r\n\r\n" +
                           Get("/smuggled")));
  auto res = client.Read();
  ASSERT_TRUE(res) << client.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::bad_request);
  EXPECT_TRUE(client.WaitClosed());
}

// One request on each client, leaving each connection open (kept alive).
void KeepOpen(std::initializer_list<RawClient*> clients) {
  for (RawClient* client : clients) {
    ASSERT_FALSE(client->Send(Get("/hold")));
    ASSERT_TRUE(client->Read()) << client->last_error().message();
  }
}

TEST_F(HttpServerTest, ConnectionsOverTheCapAre503) {
  Limits limits;
  limits.max_connections = 2;
  Start(limits);
  RawClient first(server_->port());
  RawClient second(server_->port());
  ASSERT_NO_FATAL_FAILURE(KeepOpen({&first, &second}));
  EXPECT_EQ(server_->open_connections(), 2u);

  RawClient third(server_->port());
  ASSERT_FALSE(third.connect_error());
  auto res = third.Read();
  ASSERT_TRUE(res) << third.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::service_unavailable);
  EXPECT_EQ(res->at(bhttp::field::retry_after), "1");
  EXPECT_FALSE(res->keep_alive());
  EXPECT_TRUE(third.WaitClosed());
  EXPECT_EQ(server_->open_connections(), 2u);

  // The connections already open are still served.
  ASSERT_FALSE(first.Send(Get("/still")));
  ASSERT_TRUE(first.Read());
}

// The web shards: one listener each, one cap for them all (the process's open-file limit).
TEST_F(HttpServerTest, ServersSharingTheirCountsHoldTheCapTogether) {
  Limits limits;
  limits.max_connections = 2;
  auto share = NewConnectionShare();
  Start(limits, share);
  Server other(
      io_, limits, [this](Request& req, const Peer& peer) { return Handle(req, peer); }, share);
  ASSERT_TRUE(other.Listen("127.0.0.1", 0).ok());
  RawClient first(server_->port());
  RawClient second(other.port());
  ASSERT_NO_FATAL_FAILURE(KeepOpen({&first, &second}));
  EXPECT_EQ(server_->open_connections(), 1u);
  EXPECT_EQ(other.open_connections(), 1u);

  for (uint16_t port : {server_->port(), other.port()}) {
    RawClient over(port);
    auto res = over.Read();
    ASSERT_TRUE(res) << over.last_error().message();
    EXPECT_EQ(res->result(), bhttp::status::service_unavailable);
  }
  // One closes: the other server may take a connection again.
  first.Close();
  ASSERT_TRUE(WaitForOpenConnections(0));
  RawClient third(other.port());
  ASSERT_FALSE(third.Send(Get("/again")));
  auto served = third.Read();
  ASSERT_TRUE(served);
  EXPECT_EQ(served->result(), bhttp::status::ok);
}

TEST_F(HttpServerTest, OneAddressOverItsShareIs503WhileOthersStillGetIn) {
  Limits limits;
  limits.max_connections = 100;
  limits.max_connections_per_address = 2;
  Start(limits);
  RawClient first(server_->port());
  RawClient second(server_->port());
  ASSERT_NO_FATAL_FAILURE(KeepOpen({&first, &second}));
  RawClient third(server_->port());  // the same 127.0.0.1
  auto res = third.Read();
  ASSERT_TRUE(res) << third.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::service_unavailable);
  EXPECT_EQ(server_->open_connections(), 2u);
  // One closes: its share frees up.
  first.Close();
  const auto deadline = steady_clock::now() + kTimeout;
  while (server_->open_connections() != 1u && steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_EQ(server_->open_connections(), 1u);
  RawClient fourth(server_->port());
  ASSERT_FALSE(fourth.Send(Get("/again")));
  auto served = fourth.Read();
  ASSERT_TRUE(served);
  EXPECT_EQ(served->result(), bhttp::status::ok);
}

TEST_F(HttpServerTest, ThrowingHandlerIs500AndTheServerKeepsServing) {
  Start();
  RawClient client(server_->port());
  ASSERT_FALSE(client.Send(Get("/throw")));
  auto res = client.Read();
  ASSERT_TRUE(res) << client.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::internal_server_error);
  EXPECT_EQ(res->body(), R"({"error":"internal error"})");
  EXPECT_EQ(res->at(bhttp::field::content_type), "application/json");

  ASSERT_FALSE(client.Send(Get("/same-connection")));
  auto again = client.Read();
  ASSERT_TRUE(again) << client.last_error().message();
  EXPECT_EQ(again->result(), bhttp::status::ok);

  RawClient other(server_->port());
  ASSERT_FALSE(other.Send(Get("/new-connection")));
  auto fresh = other.Read();
  ASSERT_TRUE(fresh) << other.last_error().message();
  EXPECT_EQ(fresh->result(), bhttp::status::ok);
}

TEST_F(HttpServerTest, HeadAnswerHasContentLengthButNoBody) {
  Start();
  RawClient client(server_->port());
  ASSERT_FALSE(client.Send("HEAD /h HTTP/1.1\r\nHost: test\r\n\r\n" + Get("/next")));
  auto head = client.Read(kTimeout, /*head=*/true);
  ASSERT_TRUE(head) << client.last_error().message();
  EXPECT_EQ(head->at(bhttp::field::content_length), "8");  // "HEAD /h "
  EXPECT_EQ(head->body(), "");
  // Had the body been sent, it would be read here instead of the next answer.
  auto next = client.Read();
  ASSERT_TRUE(next) << client.last_error().message();
  EXPECT_EQ(next->body(), "GET /next ");
}

TEST_F(HttpServerTest, AnswerThatCannotBeFramedIs500) {
  Start();
  RawClient client(server_->port());
  ASSERT_FALSE(client.Send(Get("/bad-204")));
  auto res = client.Read();
  ASSERT_TRUE(res) << client.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::internal_server_error);
  EXPECT_EQ(res->body(), R"({"error":"internal error"})");
}

TEST_F(HttpServerTest, StopLetsTheRequestInFlightFinishAndClosesIdleConnections) {
  Start();
  RawClient idle(server_->port());
  ASSERT_FALSE(idle.Send(Get("/before")));
  ASSERT_TRUE(idle.Read());

  RawClient busy(server_->port());
  ASSERT_FALSE(busy.Send(Get("/slow")));
  const auto deadline = steady_clock::now() + kTimeout;
  while (!slow_started_.load() && steady_clock::now() < deadline) {
    std::this_thread::sleep_for(2ms);
  }
  ASSERT_TRUE(slow_started_.load());

  server_->Stop();

  EXPECT_TRUE(idle.WaitClosed(1000ms)) << idle.last_error().message();
  auto res = busy.Read();
  ASSERT_TRUE(res) << busy.last_error().message();
  EXPECT_EQ(res->result(), bhttp::status::ok);
  EXPECT_EQ(res->body(), "slow done");
  EXPECT_FALSE(res->keep_alive());
  EXPECT_TRUE(busy.WaitClosed());

  RawClient late(server_->port());
  EXPECT_TRUE(late.connect_error());
  EXPECT_TRUE(WaitForThreadsToFinish(2000ms));
  EXPECT_EQ(server_->open_connections(), 0u);
}

TEST_F(HttpServerTest, ListenRefusesABadAddressAndABusyPort) {
  Start();
  Server other(io_, Limits{},
               [](Request&, const Peer&) -> asio::awaitable<Response> { co_return Response{}; });
  const Result<Ok> bad = other.Listen("not-an-address", 0);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, Errc::kBadRequest);
  const Result<Ok> busy = other.Listen("127.0.0.1", server_->port());
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.error().code, Errc::kUnavailable);
  EXPECT_NE(busy.error().message.find("bind"), std::string::npos) << busy.error().message;
}

// The web shards share a port with SO_REUSEPORT, which any socket of the same user with that
// option could join: a second lapor1708 started on the port by mistake must be refused, as it
// was before the shards, not handed half the connections.
TEST_F(HttpServerTest, APortGroupJoinsOnlyItsFirstServer) {
  Start();  // runs the io_context the servers below accept on
  auto handler = [](Request&, const Peer&) -> asio::awaitable<Response> { co_return Response{}; };
  Server first(io_, Limits{}, handler);
  ASSERT_TRUE(first.Listen("127.0.0.1", 0, PortSharing::kFirst).ok());
  const uint16_t port = first.port();

  Server joining(io_, Limits{}, handler);
  EXPECT_TRUE(joining.Listen("127.0.0.1", port, PortSharing::kJoin).ok());
  EXPECT_EQ(joining.port(), port);

  // Another group's first server (another process, in production), and a plain listener.
  Server stranger(io_, Limits{}, handler);
  const Result<Ok> refused = stranger.Listen("127.0.0.1", port, PortSharing::kFirst);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, Errc::kUnavailable);
  EXPECT_NE(refused.error().message.find("bind"), std::string::npos) << refused.error().message;
  Server plain(io_, Limits{}, handler);
  EXPECT_FALSE(plain.Listen("127.0.0.1", port).ok());
  first.Stop();
  joining.Stop();
}

}  // namespace
}  // namespace lapor::http
