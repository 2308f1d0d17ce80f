#include "http/server.hpp"

#include <algorithm>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <chrono>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/log.hpp"
#include "http/asio_names.hpp"
#include "http/connection_io.hpp"
#include "http/server_state.hpp"
#include "text/url_encoding.hpp"

// Threading: a Server serves one io_context; each connection has its own strand of it, so the
// io_context may be run by any number of threads. The service runs one io_context per thread
// (app/web_shard.hpp), one Server on each, all on one port with SO_REUSEPORT, built with
// RunBy::kOneThread: there a connection runs on the io_context's own executor, no strand. Our
// own code takes no lock per request (the registry's mutex is taken when a connection opens or
// closes, and by Stop()).

namespace lapor::http {
namespace {

using namespace asio_names;

using detail::Connection;
using detail::Executor;
using detail::OpenConnection;
using detail::RejectingConnection;
using detail::ServerState;
using SteadyClock = std::chrono::steady_clock;
using detail::ReadOutcome;
using detail::Socket;

// Read buffer an idle keep-alive connection may keep; a larger one is freed while it waits.
constexpr size_t kIdleBufferBytes = 4096;
// What the first read of a request asks for: a whole webhook request fits (Beast reads the rest).
constexpr size_t kFirstReadBytes = 1536;

using detail::FinishResponse;
using detail::Millis;
using detail::ReadRequest;
using detail::Refuse;
using detail::WriteResponse;

size_t MaxConnections(const Limits& limits) {
  return static_cast<size_t>(std::max(limits.max_connections, 0));
}

// Logs an exception that escaped a connection's coroutine (a bug: the coroutines catch what the
// handler throws and take errors as values). The server keeps serving.
auto LogEscaped(std::string_view event) {
  return [event](std::exception_ptr error) {
    if (!error) {
      return;
    }
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      log::Error(event, {{"what", e.what()}});
    } catch (...) {
      log::Error(event, {{"what", "unknown exception"}});
    }
  };
}

// Calls the handler; whatever it throws becomes a logged 500.
asio::awaitable<Response> CallHandler(const ServerState& state, Request& req, const Peer& peer) {
  // Taken before the call: the handler may move the request's parts away.
  const unsigned version = req.version();
  const bool keep_alive = req.keep_alive();
  const bhttp::verb method = req.method();
  const std::string path(
      text::SplitTarget(req.target()).first);  // the query may hold phone numbers

  std::string what;
  try {
    co_return co_await state.handler(req, peer);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
    what = "unknown exception";
  }
  log::Error("http_handler_threw",
             {{"method", std::string(bhttp::to_string(method))}, {"path", path}, {"what", what}});
  Request original;
  original.version(version);
  original.keep_alive(keep_alive);
  co_return JsonError(original, Error{Errc::kInternal, "internal error"});
}

// Who is at the other end; nullopt when the client is gone already.
std::optional<Peer> PeerOf(const Socket& socket) {
  boost::system::error_code ec;
  const tcp::endpoint remote = socket.remote_endpoint(ec);
  if (ec) {
    return std::nullopt;
  }
  asio::ip::address address = remote.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    // A dual-stack listener sees IPv4 clients as ::ffff:a.b.c.d; show them as a.b.c.d.
    address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  }
  return Peer{.address = address.to_string()};
}

// Reads the next request's first bytes into `buffer`, until `deadline`. False: the deadline (idle
// timeout or Stop()) or the client ended it. A read rather than a wait for readability: Asio arms
// a wait with an epoll_ctl each time, while a read after a read that drained the socket costs no
// syscall until data comes (the descriptor stays registered, edge-triggered).
asio::awaitable<bool> AwaitRequest(Socket& socket, Connection& conn, beast::flat_buffer& buffer,
                                   SteadyClock::time_point deadline) {
  if (buffer.capacity() > kIdleBufferBytes) {
    buffer.shrink_to_fit();  // a large body grew it; idle connections should stay small
  }
  conn.SetDeadline(deadline);
  conn.idle = true;
  const auto [ec, bytes] = co_await socket.async_read_some(buffer.prepare(kFirstReadBytes), kTuple);
  conn.idle = false;
  buffer.commit(bytes);
  co_return !ec && bytes > 0 && !conn.expired;
}

// Wait for a request, read it, answer it, and again while keep-alive holds.
asio::awaitable<void> ServeRequests(ServerState& state, Socket& socket, Connection& conn,
                                    const Peer& peer) {
  const Limits& limits = state.limits;
  beast::flat_buffer buffer;
  // The first request must be complete read_timeout_ms after accept, its first byte included;
  // later ones read_timeout_ms after their first byte.
  const SteadyClock::time_point accepted_at = SteadyClock::now();
  bool first = true;
  while (!state.stopping.load()) {
    const auto idle_until = first ? accepted_at + Millis(limits.read_timeout_ms)
                                  : SteadyClock::now() + Millis(limits.idle_timeout_ms);
    if (buffer.size() == 0 && !co_await AwaitRequest(socket, conn, buffer, idle_until)) {
      break;  // idle timeout or Stop(): close without a word
    }
    conn.SetDeadline(first ? accepted_at + Millis(limits.read_timeout_ms)
                           : SteadyClock::now() + Millis(limits.read_timeout_ms));
    first = false;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<uint32_t>(
        std::min<size_t>(limits.max_header_bytes, std::numeric_limits<uint32_t>::max())));
    parser.body_limit(static_cast<uint64_t>(limits.max_body_bytes));
    const ReadOutcome outcome = co_await ReadRequest(socket, conn, buffer, parser);
    if (!outcome.complete) {
      if (outcome.refuse) {
        co_await Refuse(socket, conn, limits, *outcome.refuse);
      }
      break;
    }
    Request req = parser.release();
    const bool client_keeps_alive = req.keep_alive();
    const bool head = req.method() == bhttp::verb::head;
    Response res = co_await CallHandler(state, req, peer);
    const bool keep_alive = client_keeps_alive && res.keep_alive() && !state.stopping.load();
    FinishResponse(res, keep_alive, head);
    if (!co_await WriteResponse(socket, conn, limits, res) || !keep_alive) {
      // Not kept alive: a clean end, FIN after the answer (an error means the client is gone).
      boost::system::error_code ec;
      socket.shutdown(tcp::socket::shutdown_send, ec);
      break;
    }
  }
}

// One connection, its deadlines watched (detail::Watch) until it is served.
asio::awaitable<void> Serve(std::shared_ptr<ServerState> state, Socket socket,
                            std::shared_ptr<Connection> conn, Peer peer,
                            OpenConnection registration) {
  (void)registration;  // held for the lifetime of this coroutine
  co_await (ServeRequests(*state, socket, *conn, peer) || detail::Watch(*conn, socket));
  boost::system::error_code ec;
  socket.close(ec);  // may already be closed; nothing to do about an error here
}

// Answers 503 to a connection over the cap and closes it.
asio::awaitable<void> Reject(std::shared_ptr<ServerState> state, Socket socket,
                             std::shared_ptr<Connection> conn, RejectingConnection counted) {
  (void)counted;
  co_await (Refuse(socket, *conn, state->limits, bhttp::status::service_unavailable) ||
            detail::Watch(*conn, socket));
}

asio::awaitable<void> AcceptLoop(std::shared_ptr<ServerState> state) {
  asio::steady_timer backoff(co_await asio::this_coro::executor);
  const size_t max_connections = MaxConnections(state->limits);
  for (;;) {
    auto [ec, socket] =
        co_await state->acceptor.async_accept(SerialExecutor(state->io, state->run_by), kTuple);
    if (state->stopping.load()) {
      co_return;  // a socket accepted just now closes as it goes out of scope
    }
    if (ec) {
      if (ec == asio::error::operation_aborted) {
        co_return;
      }
      // Out of file descriptors and the like: wait a little rather than spin on the error.
      log::Warn("http_accept_failed", {{"error", ec.message()}});
      backoff.expires_after(std::chrono::milliseconds(50));
      if (const auto [wait_ec] = co_await backoff.async_wait(kTuple); wait_ec) {
        co_return;
      }
      continue;
    }

    auto conn = std::make_shared<Connection>(socket.get_executor());
    std::optional<Peer> peer = PeerOf(socket);
    if (!peer) {
      continue;  // gone already
    }
    OpenConnection registration(state, conn, peer->address, max_connections);
    if (!registration.admitted()) {
      // Over the cap, or one address holding its share: answered, never queued. Past a second
      // cap the 503s themselves would pile up: close.
      if (state->rejecting.load() >= std::max<size_t>(max_connections, 1)) {
        boost::system::error_code close_ec;
        socket.close(close_ec);
        continue;
      }
      asio::co_spawn(conn->executor,
                     Reject(state, std::move(socket), conn, RejectingConnection(state)),
                     LogEscaped("http_reject_failed"));
      continue;
    }
    asio::co_spawn(conn->executor,
                   Serve(state, std::move(socket), conn, std::move(*peer), std::move(registration)),
                   LogEscaped("http_connection_failed"));
  }
}

}  // namespace

std::shared_ptr<ConnectionShare> NewConnectionShare() {
  return std::make_shared<ConnectionShare>();
}

Server::Server(boost::asio::io_context& io, Limits limits, Handler handler,
               std::shared_ptr<ConnectionShare> share, RunBy run_by)
    : state_(std::make_shared<detail::ServerState>(io, limits, std::move(handler), std::move(share),
                                                   run_by)) {}

Server::~Server() { Stop(); }

Result<Ok> Server::Listen(const std::string& address, uint16_t port, PortSharing sharing) {
  detail::ServerState& state = *state_;
  if (state.stopping.load()) {
    return Error{Errc::kUnavailable, "server is stopped"};
  }
  if (state.listening.exchange(true)) {
    return Error{Errc::kInternal, "server is already listening"};
  }

  boost::system::error_code ec;
  const asio::ip::address ip = asio::ip::make_address(address, ec);
  if (ec) {
    state.listening.store(false);
    return Error{Errc::kBadRequest, "bad listen address \"" + address + "\""};
  }
  const tcp::endpoint endpoint(ip, port);
  const std::string where = address + ":" + std::to_string(port);
  auto fail = [&](std::string_view step) -> Error {
    boost::system::error_code close_ec;
    state.acceptor.close(close_ec);
    state.listening.store(false);
    return Error{Errc::kUnavailable, std::string(step) + " " + where + ": " + ec.message()};
  };

  state.acceptor.open(endpoint.protocol(), ec);
  if (ec) {
    return fail("open");
  }
  // Lets a restarted server bind while old connections sit in TIME_WAIT.
  state.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (ec) {
    return fail("set SO_REUSEADDR on");
  }
  if (sharing == PortSharing::kFirst && port != 0) {
    // Bound without SO_REUSEPORT, so it fails on a port that any socket listens on. (Port 0 needs
    // no check: the kernel never picks a port in use for it, SO_REUSEPORT or not.)
    tcp::acceptor probe(state.io);
    probe.open(endpoint.protocol(), ec);
    if (!ec) {
      probe.set_option(asio::socket_base::reuse_address(true), ec);
    }
    if (!ec) {
      probe.bind(endpoint, ec);
    }
    if (ec) {
      return fail("bind");
    }
  }
  if (sharing != PortSharing::kAlone) {
    state.acceptor.set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true),
                              ec);
    if (ec) {
      return fail("set SO_REUSEPORT on");
    }
  }
  state.acceptor.bind(endpoint, ec);
  if (ec) {
    return fail("bind");
  }
  state.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return fail("listen on");
  }
  const tcp::endpoint local = state.acceptor.local_endpoint(ec);
  if (ec) {
    return fail("read the port of");
  }
  state.port.store(local.port());

  asio::co_spawn(state.acceptor.get_executor(), AcceptLoop(state_),
                 LogEscaped("http_accept_loop_failed"));
  log::Info("http_listening", {{"address", address}, {"port", local.port()}});
  return Ok{};
}

uint16_t Server::port() const { return state_->port.load(); }

size_t Server::open_connections() const { return state_->open.load(); }

void Server::Stop() {
  if (state_->stopping.exchange(true)) {
    return;
  }
  asio::post(state_->acceptor.get_executor(), [state = state_] {
    boost::system::error_code ec;
    state->acceptor.close(ec);
    if (ec) {
      log::Warn("http_acceptor_close_failed", {{"error", ec.message()}});
    }
  });

  std::vector<std::shared_ptr<Connection>> connections;
  {
    std::lock_guard lock(state_->mutex);
    connections.assign(state_->connections.begin(), state_->connections.end());
  }
  for (std::shared_ptr<Connection>& conn : connections) {
    asio::post(conn->executor, [conn] {
      if (conn->idle) {
        conn->SetDeadline(SteadyClock::time_point::min());  // the watch ends the wait at once
      }
    });
  }
}

}  // namespace lapor::http
