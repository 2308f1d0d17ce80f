#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "text/url_encoding.hpp"  // HttpUrl, UrlEncode, for callers building URLs

namespace lapor::http {

// What the server answered.
struct ClientReply {
  int status = 0;
  std::string body;
};

// One GET over a new HTTP/1.1 connection (Connection: close), for calls out to gateways.
// Resolving, connecting, writing and reading together take at most `timeout`. Any status is a
// reply, not an error: the caller decides what a 503 means. The body is read up to 64 KiB.
// Errors: kBadRequest (bad URL), kUnavailable (cannot resolve or connect, or the connection broke
// or the reply was not HTTP), kTimeout (no complete reply within `timeout`). Cancelling the
// awaiting coroutine ends the call at once with kUnavailable. Runs on its own strand of the
// caller's executor, so any coroutine may call it.
boost::asio::awaitable<Result<ClientReply>> HttpGet(const std::string& url,
                                                    std::chrono::milliseconds timeout);

}  // namespace lapor::http
