#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace lapor::http {

// The request and response types every handler sees. The body is held in memory; its size is
// bounded by Limits::max_body_bytes (server.hpp).
using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;

// The one place that maps an Errc to an HTTP status. kUnavailable and kTimeout are 503, so the
// providers that retry do; an unknown value is 500.
boost::beast::http::status StatusFor(Errc code);

// {"error": "<error.message>"} with the status from StatusFor, content type application/json,
// version and keep-alive taken from `req`. A 503 carries `Retry-After: 1`. Invalid UTF-8 in the
// message is replaced, never thrown.
Response JsonError(const Request& req, const Error& error);

// A response with `body` as is. Version and keep-alive come from `req`; Content-Length is set.
// A 503 carries `Retry-After: 1`.
Response TextResponse(const Request& req, boost::beast::http::status status, std::string body,
                      std::string_view content_type = "text/plain; charset=utf-8");

// `body` serialised (invalid UTF-8 replaced) as application/json; otherwise as TextResponse.
Response JsonResponse(const Request& req, boost::beast::http::status status,
                      const nlohmann::json& body);

}  // namespace lapor::http
