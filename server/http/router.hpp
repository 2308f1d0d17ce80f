#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/verb.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/server.hpp"
#include "http/status.hpp"
#include "metrics/registry.hpp"

namespace lapor::http {

// What a handler learns besides the request: who sent it and the path's {parameters}, in order.
struct RouteContext {
  const Peer& peer;
  std::vector<std::string> params;  // "/admin/v1/cases/{no}" on ".../cases/00000427": {"00000427"}
  std::string_view query;           // the target after '?', "" when none
};

using RouteHandler = std::function<boost::asio::awaitable<Response>(Request&, RouteContext&)>;

// Runs before routing for every request under a path prefix; an answer ends the request there
// (e.g. 401 for a missing token, before a client learns which paths exist).
using Gate = std::function<std::optional<Response>(const Request&, const Peer&)>;

struct RouteOptions {
  // The Content-Type the body must have ("application/json"), compared without parameters and
  // case; "" accepts any. Anything else is 415.
  std::string media_type;
};

// The one router: method + path pattern -> handler, for the webhooks, the officials' API and the
// operators' endpoints alike. A pattern is literal segments and {name} segments, each matching
// one non-empty segment ("/admin/v1/cases/{no}/actions"). A path no pattern matches is 404; a
// path that matches with another method is 405 with `Allow`; GET routes answer HEAD with 200 and
// no body, without running the handler (a webhook's GET changes state). Each
// route counts its requests by status and latency in the registry (route label: the pattern);
// an answer of 400 or more is logged (path, never the query: it may hold phone numbers).
// Routes and gates are added at start-up, before the first request.
class Router {
 public:
  explicit Router(metrics::Registry& registry);

  void Add(boost::beast::http::verb method, std::string pattern, RouteHandler handler,
           RouteOptions options = {});
  void AddGate(std::string prefix, Gate gate);

  boost::asio::awaitable<Response> Handle(Request& req, const Peer& peer);

 private:
  struct RouteStats {
    std::vector<metrics::Counter*> by_status;  // Metrics statuses, then "other"
    metrics::Histogram* latency = nullptr;
  };
  struct Route {
    boost::beast::http::verb method;
    std::vector<std::string> segments;
    RouteHandler handler;
    RouteOptions options;
    RouteStats* stats;
  };
  struct PrefixGate {
    std::string prefix;
    Gate gate;
  };

  RouteStats& StatsFor(const std::string& label);
  void Count(RouteStats& stats, unsigned status, double seconds);
  boost::asio::awaitable<Response> Dispatch(Request& req, const Peer& peer, RouteStats*& stats);

  metrics::Registry& registry_;
  std::vector<Route> routes_;
  std::vector<PrefixGate> gates_;
  std::vector<std::pair<std::string, std::unique_ptr<RouteStats>>> stats_;
  RouteStats* unmatched_;
};

// Whether the request's Content-Type is `media_type`, ignoring case and parameters
// ("Application/JSON; charset=utf-8" is application/json).
bool HasMediaType(const Request& req, std::string_view media_type);

}  // namespace lapor::http
