#include "routes/ops_routes.hpp"

#include <memory>
#include <nlohmann/json.hpp>

namespace lapor::routes {

namespace bhttp = boost::beast::http;
using boost::asio::awaitable;

void AddOpsRoutes(http::Router& router, OpsParts parts) {
  auto p = std::make_shared<OpsParts>(std::move(parts));
  router.Add(bhttp::verb::get, "/healthz",
             [](http::Request& req, http::RouteContext&) -> awaitable<http::Response> {
               co_return http::TextResponse(req, bhttp::status::ok, "ok\n");
             });
  router.Add(
      bhttp::verb::get, "/readyz",
      [p](http::Request& req, http::RouteContext&) -> awaitable<http::Response> {
        if (p->draining && p->draining()) {
          co_return http::JsonError(req, {Errc::kUnavailable, "draining: stopping"});
        }
        for (const store::RedisClient* redis : p->redis()) {
          if (!redis->connected()) {
            std::string why = redis->last_error();
            co_return http::JsonError(
                req, {Errc::kUnavailable, "redis not reachable" + (why.empty() ? "" : ": " + why)});
          }
        }
        co_return http::JsonResponse(req, bhttp::status::ok, {{"ready", true}});
      });
  router.Add(bhttp::verb::get, "/metrics",
             [p](http::Request& req, http::RouteContext&) -> awaitable<http::Response> {
               for (const GaugeRefresh& refresh : p->refreshes) {
                 co_await refresh();
               }
               co_return http::TextResponse(req, bhttp::status::ok, p->registry.Render(),
                                            metrics::Registry::kContentType);
             });
}

}  // namespace lapor::routes
