#include "support/redis_delay_proxy.hpp"

#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace lapor::test {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

struct RedisDelayProxy::State {
  asio::io_context io;
  tcp::acceptor acceptor{io};
  int redis_port = 0;
  std::thread thread;
  std::mutex mutex;
  std::optional<std::pair<std::string, std::chrono::milliseconds>> hold;  // guarded by mutex
  std::atomic<int> held{0};

  // How long to hold this chunk: the pending hold, taken, when the chunk holds its bytes.
  std::chrono::milliseconds HoldFor(std::string_view chunk) {
    std::lock_guard lock(mutex);
    if (!hold || chunk.find(hold->first) == std::string_view::npos) {
      return std::chrono::milliseconds(0);
    }
    auto delay = hold->second;
    hold.reset();
    ++held;
    return delay;
  }

  // Copies `from` to `to` until either side closes; Redis-to-client chunks may be held.
  // Coroutines get the State by plain pointer: it outlives them (the destructor stops and joins
  // the io thread, then the io_context, destroyed with the State, destroys what is pending). A
  // shared_ptr in each frame would keep the State, and so the frames, alive forever: a leak.
  static asio::awaitable<void> Pump(State* s, std::shared_ptr<tcp::socket> from,
                                    std::shared_ptr<tcp::socket> to, bool from_redis) {
    std::array<char, 65536> buffer;
    asio::steady_timer timer(s->io);
    for (;;) {
      auto [read_ec, n] = co_await from->async_read_some(asio::buffer(buffer), kTuple);
      if (read_ec) {
        break;
      }
      if (from_redis) {
        if (auto delay = s->HoldFor(std::string_view(buffer.data(), n)); delay.count() > 0) {
          timer.expires_after(delay);
          co_await timer.async_wait(kTuple);
        }
      }
      auto [write_ec, written] =
          co_await asio::async_write(*to, asio::buffer(buffer.data(), n), kTuple);
      (void)written;
      if (write_ec) {
        break;
      }
    }
    boost::system::error_code ignored;
    from->close(ignored);
    to->close(ignored);
  }

  static asio::awaitable<void> Accept(State* s) {
    for (;;) {
      auto [ec, client] = co_await s->acceptor.async_accept(kTuple);
      if (ec) {
        co_return;
      }
      auto downstream = std::make_shared<tcp::socket>(std::move(client));
      auto upstream = std::make_shared<tcp::socket>(s->io);
      auto [connect_ec] = co_await upstream->async_connect(
          tcp::endpoint(asio::ip::make_address("127.0.0.1"),
                        static_cast<unsigned short>(s->redis_port)),
          kTuple);
      if (connect_ec) {
        continue;  // the client sees its connection close: Redis is down
      }
      asio::co_spawn(s->io, Pump(s, downstream, upstream, false), asio::detached);
      asio::co_spawn(s->io, Pump(s, upstream, downstream, true), asio::detached);
    }
  }
};

RedisDelayProxy::RedisDelayProxy(int redis_port) : state_(std::make_shared<State>()) {
  state_->redis_port = redis_port;
  tcp::endpoint local(asio::ip::make_address("127.0.0.1"), 0);
  state_->acceptor.open(local.protocol());
  state_->acceptor.set_option(asio::socket_base::reuse_address(true));
  state_->acceptor.bind(local);
  state_->acceptor.listen();
  asio::co_spawn(state_->io, State::Accept(state_.get()), asio::detached);
  state_->thread = std::thread([s = state_.get()] { s->io.run(); });
}

RedisDelayProxy::~RedisDelayProxy() {
  state_->io.stop();
  state_->thread.join();
}

int RedisDelayProxy::port() const { return state_->acceptor.local_endpoint().port(); }

std::string RedisDelayProxy::url() const { return "redis://127.0.0.1:" + std::to_string(port()); }

void RedisDelayProxy::HoldNext(std::string bytes, std::chrono::milliseconds delay) {
  std::lock_guard lock(state_->mutex);
  state_->hold = std::make_pair(std::move(bytes), delay);
}

int RedisDelayProxy::held() const { return state_->held.load(); }

}  // namespace lapor::test
