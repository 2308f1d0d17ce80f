#include "routes/webhook_routes.hpp"

namespace lapor::routes {

http::Response ToResponse(const http::Request& req, const channels::ProviderReply& reply) {
  auto res = http::TextResponse(req, static_cast<boost::beast::http::status>(reply.status),
                                reply.body, reply.content_type);
  for (const auto& [name, value] : reply.headers) {
    res.set(name, value);
  }
  return res;
}

}  // namespace lapor::routes
