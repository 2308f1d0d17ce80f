#include "http/connection_io.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
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
#include <optional>
#include <string_view>

#include "common/log.hpp"
#include "http/asio_names.hpp"

namespace lapor::http::detail {

using namespace asio_names;

namespace {

// Longest time spent draining what a refused client is still sending, so that closing does not
// reset the connection before the client has read our answer.
constexpr std::chrono::milliseconds kMaxLinger{5000};

}  // namespace

std::chrono::milliseconds Millis(int ms) { return std::chrono::milliseconds(std::max(ms, 0)); }

asio::awaitable<void> Watch(Connection& conn, Socket& socket) {
  for (;;) {
    // Once expired, nothing to watch until the next phase sets a deadline (which cancels this).
    conn.armed = conn.expired ? Connection::Clock::time_point::max() : conn.deadline;
    conn.timer.expires_at(conn.armed);
    co_await conn.timer.async_wait(kTuple);  // fired, moved (cancel), or the connection ended
    if ((co_await asio::this_coro::cancellation_state).cancelled() !=
        asio::cancellation_type::none) {
      co_return;
    }
    if (!conn.expired && Connection::Clock::now() >= conn.deadline) {
      conn.expired = true;
      boost::system::error_code ec;
      socket.cancel(ec);  // nothing to do about a socket that is already gone
    }
  }
}

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
    conn.SetDeadline(Connection::Clock::now() +
                     std::min(Millis(limits.read_timeout_ms), kMaxLinger));
    std::array<char, 4096> scratch;
    for (;;) {
      const auto [read_ec, bytes] = co_await socket.async_read_some(asio::buffer(scratch), kTuple);
      (void)bytes;
      if (read_ec || conn.expired) {
        break;  // end of stream (the client closed), the connection is gone, or time is up
      }
    }
  }
  socket.close(ec);  // the error of closing a dead socket tells us nothing we can act on
}

// Writes `res` within the write timeout. False when it could not be written.
asio::awaitable<bool> WriteResponse(Socket& socket, Connection& conn, const Limits& limits,
                                    Response& res) {
  conn.SetDeadline(Connection::Clock::now() + Millis(limits.write_timeout_ms));
  const auto [ec, bytes] = co_await bhttp::async_write(socket, res, kTuple);
  (void)bytes;
  co_return !ec && !conn.expired;  // expired: the client does not read
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

// Reads one request into `parser` by the deadline already set on `conn`. The header is read
// first so that a client waiting on `Expect: 100-continue` gets its 100 (or a 413 instead).
asio::awaitable<ReadOutcome> ReadRequest(Socket& socket, Connection& conn,
                                         beast::flat_buffer& buffer,
                                         bhttp::request_parser<bhttp::string_body>& parser) {
  const auto timed_out = ReadOutcome{false, bhttp::status::request_timeout};
  const auto [header_ec, header_bytes] =
      co_await bhttp::async_read_header(socket, buffer, parser, kTuple);
  (void)header_bytes;
  if (conn.expired) {
    co_return timed_out;
  }
  if (header_ec) {
    co_return FromReadError(header_ec);
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
    const auto [sent_ec, sent_bytes] =
        co_await asio::async_write(socket, asio::buffer(kContinue), kTuple);
    (void)sent_bytes;
    if (conn.expired) {
      co_return timed_out;
    }
    if (sent_ec) {
      co_return ReadOutcome{};
    }
  }

  const auto [body_ec, body_bytes] = co_await bhttp::async_read(socket, buffer, parser, kTuple);
  (void)body_bytes;
  if (conn.expired) {
    co_return timed_out;
  }
  if (body_ec) {
    co_return FromReadError(body_ec);
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

}  // namespace lapor::http::detail
