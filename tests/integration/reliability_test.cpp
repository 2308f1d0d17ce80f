// Nothing accepted is lost at the edges: a slow Redis fails only the call it delays, a step whose
// write timed out but committed is answered from its dedupe record, and a stop drains what is in
// flight before Redis goes, telling probes it is not ready from its first moment.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <future>
#include <thread>

#include "app/descriptors.hpp"
#include "store/redis_client.hpp"
#include "support/io_threads.hpp"
#include "support/redis_delay_proxy.hpp"
#include "support/redis_process.hpp"
#include "support/test_server.hpp"

namespace lapor {
namespace {

using namespace std::chrono_literals;
using test::Eventually;

constexpr const char* kLocalNumber = "081234567890";
const std::vector<std::string> kReportUntilConfirm = {
    "LAPOR", "1", "1", "1", "koba", "1", "Antrean puskesmas lama sekali"};

// A test server whose Redis calls go through a proxy that can hold replies back.
class SlowRedis : public ::testing::Test {
 protected:
  std::unique_ptr<test::RedisProcess> redis_ = test::RedisProcess::Start();
  test::RedisDelayProxy proxy_{redis_->port()};
  test::TestServer server_{proxy_.url(), [](app::Config& c) {
                             c.roles.scheduler = c.roles.sender = false;
                             c.redis.command_timeout_ms = 300;
                           }};
};

TEST_F(SlowRedis, AStepWhoseWriteTimedOutButCommittedIsAnsweredAsItWasWritten) {
  for (const auto& text : kReportUntilConfirm) {
    server_.Sms(kLocalNumber, text);
  }
  // The step's write reaches Redis and commits; its answer comes back after the 300 ms timeout
  // and inside the re-read window that follows it (one more timeout). 450 ms is the middle of
  // that span: a hold of 600 ms ended with the window and made the test a race.
  proxy_.HoldNext("Terima kasih", 450ms);
  std::string reply = server_.Sms(kLocalNumber, "1");
  EXPECT_EQ(proxy_.held(), 1);
  EXPECT_TRUE(reply.starts_with("Terima kasih. Laporan Anda diterima dengan nomor")) << reply;
  EXPECT_NE(server_.service().metrics().Render().find("lapor1708_step_timeouts_resolved_total 1\n"),
            std::string::npos);
}

TEST_F(SlowRedis, AStopWaitsForTheRequestInFlightAndAnswersItForReal) {
  server_.Sms(kLocalNumber, "LAPOR");
  // The answer to the next step's write, "1" (dialog_step.lua answers {"ok"}: it files nothing).
  proxy_.HoldNext("*1\r\n$2\r\nok\r\n", 250ms);
  auto in_flight = std::async(std::launch::async, [&] { return server_.Sms(kLocalNumber, "1"); });
  ASSERT_TRUE(Eventually([&] { return proxy_.held() == 1; }));
  auto stopping = std::async(std::launch::async, [&] { server_.service().Stop(); });
  EXPECT_TRUE(in_flight.get().starts_with("Kategori:"));
  stopping.get();
}

// A load balancer's probe that is half-way in when the drain begins must hear "not ready": new
// connections are refused by then, and a 200 would send it more work while the process stops.
TEST(Drain, ReadyzSays503FromTheFirstMomentOfTheDrain) {
  auto redis = test::RedisProcess::Start();
  test::TestServer server(redis->url(),
                          [](app::Config& c) { c.roles.scheduler = c.roles.sender = false; });
  const uint16_t port = server.port();
  ASSERT_EQ(test::HttpGet(port, "/readyz").status, 200);

  boost::asio::io_context io;
  boost::asio::ip::tcp::socket probe(io);
  probe.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  boost::asio::write(probe, boost::asio::buffer(std::string("GET /readyz HTTP/1.1\r\n")));
  // The server must have begun reading the request (an idle connection is closed by a drain);
  // it has no signal for that, and reading a few bytes on loopback takes microseconds.
  std::this_thread::sleep_for(200ms);

  // The open probe holds the drain until it is answered (or drain_timeout_ms passes).
  auto stopping = std::async(std::launch::async, [&] { server.service().Stop(); });
  ASSERT_TRUE(Eventually([&] {
    boost::asio::ip::tcp::socket other(io);
    boost::system::error_code ec;
    other.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
    return ec.failed();  // the listener is closed: the drain has begun
  }));
  boost::asio::write(probe, boost::asio::buffer(std::string("Host: 127.0.0.1\r\n\r\n")));
  boost::beast::flat_buffer buffer;
  boost::beast::http::response<boost::beast::http::string_body> res;
  boost::beast::http::read(probe, buffer, res);
  EXPECT_EQ(res.result_int(), 503u);
  EXPECT_NE(res.body().find("draining"), std::string::npos) << res.body();
  EXPECT_FALSE(res.keep_alive());
  stopping.get();
}

TEST(RedisTimeouts, OneSlowReplyFailsOnlyItsOwnCallAndTheConnectionStays) {
  auto redis = test::RedisProcess::Start();
  test::RedisDelayProxy proxy(redis->port());
  test::IoThreads threads(1);
  auto options = store::ParseRedisUrl(proxy.url());
  ASSERT_TRUE(options.ok());
  options->command_timeout_ms = 300;
  options->connections = 1;
  store::RedisClient client(threads.io(), *options);
  client.Start();
  ASSERT_TRUE(Eventually([&] { return client.connected(); }));
  auto id = threads.Run(client.Command({"CLIENT", "ID"}));
  ASSERT_TRUE(id.ok());

  proxy.HoldNext("slow-answer", 500ms);
  auto slow = threads.Run(client.Command({"ECHO", "slow-answer"}));
  ASSERT_FALSE(slow.ok());
  EXPECT_EQ(slow.error().code, Errc::kTimeout);
  // Once the late answer is in, the same connection serves again: it was not dropped.
  ASSERT_TRUE(Eventually([&] {
    auto again = threads.Run(client.Command({"CLIENT", "ID"}));
    return again.ok() && again->integer == id->integer;
  }));
  EXPECT_TRUE(client.connected());
}

TEST(Descriptors, TheOpenFileLimitIsRaisedAndConnectionsStayBelowIt) {
  const size_t limit = app::RaiseOpenFileLimit();
  EXPECT_GE(limit, 1024u);
  EXPECT_EQ(app::ConnectionCap(100, limit), std::min<size_t>(100, limit));
  EXPECT_EQ(app::ConnectionCap(1000000, 1024), 1024 - app::kReservedDescriptors);
  EXPECT_LE(app::ConnectionCap(1000000, 100), 100u);
}

}  // namespace
}  // namespace lapor
