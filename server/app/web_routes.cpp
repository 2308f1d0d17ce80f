#include "app/web_routes.hpp"

#include <chrono>

#include "channels/africastalking_ussd.hpp"
#include "channels/kannel_sms.hpp"
#include "common/log.hpp"
#include "http/form.hpp"

namespace lapor::app {
namespace {

namespace bhttp = boost::beast::http;

http::Response ToResponse(const http::Request& req, const channels::ProviderReply& reply) {
  auto res = http::TextResponse(req, static_cast<bhttp::status>(reply.status), reply.body,
                                reply.content_type);
  for (const auto& [name, value] : reply.headers) {
    res.set(name, value);
  }
  return res;
}

bool IsForm(const http::Request& req) {
  auto type = req[bhttp::field::content_type];
  return type.starts_with("application/x-www-form-urlencoded");
}

}  // namespace

WebRoutes::WebRoutes(const Config& config, Conversation& conversation, store::RedisClient& redis,
                     http::Metrics& metrics, std::function<size_t()> open_connections)
    : config_(config),
      conversation_(conversation),
      redis_(redis),
      metrics_(metrics),
      open_connections_(std::move(open_connections)) {
  using bhttp::verb;
  Add(verb::get, "/healthz", [this](http::Request& req) -> boost::asio::awaitable<http::Response> {
    co_return http::TextResponse(req, bhttp::status::ok, "ok\n");
  });
  Add(verb::get, "/readyz", [this](http::Request& req) { return Ready(req); });
  Add(verb::get, "/metrics", [this](http::Request& req) -> boost::asio::awaitable<http::Response> {
    metrics_.SetGauge(http::Gauge::kRedisUp, redis_.connected() ? 1 : 0);
    metrics_.SetGauge(http::Gauge::kOpenConnections, static_cast<double>(open_connections_()));
    co_return http::TextResponse(req, bhttp::status::ok, metrics_.Render(),
                                 "text/plain; version=0.0.4; charset=utf-8");
  });
  if (config_.africastalking_enabled) {
    Add(verb::post, "/webhooks/africastalking/ussd",
        [this](http::Request& req) { return AfricasTalkingUssd(req); });
  }
  if (config_.kannel_enabled) {
    Add(verb::get, "/webhooks/kannel/sms", [this](http::Request& req) { return KannelSms(req); });
  }
  unmatched_ = metrics_.RegisterRoute("unmatched");
}

void WebRoutes::Add(bhttp::verb method, std::string path, RouteHandler handler) {
  auto metric = metrics_.RegisterRoute(path);
  routes_.push_back({method, std::move(path), metric, std::move(handler)});
}

boost::asio::awaitable<http::Response> WebRoutes::Handle(http::Request& req,
                                                         const http::Peer& peer) {
  auto started = std::chrono::steady_clock::now();
  auto [path, query] = http::SplitTarget(req.target());
  const Route* route = nullptr;
  std::string allowed;
  for (const auto& r : routes_) {
    if (r.path != path) {
      continue;
    }
    if (r.method == req.method() ||
        (r.method == bhttp::verb::get && req.method() == bhttp::verb::head)) {
      route = &r;
      break;
    }
    allowed += allowed.empty() ? "" : ", ";
    allowed += std::string(bhttp::to_string(r.method));
  }
  http::Response res;
  if (route != nullptr) {
    res = co_await route->handler(req);
  } else if (!allowed.empty()) {
    res = http::JsonError(req, {Errc::kMethodNotAllowed, "use " + allowed + " for this path"});
    res.set(bhttp::field::allow, allowed);
  } else {
    res = http::JsonError(req, {Errc::kNotFound, "no such path"});
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.ObserveRequest(route != nullptr ? route->metric : unmatched_, res.result_int(), seconds);
  if (res.result_int() >= 400) {
    log::Info("http_request", {{"method", std::string(req.method_string())},
                               {"path", std::string(path)},
                               {"status", res.result_int()},
                               {"peer", peer.address}});
  }
  co_return res;
}

boost::asio::awaitable<http::Response> WebRoutes::Ready(http::Request& req) {
  if (redis_.connected()) {
    co_return http::JsonResponse(req, bhttp::status::ok, {{"ready", true}});
  }
  std::string why = redis_.last_error();
  co_return http::JsonError(
      req, {Errc::kUnavailable, "redis not reachable" + (why.empty() ? "" : ": " + why)});
}

boost::asio::awaitable<http::Response> WebRoutes::AfricasTalkingUssd(http::Request& req) {
  if (!IsForm(req)) {
    co_return http::JsonError(req,
                              {Errc::kUnsupportedMedia, "send application/x-www-form-urlencoded"});
  }
  auto form = http::ParseUrlEncoded(req.body());
  if (!form) {
    co_return http::JsonError(req, form.error());
  }
  auto message = channels::ParseAfricasTalkingUssd(*form, config_.ussd_service_codes);
  if (!message) {
    co_return http::JsonError(req, message.error());
  }
  auto reply = co_await conversation_.Handle(*message);
  co_return ToResponse(req, channels::RenderAfricasTalkingUssd(reply));
}

boost::asio::awaitable<http::Response> WebRoutes::KannelSms(http::Request& req) {
  auto [path, query_text] = http::SplitTarget(req.target());
  auto query = http::ParseUrlEncoded(query_text);
  if (!query) {
    co_return http::JsonError(req, query.error());
  }
  auto message = channels::ParseKannelSms(*query, config_.kannel_secret);
  if (!message) {
    co_return http::JsonError(req, message.error());
  }
  auto reply = co_await conversation_.Handle(*message);
  co_return ToResponse(req, channels::RenderKannelSms(reply));
}

}  // namespace lapor::app
