#include "channels/generic/json_sms.hpp"
#include "channels/generic/signature.hpp"
#include "routes/webhook_routes.hpp"

namespace lapor::routes {

namespace bhttp = boost::beast::http;

void AddGenericRoutes(http::Router& router, const WebhookParts& p) {
  if (!p.generic.enabled) {
    return;
  }
  AddWebhookGate(
      router, p, "/webhooks/generic", "generic",
      [&config = p.generic, &clock = p.clock](const http::Request& req, const http::Peer&) {
        return channels::generic::CheckSignature(config.secret,
                                                 req[channels::generic::kTimestampHeader],
                                                 req[channels::generic::kSignatureHeader],
                                                 req.body(), clock.Now(), config.replay_window_s);
      });
  const http::RouteOptions json{.media_type = "application/json"};
  router.Add(bhttp::verb::post, "/webhooks/generic/sms",
             MessageRoute(
                 p, "generic",
                 [](const http::Request& req, const http::RouteContext&) {
                   return channels::generic::ParseSms(req.body());
                 },
                 channels::generic::RenderReply),
             json);
  router.Add(bhttp::verb::post, "/webhooks/generic/dlr",
             ReportRoute(p, "generic",
                         [](const http::Request& req, const http::RouteContext&) {
                           return channels::generic::ParseDeliveryReport(req.body());
                         }),
             json);
}

}  // namespace lapor::routes
