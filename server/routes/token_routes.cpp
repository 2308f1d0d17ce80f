#include "routes/token_routes.hpp"

#include "common/log.hpp"

namespace lapor::routes {
namespace {

namespace bhttp = boost::beast::http;
using boost::asio::awaitable;
using nlohmann::json;

}  // namespace

awaitable<Result<std::shared_ptr<const admin::TokenBook>>> LoadBook(store::TokenStore& store,
                                                                    const admin::TokenSet& file) {
  auto records = co_await store.Load();
  if (!records) {
    co_return records.error();
  }
  size_t skipped = 0;
  auto book = std::make_shared<const admin::TokenBook>(admin::BookFrom(
      file, records->records, std::move(records->revoked), std::move(records->last_use), &skipped));
  if (skipped > 0) {
    log::Warn("token_records_unreadable", {{"count", skipped}});
  }
  co_return book;
}

void TokenRoutes::Register(http::Router& router) {
  auto route = [this](auto method) {
    return Authorized(p_.auth, cases::Role::kTokenAdmin, this, method);
  };
  const std::string root = "/admin/v1/tokens";
  router.Add(bhttp::verb::get, root, route(&TokenRoutes::List));
  router.Add(bhttp::verb::post, root, route(&TokenRoutes::Create),
             {.media_type = "application/json"});
  router.Add(bhttp::verb::post, root + "/{name}/revoke", route(&TokenRoutes::Revoke));
}

awaitable<Result<std::shared_ptr<const admin::TokenBook>>> TokenRoutes::Reload() {
  auto book = co_await LoadBook(p_.store, p_.file);
  if (book) {
    p_.book.Set(*book);
  }
  co_return book;
}

awaitable<http::Response> TokenRoutes::List(http::Request& req, http::RouteContext&,
                                            const cases::Actor&) {
  auto book = co_await LoadBook(p_.store, p_.file);
  if (!book) {
    co_return http::JsonError(req, book.error());
  }
  co_return http::JsonResponse(req, bhttp::status::ok, (*book)->ListJson());
}

awaitable<http::Response> TokenRoutes::Create(http::Request& req, http::RouteContext&,
                                              const cases::Actor& actor) {
  auto body = json::parse(req.body(), nullptr, false);
  if (!body.is_object() || !body.contains("name") || !body["name"].is_string() ||
      !body.contains("role") || !body["role"].is_string()) {
    co_return http::JsonError(req, {Errc::kBadRequest, "expected {\"name\": ..., \"role\": ...}"});
  }
  const std::string name = body["name"];
  const std::string role = body["role"];
  if (auto checked = admin::CheckNewToken(name, role); !checked) {
    co_return http::JsonError(req, checked.error());
  }
  if (p_.book.Get()->HasName(name)) {
    co_return http::JsonError(req, {Errc::kConflict, "a token of that name exists already"});
  }
  auto token = admin::NewToken();
  if (!token) {
    co_return http::JsonError(req, token.error());
  }
  admin::StoredToken stored{
      .entry = {.sha256 = admin::TokenHash(*token), .actor = *cases::ParseRole(role, name)},
      .created_at = p_.clock.Now(),
      .created_by = actor.name};
  auto created = co_await p_.store.Create(name, admin::StoredTokenRecord(stored));
  if (!created) {
    co_return http::JsonError(req, created.error());
  }
  (void)co_await Reload();
  log::Info("token_created", {{"official", actor.name}, {"name", name}, {"role", role}});
  json answer = {{"name", name}, {"role", role}, {"token", *token}};
  co_return http::JsonResponse(req, bhttp::status::created, answer);
}

awaitable<http::Response> TokenRoutes::Revoke(http::Request& req, http::RouteContext& ctx,
                                              const cases::Actor& actor) {
  const std::string& name = ctx.params.at(0);
  auto book = co_await LoadBook(p_.store, p_.file);
  if (!book) {
    co_return http::JsonError(req, book.error());
  }
  if (!(*book)->HasName(name)) {
    co_return http::JsonError(req, {Errc::kNotFound, "no token of that name"});
  }
  TimeMs now = p_.clock.Now();
  auto revoked = co_await p_.store.Revoke(name, now);
  if (!revoked) {
    co_return http::JsonError(req, revoked.error());
  }
  auto after = co_await Reload();
  if (!after) {
    co_return http::JsonError(req, after.error());
  }
  log::Info("token_revoked", {{"official", actor.name}, {"name", name}});
  json answer = {{"name", name}, {"revoked_at", (*after)->revoked.at(name)}};
  co_return http::JsonResponse(req, bhttp::status::ok, answer);
}

}  // namespace lapor::routes
