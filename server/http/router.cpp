#include "http/router.hpp"

#include <algorithm>
#include <array>
#include <boost/beast/http/field.hpp>
#include <cctype>
#include <chrono>

#include "common/log.hpp"
#include "text/url_encoding.hpp"

namespace lapor::http {
namespace {

namespace bhttp = boost::beast::http;

// HTTP statuses with their own series; any other code is counted as status="other".
constexpr std::array<unsigned, 15> kStatuses = {200, 400, 401, 403, 404, 405, 408, 409,
                                                413, 415, 422, 429, 431, 500, 503};

constexpr std::string_view kRequests = "lapor1708_http_requests_total";
constexpr std::string_view kRequestsHelp = "HTTP requests answered, by route and status.";
constexpr std::string_view kDuration = "lapor1708_http_request_duration_seconds";
constexpr std::string_view kDurationHelp = "HTTP request latency, by route.";

// "/a/{b}/c" -> {"a", "{b}", "c"}; "/" -> {}. An empty segment (a doubled or trailing slash) is
// kept, so it matches nothing.
std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> segments;
  if (path.starts_with('/')) {
    path.remove_prefix(1);
  }
  while (!path.empty()) {
    const size_t slash = path.find('/');
    segments.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) {
      break;
    }
    path.remove_prefix(slash + 1);
    if (path.empty()) {
      segments.emplace_back();
    }
  }
  return segments;
}

bool IsParam(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// The {parameters} when `path` matches `pattern`.
std::optional<std::vector<std::string>> Match(const std::vector<std::string>& pattern,
                                              const std::vector<std::string>& path) {
  if (pattern.size() != path.size()) {
    return std::nullopt;
  }
  std::vector<std::string> params;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (IsParam(pattern[i])) {
      if (path[i].empty()) {
        return std::nullopt;
      }
      params.push_back(path[i]);
    } else if (pattern[i] != path[i]) {
      return std::nullopt;
    }
  }
  return params;
}

bool Answers(bhttp::verb route, bhttp::verb asked) {
  return route == asked || (route == bhttp::verb::get && asked == bhttp::verb::head);
}

}  // namespace

bool HasMediaType(const Request& req, std::string_view media_type) {
  std::string_view type = req[bhttp::field::content_type];
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') {
    type.remove_suffix(1);
  }
  return std::equal(type.begin(), type.end(), media_type.begin(), media_type.end(),
                    [](char a, char b) {
                      return std::tolower(static_cast<unsigned char>(a)) ==
                             std::tolower(static_cast<unsigned char>(b));
                    });
}

Router::Router(metrics::Registry& registry) : registry_(registry) {
  unmatched_ = &StatsFor("unmatched");
}

Router::RouteStats& Router::StatsFor(const std::string& label) {
  for (auto& [name, stats] : stats_) {
    if (name == label) {
      return *stats;
    }
  }
  auto stats = std::make_unique<RouteStats>();
  for (unsigned status : kStatuses) {
    stats->by_status.push_back(&registry_.AddCounter(
        kRequests, kRequestsHelp, {{"route", label}, {"status", std::to_string(status)}}, true));
  }
  stats->by_status.push_back(&registry_.AddCounter(kRequests, kRequestsHelp,
                                                   {{"route", label}, {"status", "other"}}, true));
  stats->latency = &registry_.AddHistogram(kDuration, kDurationHelp, metrics::kLatencyBounds,
                                           {{"route", label}});
  return *stats_.emplace_back(label, std::move(stats)).second;
}

void Router::Add(bhttp::verb method, std::string pattern, RouteHandler handler,
                 RouteOptions options) {
  RouteStats* stats = &StatsFor(pattern);
  routes_.push_back(Route{method, Split(pattern), std::move(handler), std::move(options), stats});
}

void Router::AddGate(std::string prefix, Gate gate) {
  gates_.push_back(PrefixGate{std::move(prefix), std::move(gate)});
}

void Router::Count(RouteStats& stats, unsigned status, double seconds) {
  const auto slot = std::find(kStatuses.begin(), kStatuses.end(), status) - kStatuses.begin();
  stats.by_status[static_cast<size_t>(slot)]->Increment();
  stats.latency->Observe(seconds);
}

boost::asio::awaitable<Response> Router::Dispatch(Request& req, const Peer& peer,
                                                  RouteStats*& stats) {
  auto [path, query] = text::SplitTarget(req.target());
  for (const PrefixGate& g : gates_) {
    const bool under = path.starts_with(g.prefix) &&
                       (path.size() == g.prefix.size() || path[g.prefix.size()] == '/');
    if (under) {
      if (auto refused = g.gate(req, peer)) {
        co_return std::move(*refused);
      }
    }
  }
  const std::vector<std::string> segments = Split(path);
  std::string allowed;
  for (Route& route : routes_) {
    auto params = Match(route.segments, segments);
    if (!params) {
      continue;
    }
    if (!Answers(route.method, req.method())) {
      allowed += allowed.empty() ? "" : ", ";
      allowed += std::string(bhttp::to_string(route.method));
      continue;
    }
    stats = route.stats;
    if (req.method() == bhttp::verb::head) {
      // A GET handler may change state (a webhook): HEAD learns the path is served, nothing more.
      auto res = TextResponse(req, bhttp::status::ok, "");
      res.set(bhttp::field::allow, "GET, HEAD");
      co_return res;
    }
    if (!route.options.media_type.empty() && !HasMediaType(req, route.options.media_type)) {
      co_return JsonError(req, {Errc::kUnsupportedMedia, "send " + route.options.media_type});
    }
    RouteContext context{.peer = peer, .params = std::move(*params), .query = query};
    co_return co_await route.handler(req, context);
  }
  if (!allowed.empty()) {
    auto res = JsonError(req, {Errc::kMethodNotAllowed, "use " + allowed + " for this path"});
    res.set(bhttp::field::allow, allowed);
    co_return res;
  }
  co_return JsonError(req, {Errc::kNotFound, "no such path"});
}

boost::asio::awaitable<Response> Router::Handle(Request& req, const Peer& peer) {
  const auto started = std::chrono::steady_clock::now();
  const bhttp::verb method = req.method();
  const std::string path(text::SplitTarget(req.target()).first);
  RouteStats* stats = unmatched_;
  Response res = co_await Dispatch(req, peer, stats);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  Count(*stats, res.result_int(), seconds);
  if (res.result_int() >= 400) {
    log::Info("http_request", {{"method", std::string(bhttp::to_string(method))},
                               {"path", path},
                               {"status", res.result_int()},
                               {"peer", peer.address}});
  }
  co_return res;
}

}  // namespace lapor::http
