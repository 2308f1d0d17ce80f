#include "app/web_routes.hpp"

#include <chrono>

#include "channels/africastalking_ussd.hpp"
#include "channels/kannel_sms.hpp"
#include "common/log.hpp"
#include "http/form.hpp"
#include "outbox/dlr.hpp"

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

WebRoutes::WebRoutes(WebParts parts) : p_(std::move(parts)) {
  using bhttp::verb;
  Add(verb::get, "/healthz", [](http::Request& req) -> boost::asio::awaitable<http::Response> {
    co_return http::TextResponse(req, bhttp::status::ok, "ok\n");
  });
  Add(verb::get, "/readyz", [this](http::Request& req) { return Ready(req); });
  Add(verb::get, "/metrics", [this](http::Request& req) { return Metrics(req); });
  if (p_.config.africastalking_enabled) {
    Add(verb::post, "/webhooks/africastalking/ussd",
        [this](http::Request& req) { return AfricasTalkingUssd(req); });
  }
  if (p_.config.kannel_enabled) {
    Add(verb::get, "/webhooks/kannel/sms", [this](http::Request& req) { return KannelSms(req); });
    Add(verb::get, "/webhooks/kannel/dlr", [this](http::Request& req) { return KannelDlr(req); });
  }
  admin_metric_ = p_.metrics.RegisterRoute("/admin/v1");
  unmatched_ = p_.metrics.RegisterRoute("unmatched");
}

void WebRoutes::Add(bhttp::verb method, std::string path, RouteHandler handler) {
  auto metric = p_.metrics.RegisterRoute(path);
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
  http::Metrics::RouteId metric = route != nullptr ? route->metric : unmatched_;
  if (route != nullptr) {
    res = co_await route->handler(req);
  } else if (p_.admin.Owns(path)) {
    metric = admin_metric_;
    res = co_await p_.admin.Handle(req);
  } else if (!allowed.empty()) {
    res = http::JsonError(req, {Errc::kMethodNotAllowed, "use " + allowed + " for this path"});
    res.set(bhttp::field::allow, allowed);
  } else {
    res = http::JsonError(req, {Errc::kNotFound, "no such path"});
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  p_.metrics.ObserveRequest(metric, static_cast<int>(res.result_int()), seconds);
  if (res.result_int() >= 400) {
    log::Info("http_request", {{"method", std::string(req.method_string())},
                               {"path", std::string(path)},
                               {"status", res.result_int()},
                               {"peer", peer.address}});
  }
  co_return res;
}

boost::asio::awaitable<http::Response> WebRoutes::Ready(http::Request& req) {
  if (p_.redis.connected()) {
    co_return http::JsonResponse(req, bhttp::status::ok, {{"ready", true}});
  }
  std::string why = p_.redis.last_error();
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
  auto message = channels::ParseAfricasTalkingUssd(*form, p_.config.ussd_service_codes);
  if (!message) {
    co_return http::JsonError(req, message.error());
  }
  auto reply = co_await p_.conversation.Handle(*message);
  co_return ToResponse(req, channels::RenderAfricasTalkingUssd(reply));
}

boost::asio::awaitable<http::Response> WebRoutes::KannelSms(http::Request& req) {
  auto [path, query_text] = http::SplitTarget(req.target());
  auto query = http::ParseUrlEncoded(query_text);
  if (!query) {
    co_return http::JsonError(req, query.error());
  }
  auto message = channels::ParseKannelSms(*query, p_.config.kannel_secret);
  if (!message) {
    co_return http::JsonError(req, message.error());
  }
  auto reply = co_await p_.conversation.Handle(*message);
  co_return ToResponse(req, channels::RenderKannelSms(reply));
}

}  // namespace lapor::app

namespace lapor::app {

boost::asio::awaitable<http::Response> WebRoutes::KannelDlr(http::Request& req) {
  auto [path, query] = http::SplitTarget(req.target());
  auto report = outbox::ParseKannelDlr(query);
  if (!report) {
    co_return http::JsonError(req, report.error());
  }
  auto recorded = co_await p_.outbox.RecordDlr(report->message_id,
                                               std::string(outbox::DlrStatusName(report->status)),
                                               outbox::IsFinalDlr(report->status), p_.clock.Now());
  if (!recorded) {
    // 503 makes Kannel keep the report and try again.
    co_return http::JsonError(req, recorded.error());
  }
  co_return http::TextResponse(req, bhttp::status::ok, "ok\n");
}

boost::asio::awaitable<http::Response> WebRoutes::Metrics(http::Request& req) {
  p_.metrics.SetGauge(http::Gauge::kRedisUp, p_.redis.connected() ? 1 : 0);
  p_.metrics.SetGauge(http::Gauge::kOpenConnections, static_cast<double>(p_.open_connections()));
  std::string text = p_.metrics.Render();
  auto counter = [&text](const char* name, const char* help, uint64_t value) {
    text += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " counter\n" + name +
            " " + std::to_string(value) + "\n";
  };
  auto gauge = [&text](const char* name, const char* help, int64_t value) {
    text += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n" + name +
            " " + std::to_string(value) + "\n";
  };
  if (auto* sender = p_.sender()) {
    counter("lapor1708_outbox_sent_total", "SMS accepted by Kannel.", sender->sent());
    counter("lapor1708_outbox_retried_total", "SMS sends that failed and were scheduled again.",
            sender->retried());
    counter("lapor1708_outbox_dead_total", "SMS parked in the dead letters by this process.",
            sender->dead());
  }
  if (auto* scheduler = p_.scheduler()) {
    counter("lapor1708_deadlines_applied_total", "Deadlines that moved a case.",
            scheduler->applied());
  }
  auto counts = co_await p_.outbox.Counts();
  if (counts) {
    gauge("lapor1708_outbox_queued", "SMS waiting on the outbox stream.", counts->queued);
    gauge("lapor1708_outbox_retrying", "SMS waiting for their next try.", counts->retrying);
    gauge("lapor1708_outbox_dead_letters", "SMS in the dead-letter list.", counts->dead);
  }
  co_return http::TextResponse(req, bhttp::status::ok, std::move(text),
                               "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace lapor::app
