#include "routes/admin_auth.hpp"

#include <boost/beast/http/field.hpp>

namespace lapor::routes {

namespace bhttp = boost::beast::http;
using boost::asio::awaitable;

http::Response Unauthorized(const http::Request& req, const Error& error) {
  auto res = http::JsonError(req, error);
  res.set(bhttp::field::www_authenticate, "Bearer realm=\"lapor1708\"");
  return res;
}

http::RouteHandler Authorized(const AdminAuth& auth, std::optional<cases::Role> role,
                              ActorHandler handler) {
  return [&auth, role, handler = std::move(handler)](
             http::Request& req, http::RouteContext& ctx) -> awaitable<http::Response> {
    auto actor = admin::Authenticate(*auth.tokens.Get(), req[bhttp::field::authorization]);
    if (!actor) {
      co_return Unauthorized(req, actor.error());
    }
    if (role && actor->role != *role) {
      Error refused{Errc::kForbidden, "this needs the role " + std::string(cases::RoleName(*role))};
      co_return http::JsonError(req, refused);
    }
    if (auth.store != nullptr) {
      // Only for the list's "last used": a failure here must not refuse the official.
      (void)co_await auth.store->Touch(actor->name, auth.clock.Now());
    }
    co_return co_await handler(req, ctx, *actor);
  };
}

}  // namespace lapor::routes
