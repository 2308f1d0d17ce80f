#include "http/status.hpp"

#include <boost/beast/http/field.hpp>
#include <nlohmann/json.hpp>
#include <utility>

namespace lapor::http {
namespace bhttp = boost::beast::http;

bhttp::status StatusFor(Errc code) {
  switch (code) {
    case Errc::kBadRequest:
      return bhttp::status::bad_request;
    case Errc::kUnauthorized:
      return bhttp::status::unauthorized;
    case Errc::kForbidden:
      return bhttp::status::forbidden;
    case Errc::kNotFound:
      return bhttp::status::not_found;
    case Errc::kMethodNotAllowed:
      return bhttp::status::method_not_allowed;
    case Errc::kConflict:
      return bhttp::status::conflict;
    case Errc::kPayloadTooLarge:
      return bhttp::status::payload_too_large;
    case Errc::kUnsupportedMedia:
      return bhttp::status::unsupported_media_type;
    case Errc::kUnprocessable:
      return bhttp::status::unprocessable_entity;
    case Errc::kTooManyRequests:
      return bhttp::status::too_many_requests;
    case Errc::kUnavailable:
    case Errc::kTimeout:
      return bhttp::status::service_unavailable;
    case Errc::kInternal:
      return bhttp::status::internal_server_error;
  }
  return bhttp::status::internal_server_error;
}

Response TextResponse(const Request& req, bhttp::status status, std::string body,
                      std::string_view content_type) {
  Response res{status, req.version()};
  res.set(bhttp::field::content_type, content_type);
  if (status == bhttp::status::service_unavailable) {
    res.set(bhttp::field::retry_after, "1");
  }
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response JsonResponse(const Request& req, bhttp::status status, const nlohmann::json& body) {
  return TextResponse(req, status,
                      body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                      "application/json");
}

Response JsonError(const Request& req, const Error& error) {
  return JsonResponse(req, StatusFor(error.code), nlohmann::json{{"error", error.message}});
}

}  // namespace lapor::http
