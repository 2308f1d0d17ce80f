#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "http/percent_encoding.hpp"  // UrlEncode, for callers building URLs

namespace lapor::http {

// Where an http:// URL points: host (brackets of an IPv6 literal removed), port (80 when not
// given) and the request target (path and query; "/" when the URL has no path).
struct HttpUrl {
  std::string host;
  std::string port;
  std::string target;
};

// Parses "http://host[:port][/path][?query]". Fails with kBadRequest naming what is wrong
// (another scheme such as https, user info, no host, a bad port). The message never repeats the
// URL, which may carry credentials in its query.
Result<HttpUrl> ParseHttpUrl(std::string_view url);

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
