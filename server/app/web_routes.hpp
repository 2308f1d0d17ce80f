#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "app/conversation.hpp"
#include "http/metrics.hpp"
#include "http/server.hpp"
#include "http/status.hpp"
#include "store/redis_client.hpp"

namespace lapor::app {

// The HTTP routes of DESIGN.md's wire contract. Each handler is short: parse (channels/) ▶
// Conversation ▶ render (channels/). Unknown path 404, known path with another method 405.
class WebRoutes {
 public:
  // `open_connections` reads the listener's count for /metrics.
  WebRoutes(const Config& config, Conversation& conversation, store::RedisClient& redis,
            http::Metrics& metrics, std::function<size_t()> open_connections);

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
  boost::asio::awaitable<http::Response> Ready(http::Request& req);

  const Config& config_;
  Conversation& conversation_;
  store::RedisClient& redis_;
  http::Metrics& metrics_;
  std::function<size_t()> open_connections_;
  std::vector<Route> routes_;
  http::Metrics::RouteId unmatched_;
};

}  // namespace lapor::app
