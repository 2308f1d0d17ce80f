#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/status.hpp>
#include <chrono>
#include <optional>

#include "http/server.hpp"

// Reading requests and writing answers on one server connection, each bounded by a deadline: the
// pieces Server's per-connection coroutine (server.cpp) is made of.
namespace lapor::http::detail {

// A connection's serial executor (SerialExecutor): its strand, or the io_context's own executor
// where one thread runs it.
using Executor = boost::asio::any_io_executor;
using Socket = boost::asio::ip::tcp::socket;

// One connection's deadline and what Stop() needs to reach it from another thread. Touched only
// on `executor`.
//
// Each phase (wait for a request, read it, write the answer, drain) sets its deadline with
// SetDeadline, and one coroutine per connection (Watch) cancels what the socket is doing once the
// deadline passes, marking the phase `expired`. Racing every read and write against a timer
// instead (`read || timer.async_wait()`) cost a parallel group (its allocations and a
// cancellation slot on each side) and a timer armed and cancelled, four times a request; here a
// phase's deadline is a comparison, and the timer is armed again only when a deadline comes
// before the one it waits for (a request after a long idle wait), or when it fires.
struct Connection {
  using Clock = std::chrono::steady_clock;
  explicit Connection(const Executor& ex) : executor(ex), timer(ex) {}

  // The current phase ends by `at` (Clock::time_point::min(): at once).
  void SetDeadline(Clock::time_point at) {
    deadline = at;
    expired = false;
    if (at < armed) {
      timer.cancel();  // the watch arms the timer again for `at`
    }
  }

  Executor executor;
  boost::asio::steady_timer timer;  // Watch's
  Clock::time_point deadline = Clock::time_point::max();
  Clock::time_point armed = Clock::time_point::max();  // when `timer` fires
  // The deadline passed: the socket's operation in flight was cancelled (it ends with
  // operation_aborted, or had ended already). Cleared by the next SetDeadline.
  bool expired = false;
  // True while the connection waits for the first byte of a request: nothing is in flight.
  bool idle = false;
};

// Watches `conn`'s deadlines on `socket` until cancelled: run beside the coroutine that serves
// the connection (`serve || Watch(...)`), which ends it.
boost::asio::awaitable<void> Watch(Connection& conn, Socket& socket);

// How reading a request ended.
struct ReadOutcome {
  bool complete = false;                             // the parser holds a whole request
  std::optional<boost::beast::http::status> refuse;  // answer this and close; neither: just close
};

// Reads one request into `parser` by the deadline already set on `conn`. The header is read
// first so that a client waiting on `Expect: 100-continue` gets its 100 (or a 413 instead).
boost::asio::awaitable<ReadOutcome> ReadRequest(
    Socket& socket, Connection& conn, boost::beast::flat_buffer& buffer,
    boost::beast::http::request_parser<boost::beast::http::string_body>& parser);

// Writes `res` within the write timeout. False when it could not be written.
boost::asio::awaitable<bool> WriteResponse(Socket& socket, Connection& conn, const Limits& limits,
                                           Response& res);

// Answers `status` and closes, after a short drain of what the client is still sending.
boost::asio::awaitable<void> Refuse(Socket& socket, Connection& conn, const Limits& limits,
                                    boost::beast::http::status status);

// Sets Content-Length and the Connection header. A response to HEAD keeps the Content-Length of
// its body but is sent without it. A response Beast cannot frame (a body on a 204 or 304) is a
// handler bug: logged and replaced by a 500.
void FinishResponse(Response& res, bool keep_alive, bool head);

std::chrono::milliseconds Millis(int ms);

}  // namespace lapor::http::detail
