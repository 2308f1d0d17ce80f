#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"
#include "text/url_encoding.hpp"  // HttpUrl, UrlEncode, for callers building URLs

namespace lapor::http {

// What the server answered.
struct ClientReply {
  int status = 0;
  std::string body;
};

// One call out to a gateway.
struct ClientRequest {
  std::string method = "GET";                                // GET or POST
  std::string url;                                           // http://... or https://...
  std::vector<std::pair<std::string, std::string>> headers;  // sent as given, after Host
  std::string body;                                          // POST: sent with Content-Length
  // https: a PEM file of the certificates to trust instead of the system's (a gateway with a
  // private CA, tests). "" trusts the system's store (/etc/ssl/certs).
  std::string ca_file;
};

// One request over a new HTTP/1.1 connection (Connection: close). https:// is TLS (1.2 or
// later) with the server's certificate checked against the trusted certificates and the URL's
// host name. Resolving, connecting, the handshake, writing and reading together take at most
// `timeout`. Any status is a reply, not an error: the caller decides what a 503 means. The body
// is read up to 64 KiB.
// Errors: kBadRequest (bad URL or method), kUnavailable (cannot resolve or connect, a TLS
// handshake or certificate that fails, the connection broke or the reply was not HTTP),
// kTimeout (no complete reply within `timeout`). Cancelling the awaiting coroutine ends the call
// at once with kUnavailable. Runs on its own strand of the caller's executor, so any coroutine
// may call it.
boost::asio::awaitable<Result<ClientReply>> HttpCall(ClientRequest request,
                                                     std::chrono::milliseconds timeout);

// HttpCall of a GET of `url`.
boost::asio::awaitable<Result<ClientReply>> HttpGet(const std::string& url,
                                                    std::chrono::milliseconds timeout);

}  // namespace lapor::http
