#include "http/client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <charconv>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "http/asio_names.hpp"

namespace lapor::http {
namespace {

using namespace asio_names;

constexpr size_t kMaxHeaderBytes = 16 * 1024;
constexpr size_t kMaxBodyBytes = 64 * 1024;

// co_spawn hands back a default-constructed value when the coroutine throws, so what crosses it
// must have one; Result<T> has none.
struct Outcome {
  std::optional<Result<ClientReply>> result;
};

Error Unavailable(std::string what, const boost::system::error_code& ec) {
  return Error{Errc::kUnavailable, std::move(what) + ": " + ec.message()};
}

// Resolve, connect, send the request, read the reply. Not bounded in time: Exchange() races it
// against the deadline.
asio::awaitable<Outcome> Talk(const text::HttpUrl& url, tcp::resolver& resolver,
                              tcp::socket& socket) {
  // A cancelled operation comes back as an error code; it must not throw at the next co_await.
  co_await asio::this_coro::throw_if_cancelled(false);
  const std::string where = url.host + ":" + url.port;

  std::vector<tcp::endpoint> endpoints;
  boost::system::error_code ec;
  const asio::ip::address literal = asio::ip::make_address(url.host, ec);
  if (!ec) {
    // ParseHttpUrl checked the port.
    uint16_t port = 0;
    const auto converted =
        std::from_chars(url.port.data(), url.port.data() + url.port.size(), port);
    (void)converted;
    endpoints.emplace_back(literal, port);
  } else {
    auto [resolve_ec, results] = co_await resolver.async_resolve(url.host, url.port, kTuple);
    if (resolve_ec) {
      co_return Outcome{Unavailable("resolve " + url.host, resolve_ec)};
    }
    for (const auto& entry : results) {
      endpoints.push_back(entry.endpoint());
    }
  }

  auto [connect_ec, endpoint] = co_await asio::async_connect(socket, endpoints, kTuple);
  (void)endpoint;
  if (connect_ec) {
    co_return Outcome{Unavailable("connect " + where, connect_ec)};
  }

  bhttp::request<bhttp::empty_body> req{bhttp::verb::get, url.target, 11};
  req.set(bhttp::field::host, url.port == "80" ? url.host : where);
  req.set(bhttp::field::user_agent, "lapor1708");
  req.keep_alive(false);
  auto [write_ec, written] = co_await bhttp::async_write(socket, req, kTuple);
  (void)written;
  if (write_ec) {
    co_return Outcome{Unavailable("send to " + where, write_ec)};
  }

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.header_limit(kMaxHeaderBytes);
  parser.body_limit(kMaxBodyBytes);
  auto [read_ec, read] = co_await bhttp::async_read(socket, buffer, parser, kTuple);
  (void)read;
  if (read_ec) {
    co_return Outcome{Unavailable("reply from " + where, read_ec)};
  }
  // We asked for a close; the error of shutting down a socket the server closed tells us nothing.
  socket.shutdown(tcp::socket::shutdown_both, ec);
  auto res = parser.release();
  co_return Outcome{
      ClientReply{.status = static_cast<int>(res.result_int()), .body = std::move(res.body())}};
}

// True when the deadline passed. An asynchronous resolve cannot be cancelled per operation, so
// whichever way this ends (deadline, or cancelled because Talk finished or the caller gave up),
// the resolver is cancelled, which ends a resolve still running.
asio::awaitable<bool> Deadline(asio::steady_timer& timer, tcp::resolver& resolver) {
  co_await asio::this_coro::throw_if_cancelled(false);
  auto [ec] = co_await timer.async_wait(kTuple);
  resolver.cancel();
  co_return !ec;
}

// Runs on a strand: Talk and Deadline share the resolver.
asio::awaitable<Outcome> Exchange(text::HttpUrl url, std::chrono::milliseconds timeout) {
  co_await asio::this_coro::throw_if_cancelled(false);
  auto ex = co_await asio::this_coro::executor;
  tcp::resolver resolver(ex);
  tcp::socket socket(ex);
  asio::steady_timer timer(ex);
  timer.expires_after(timeout);
  auto raced = co_await (Talk(url, resolver, socket) || Deadline(timer, resolver));
  if (raced.index() == 0) {
    co_return std::get<0>(std::move(raced));
  }
  if (std::get<1>(raced)) {
    co_return Outcome{Error{Errc::kTimeout, "no reply from " + url.host + ":" + url.port +
                                                " within " + std::to_string(timeout.count()) +
                                                " ms"}};
  }
  co_return Outcome{Error{Errc::kUnavailable, "request cancelled"}};
}

}  // namespace

asio::awaitable<Result<ClientReply>> HttpGet(const std::string& url,
                                             std::chrono::milliseconds timeout) {
  auto parsed = text::ParseHttpUrl(url);
  if (!parsed) {
    co_return parsed.error();
  }
  auto strand = asio::make_strand(co_await asio::this_coro::executor);
  // The caller's cancellation reaches Exchange through co_spawn.
  Outcome outcome =
      co_await asio::co_spawn(strand, Exchange(std::move(*parsed), timeout), asio::use_awaitable);
  if (!outcome.result) {
    co_return Error{Errc::kInternal, "http client: no outcome"};
  }
  co_return std::move(*outcome.result);
}

}  // namespace lapor::http
