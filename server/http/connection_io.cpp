#include "http/connection_io.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
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

}  // namespace lapor::http::detail
