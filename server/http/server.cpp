#include "http/server.hpp"

#include <algorithm>
#include <array>
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
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
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
#include "text/url_encoding.hpp"

// Threading: one io_context run by N threads, one strand per connection (as the brief for this
// layer asks, rather than DESIGN.md's io_context per thread with SO_REUSEPORT). Asio then resumes
// each ready connection on whichever thread is free, so one slow handler does not hold up the
// connections SO_REUSEPORT would have hashed to its thread, and Stop() and the connection count
// live in one place. The cost is Asio's shared scheduler queue; our own code takes no lock per
// request (the registry's mutex is taken when a connection opens or closes, and by Stop()).

namespace lapor::http {
namespace detail {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Executor = asio::strand<asio::io_context::executor_type>;

// What Stop() needs to reach a connection from another thread. Touched only on `strand`.
struct Connection {
  explicit Connection(const Executor& ex) : strand(ex), timer(ex) {}
  Executor strand;
  // The deadline of the current phase (wait for a request, read it, write the answer, drain).
  asio::steady_timer timer;
  // True while the connection waits for the first byte of a request: nothing is in flight.
  bool idle = false;
};

struct ServerState {
  ServerState(asio::io_context& io_context, Limits server_limits, Handler request_handler)
      : io(io_context),
        limits(server_limits),
        handler(std::move(request_handler)),
        acceptor(asio::make_strand(io_context)) {}

  asio::io_context& io;
  const Limits limits;
  const Handler handler;
  tcp::acceptor acceptor;  // on its own strand; touched by Listen() before accepting starts
  std::atomic<uint16_t> port{0};
  std::atomic<bool> listening{false};
  std::atomic<bool> stopping{false};
  std::atomic<size_t> open{0};       // connections being served
  std::atomic<size_t> rejecting{0};  // connections being answered 503

  std::mutex mutex;
  std::unordered_set<std::shared_ptr<Connection>> connections;  // guarded by mutex
};

}  // namespace detail

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using detail::Connection;
using detail::Executor;
using detail::ServerState;
using SteadyClock = std::chrono::steady_clock;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using asio::experimental::awaitable_operators::operator||;

// Completion token: errors come back as values, never as exceptions.
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// Longest time spent draining what a refused client is still sending, so that closing does not
// reset the connection before the client has read our answer.
constexpr std::chrono::milliseconds kMaxLinger{5000};

// Read buffer an idle keep-alive connection may keep; a larger one is freed while it waits.
constexpr size_t kIdleBufferBytes = 4096;

std::chrono::milliseconds Millis(int ms) { return std::chrono::milliseconds(std::max(ms, 0)); }

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

// Counts a served connection and registers it for Stop(); undoes both when the connection's
// coroutine ends or is destroyed without running. Move-only.
class OpenConnection {
 public:
  OpenConnection(std::shared_ptr<ServerState> state, std::shared_ptr<Connection> conn)
      : state_(std::move(state)), conn_(std::move(conn)) {
    state_->open.fetch_add(1);
    std::lock_guard lock(state_->mutex);
    state_->connections.insert(conn_);
  }
  OpenConnection(OpenConnection&& other) noexcept
      : state_(std::move(other.state_)), conn_(std::move(other.conn_)) {}
  OpenConnection& operator=(OpenConnection&&) = delete;
  ~OpenConnection() {
    if (!state_) {
      return;
    }
    {
      std::lock_guard lock(state_->mutex);
      state_->connections.erase(conn_);
    }
    state_->open.fetch_sub(1);
  }

 private:
  std::shared_ptr<ServerState> state_;
  std::shared_ptr<Connection> conn_;
};

// Counts a connection being answered 503. Move-only.
class RejectingConnection {
 public:
  explicit RejectingConnection(std::shared_ptr<ServerState> state) : state_(std::move(state)) {
    state_->rejecting.fetch_add(1);
  }
  RejectingConnection(RejectingConnection&& other) noexcept : state_(std::move(other.state_)) {}
  RejectingConnection& operator=(RejectingConnection&&) = delete;
  ~RejectingConnection() {
    if (state_) {
      state_->rejecting.fetch_sub(1);
    }
  }

 private:
  std::shared_ptr<ServerState> state_;
};

// A short plain-text answer to a request we will not serve, followed by a close.
Response Refusal(bhttp::status status) {
  std::string_view body = "bad request\n";
  switch (status) {
    case bhttp::status::request_timeout:
      body = "request timeout\n";
      break;
    case bhttp::status::payload_too_large:
      body = "request body too large\n";
      break;
    case bhttp::status::request_header_fields_too_large:
      body = "request header too large\n";
      break;
    case bhttp::status::service_unavailable:
      body = "server busy, try again\n";
      break;
    default:
      break;
  }
  Request closing;
  closing.version(11);
  closing.keep_alive(false);
  return TextResponse(closing, status, std::string(body));  // sets Retry-After on 503
}

// Closes after a refusal: stop sending, then read and drop what the client still sends for a
// while. Closing a socket with unread input makes the kernel send a reset, and the client may
// lose our answer before reading it.
asio::awaitable<void> LingeringClose(Socket& socket, Connection& conn, const Limits& limits) {
  boost::system::error_code ec;
  socket.shutdown(tcp::socket::shutdown_send, ec);
  if (!ec) {
    conn.timer.expires_after(std::min(Millis(limits.read_timeout_ms), kMaxLinger));
    std::array<char, 4096> scratch;
    for (;;) {
      auto drained = co_await (socket.async_read_some(asio::buffer(scratch), kTuple) ||
                               conn.timer.async_wait(kTuple));
      if (drained.index() != 0) {
        break;  // linger time is up
      }
      const auto [read_ec, bytes] = std::get<0>(drained);
      (void)bytes;
      if (read_ec) {
        break;  // end of stream (the client closed), or the connection is gone
      }
    }
  }
  socket.close(ec);  // the error of closing a dead socket tells us nothing we can act on
}

// Writes `res` within the write timeout. False when it could not be written.
asio::awaitable<bool> WriteResponse(Socket& socket, Connection& conn, const Limits& limits,
                                    Response& res) {
  conn.timer.expires_after(Millis(limits.write_timeout_ms));
  auto written =
      co_await (bhttp::async_write(socket, res, kTuple) || conn.timer.async_wait(kTuple));
  if (written.index() != 0) {
    co_return false;  // the client does not read
  }
  const auto [ec, bytes] = std::get<0>(written);
  (void)bytes;
  co_return !ec;
}

// Answers `status` and closes.
asio::awaitable<void> Refuse(Socket& socket, Connection& conn, const Limits& limits,
                             bhttp::status status) {
  Response res = Refusal(status);
  if (co_await WriteResponse(socket, conn, limits, res)) {
    co_await LingeringClose(socket, conn, limits);
  } else {
    boost::system::error_code ec;
    socket.close(ec);  // nothing more to do with a client that does not read
  }
}

// How reading a request ended.
struct ReadOutcome {
  bool complete = false;                // the parser holds a whole request
  std::optional<bhttp::status> refuse;  // answer this and close; neither: just close
};

ReadOutcome FromReadError(const boost::system::error_code& ec) {
  if (ec == bhttp::error::header_limit) {
    return {false, bhttp::status::request_header_fields_too_large};
  }
  if (ec == bhttp::error::body_limit) {
    return {false, bhttp::status::payload_too_large};
  }
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) {
    return {};  // the client closed before or during a request: nobody to answer
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category()) {
    return {false, bhttp::status::bad_request};
  }
  return {};  // reset, broken pipe...: the connection is gone
}

bool ExpectsContinue(const Request& header) {
  if (header.version() < 11) {
    return false;
  }
  const auto expect = header[bhttp::field::expect];
  return beast::iequals(expect, "100-continue");
}

// Reads one request into `parser` by the deadline already set on conn.timer. The header is read
// first so that a client waiting on `Expect: 100-continue` gets its 100 (or a 413 instead).
asio::awaitable<ReadOutcome> ReadRequest(Socket& socket, Connection& conn,
                                         beast::flat_buffer& buffer,
                                         bhttp::request_parser<bhttp::string_body>& parser) {
  auto header = co_await (bhttp::async_read_header(socket, buffer, parser, kTuple) ||
                          conn.timer.async_wait(kTuple));
  if (header.index() != 0) {
    co_return ReadOutcome{false, bhttp::status::request_timeout};
  }
  if (const auto [ec, bytes] = std::get<0>(header); ec) {
    (void)bytes;
    co_return FromReadError(ec);
  }
  // RFC 9112 6.3: a request whose Transfer-Encoding does not end in chunked has no knowable
  // length; the body would be read as the next request (smuggling behind a proxy). Beast already
  // refuses Content-Length together with chunked.
  if (parser.get().count(bhttp::field::transfer_encoding) != 0 && !parser.chunked()) {
    co_return ReadOutcome{false, bhttp::status::bad_request};
  }
  if (parser.is_done()) {
    co_return ReadOutcome{true, std::nullopt};
  }

  if (ExpectsContinue(parser.get())) {
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    auto sent = co_await (asio::async_write(socket, asio::buffer(kContinue), kTuple) ||
                          conn.timer.async_wait(kTuple));
    if (sent.index() != 0) {
      co_return ReadOutcome{false, bhttp::status::request_timeout};
    }
    if (const auto [ec, bytes] = std::get<0>(sent); ec) {
      (void)bytes;
      co_return ReadOutcome{};
    }
  }

  auto body =
      co_await (bhttp::async_read(socket, buffer, parser, kTuple) || conn.timer.async_wait(kTuple));
  if (body.index() != 0) {
    co_return ReadOutcome{false, bhttp::status::request_timeout};
  }
  if (const auto [ec, bytes] = std::get<0>(body); ec) {
    (void)bytes;
    co_return FromReadError(ec);
  }
  co_return ReadOutcome{true, std::nullopt};
}

// Sets Content-Length and the Connection header. A response to HEAD keeps the Content-Length of
// its body but is sent without it. A response Beast cannot frame (a body on a 204 or 304) is a
// handler bug: logged and replaced by a 500.
void FinishResponse(Response& res, bool keep_alive, bool head) {
  res.keep_alive(keep_alive);
  try {
    res.prepare_payload();
  } catch (const std::exception& e) {
    log::Error("http_response_unframeable",
               {{"status", static_cast<unsigned>(res.result())}, {"what", e.what()}});
    Request original;
    original.version(res.version());
    original.keep_alive(keep_alive);
    res = JsonError(original, Error{Errc::kInternal, "internal error"});
  }
  if (head) {
    res.body().clear();
  }
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

// One connection: wait for a request, read it, answer it, and again while keep-alive holds.
asio::awaitable<void> Serve(std::shared_ptr<ServerState> state, Socket socket,
                            std::shared_ptr<Connection> conn, OpenConnection registration) {
  (void)registration;  // held for the lifetime of this coroutine
  const Limits& limits = state->limits;

  Peer peer;
  {
    boost::system::error_code ec;
    const tcp::endpoint remote = socket.remote_endpoint(ec);
    if (ec) {
      co_return;  // already disconnected
    }
    asio::ip::address address = remote.address();
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
      // A dual-stack listener sees IPv4 clients as ::ffff:a.b.c.d; show them as a.b.c.d.
      address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
    }
    peer.address = address.to_string();
  }

  beast::flat_buffer buffer;
  // The first request must be complete read_timeout_ms after accept, its first byte included;
  // later ones read_timeout_ms after their first byte.
  const SteadyClock::time_point accepted_at = SteadyClock::now();
  bool first = true;

  while (!state->stopping.load()) {
    if (buffer.size() == 0) {
      // Wait for the next request without holding a read buffer. Stop() may end this wait.
      if (buffer.capacity() > kIdleBufferBytes) {
        buffer.shrink_to_fit();  // a large body grew it; idle connections should stay small
      }
      conn->timer.expires_at(first ? accepted_at + Millis(limits.read_timeout_ms)
                                   : SteadyClock::now() + Millis(limits.idle_timeout_ms));
      conn->idle = true;
      auto woke =
          co_await (socket.async_wait(Socket::wait_read, kTuple) || conn->timer.async_wait(kTuple));
      conn->idle = false;
      if (woke.index() != 0) {
        break;  // idle timeout or Stop(): close without a word
      }
      if (const auto [ec] = std::get<0>(woke); ec) {
        break;
      }
    }

    conn->timer.expires_at(first ? accepted_at + Millis(limits.read_timeout_ms)
                                 : SteadyClock::now() + Millis(limits.read_timeout_ms));
    first = false;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<uint32_t>(
        std::min<size_t>(limits.max_header_bytes, std::numeric_limits<uint32_t>::max())));
    parser.body_limit(static_cast<uint64_t>(limits.max_body_bytes));
    const ReadOutcome outcome = co_await ReadRequest(socket, *conn, buffer, parser);
    if (!outcome.complete) {
      if (outcome.refuse) {
        co_await Refuse(socket, *conn, limits, *outcome.refuse);
      }
      break;
    }

    Request req = parser.release();
    const bool client_keeps_alive = req.keep_alive();
    const bool head = req.method() == bhttp::verb::head;
    Response res = co_await CallHandler(*state, req, peer);
    const bool keep_alive = client_keeps_alive && res.keep_alive() && !state->stopping.load();
    FinishResponse(res, keep_alive, head);
    if (!co_await WriteResponse(socket, *conn, limits, res)) {
      break;
    }
    if (!keep_alive) {
      // A clean end: FIN after the answer. An error means the client is gone already; the socket
      // is closed below either way.
      boost::system::error_code ec;
      socket.shutdown(tcp::socket::shutdown_send, ec);
      break;
    }
  }
  boost::system::error_code ec;
  socket.close(ec);  // may already be closed; nothing to do about an error here
}

// Answers 503 to a connection over the cap and closes it.
asio::awaitable<void> Reject(std::shared_ptr<ServerState> state, Socket socket,
                             std::shared_ptr<Connection> conn, RejectingConnection counted) {
  (void)counted;
  co_await Refuse(socket, *conn, state->limits, bhttp::status::service_unavailable);
}

asio::awaitable<void> AcceptLoop(std::shared_ptr<ServerState> state) {
  asio::steady_timer backoff(co_await asio::this_coro::executor);
  const size_t max_connections = MaxConnections(state->limits);
  for (;;) {
    auto [ec, socket] = co_await state->acceptor.async_accept(asio::make_strand(state->io), kTuple);
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
    if (state->open.load() >= max_connections) {
      // Answered, never queued. Past a second cap the 503s themselves would pile up: close.
      if (state->rejecting.load() >= std::max<size_t>(max_connections, 1)) {
        boost::system::error_code close_ec;
        socket.close(close_ec);
        continue;
      }
      asio::co_spawn(conn->strand,
                     Reject(state, std::move(socket), conn, RejectingConnection(state)),
                     LogEscaped("http_reject_failed"));
      continue;
    }
    // Only this loop adds to `open`, so the check above cannot be overtaken.
    asio::co_spawn(conn->strand, Serve(state, std::move(socket), conn, OpenConnection(state, conn)),
                   LogEscaped("http_connection_failed"));
  }
}

}  // namespace

Server::Server(boost::asio::io_context& io, Limits limits, Handler handler)
    : state_(std::make_shared<detail::ServerState>(io, limits, std::move(handler))) {}

Server::~Server() { Stop(); }

Result<Ok> Server::Listen(const std::string& address, uint16_t port) {
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
    asio::post(conn->strand, [conn] {
      if (conn->idle) {
        // Moving the deadline into the past (not cancel()) also ends a wait that has been asked
        // for but not yet started.
        conn->timer.expires_at(SteadyClock::time_point::min());
      }
    });
  }
}

}  // namespace lapor::http
