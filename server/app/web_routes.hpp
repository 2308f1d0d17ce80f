#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <string>
#include <vector>

#include "admin/admin_routes.hpp"
#include "app/config.hpp"
#include "app/conversation.hpp"
#include "http/metrics.hpp"
#include "http/server.hpp"
#include "http/status.hpp"
#include "outbox/sender.hpp"
#include "scheduler/scheduler.hpp"
#include "store/outbox_store.hpp"
#include "store/redis_client.hpp"

namespace lapor::app {

// What the routes use; all outlive them. The getters read parts made after the routes.
struct WebParts {
  const Config& config;
  Conversation& conversation;
  store::RedisClient& redis;
  http::Metrics& metrics;
  admin::AdminRoutes& admin;
  store::OutboxStore& outbox;
  const Clock& clock;
  std::function<size_t()> open_connections;
  std::function<outbox::Sender*()> sender;
  std::function<scheduler::Scheduler*()> scheduler;
};

// The HTTP routes of DESIGN.md's wire contract. Each handler is short: parse (channels/) ▶
// Conversation ▶ render (channels/). Unknown path 404, known path with another method 405.
// /admin/v1/... goes to the officials' API.
class WebRoutes {
 public:
  explicit WebRoutes(WebParts parts);

  boost::asio::awaitable<http::Response> Handle(http::Request& req, const http::Peer& peer);

 private:
  using RouteHandler = std::function<boost::asio::awaitable<http::Response>(http::Request&)>;
  struct Route {
    boost::beast::http::verb method;
    std::string path;
    http::Metrics::RouteId metric;
    RouteHandler handler;
  };
  void Add(boost::beast::http::verb method, std::string path, RouteHandler handler);

  boost::asio::awaitable<http::Response> AfricasTalkingUssd(http::Request& req);
  boost::asio::awaitable<http::Response> KannelSms(http::Request& req);
  boost::asio::awaitable<http::Response> KannelDlr(http::Request& req);
  boost::asio::awaitable<http::Response> Ready(http::Request& req);
  boost::asio::awaitable<http::Response> Metrics(http::Request& req);

  WebParts p_;
  std::vector<Route> routes_;
  http::Metrics::RouteId admin_metric_;
  http::Metrics::RouteId unmatched_;
};

}  // namespace lapor::app
