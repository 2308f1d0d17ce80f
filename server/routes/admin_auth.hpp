#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <optional>

#include "admin/token_book.hpp"
#include "cases/workflow.hpp"
#include "common/clock.hpp"
#include "common/live.hpp"
#include "http/router.hpp"
#include "store/token_store.hpp"

namespace lapor::routes {

// Who may sign in to the officials' API: the tokens in force (they change live) and where a
// sign-in is noted (null: not noted).
struct AdminAuth {
  const Live<admin::TokenBook>& tokens;
  store::TokenStore* store = nullptr;
  const Clock& clock;
};

using ActorHandler = std::function<boost::asio::awaitable<http::Response>(
    http::Request&, http::RouteContext&, const cases::Actor&)>;

// 401 with `WWW-Authenticate: Bearer` for an error of Authenticate.
http::Response Unauthorized(const http::Request& req, const Error& error);

// A route that answers 401 without a token in force, 403 when `role` is given and the token's
// role is another, and otherwise notes the sign-in and calls `handler` with the official.
http::RouteHandler Authorized(const AdminAuth& auth, std::optional<cases::Role> role,
                              ActorHandler handler);

// Authorized(...) of `(self->*method)(req, ctx, actor)`: a handler that is a member function.
template <typename Self, typename Method>
http::RouteHandler Authorized(const AdminAuth& auth, std::optional<cases::Role> role, Self* self,
                              Method method) {
  return Authorized(
      auth, role,
      [self, method](http::Request& req, http::RouteContext& ctx,
                     const cases::Actor& actor) -> boost::asio::awaitable<http::Response> {
        co_return co_await (self->*method)(req, ctx, actor);
      });
}

}  // namespace lapor::routes
