#pragma once

#include <boost/asio/awaitable.hpp>

#include "admin/token_book.hpp"
#include "common/live.hpp"
#include "http/router.hpp"
#include "routes/admin_auth.hpp"
#include "store/token_store.hpp"

namespace lapor::routes {

// What the tokens API uses; all outlive it.
struct TokenParts {
  store::TokenStore& store;
  Live<admin::TokenBook>& book;  // in force; replaced after each change
  const admin::TokenSet& file;   // admin.tokens_file, loaded at start
  const Clock& clock;
  const AdminAuth& auth;
};

// The tokens API, role token_admin:
//
//   GET  /admin/v1/tokens                 {"tokens": [{name, role, source, created_at, created_by,
//                                         last_used_at, revoked_at}]}: never a token or a hash
//   POST /admin/v1/tokens                 {"name", "role"} -> 201 {"name", "role", "token"}: the
//                                         token shown once; 400 bad name or role, 409 name taken
//   POST /admin/v1/tokens/{name}/revoke   -> {"name", "revoked_at"}; 404 no such name
//
// A change is in force here at once and on every other instance when its poll sees the new
// version (app/live_edits), well within a second.
class TokenRoutes {
 public:
  explicit TokenRoutes(TokenParts parts) : p_(std::move(parts)) {}
  void Register(http::Router& router);

 private:
  using Handler = boost::asio::awaitable<http::Response>;
  Handler List(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  Handler Create(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  Handler Revoke(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  // The book as the store has it now, put in force.
  boost::asio::awaitable<Result<std::shared_ptr<const admin::TokenBook>>> Reload();

  TokenParts p_;
};

// The book of `file` and what `store` holds now. Errors: the store's.
boost::asio::awaitable<Result<std::shared_ptr<const admin::TokenBook>>> LoadBook(
    store::TokenStore& store, const admin::TokenSet& file);

}  // namespace lapor::routes
