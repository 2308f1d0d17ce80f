#include "routes/console_routes.hpp"

#include <boost/beast/http/field.hpp>

#include "admin/console_files.hpp"

namespace lapor::routes {
namespace {

namespace bhttp = boost::beast::http;
using boost::asio::awaitable;

http::Response Secured(http::Response res) {
  res.set("Content-Security-Policy", admin::kConsoleCsp);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  res.set("X-Frame-Options", "DENY");
  res.set(bhttp::field::cache_control, "no-store");
  return res;
}

http::Response File(const http::Request& req, std::string_view name) {
  const admin::ConsoleFile* file = admin::FindConsoleFile(name);
  if (file == nullptr) {
    return Secured(http::JsonError(req, {Errc::kNotFound, "no such console file"}));
  }
  return Secured(http::TextResponse(req, bhttp::status::ok, std::string(file->text),
                                    admin::ConsoleContentType(name)));
}

}  // namespace

void AddConsoleRoutes(http::Router& router) {
  router.Add(bhttp::verb::get, "/admin",
             [](http::Request& req, http::RouteContext&) -> awaitable<http::Response> {
               auto res = http::TextResponse(req, bhttp::status::moved_permanently, "");
               res.set(bhttp::field::location, "/admin/");
               co_return Secured(std::move(res));
             });
  router.Add(bhttp::verb::get, "/admin/",
             [](http::Request& req, http::RouteContext&) -> awaitable<http::Response> {
               co_return File(req, "index.html");
             });
  router.Add(bhttp::verb::get, "/admin/{file}",
             [](http::Request& req, http::RouteContext& ctx) -> awaitable<http::Response> {
               co_return File(req, ctx.params.at(0));
             });
}

}  // namespace lapor::routes
