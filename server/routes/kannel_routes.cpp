#include "channels/kannel/delivery_report.hpp"
#include "channels/kannel/sms.hpp"
#include "channels/webhook_auth.hpp"
#include "routes/webhook_routes.hpp"
#include "text/url_encoding.hpp"

namespace lapor::routes {

namespace bhttp = boost::beast::http;

void AddKannelRoutes(http::Router& router, const WebhookParts& p) {
  if (!p.kannel.enabled) {
    return;
  }
  // The get-url and the dlr-url both carry the secret; Kannel sends the query as given.
  AddWebhookGate(router, p, "/webhooks/kannel", "kannel",
                 [&secret = p.kannel.secret](const http::Request& req, const http::Peer&) {
                   return channels::CheckQueryToken(QueryFields(req), "secret", secret);
                 });
  router.Add(bhttp::verb::get, "/webhooks/kannel/sms",
             MessageRoute(
                 p, "kannel",
                 [](const http::Request&,
                    const http::RouteContext& ctx) -> Result<channels::InboundMessage> {
                   auto query = text::ParseUrlEncoded(ctx.query);
                   if (!query) {
                     return query.error();
                   }
                   return channels::kannel::ParseSms(*query);
                 },
                 channels::kannel::RenderSmsReply));
  router.Add(bhttp::verb::get, "/webhooks/kannel/dlr",
             ReportRoute(p, "kannel",
                         [](const http::Request&,
                            const http::RouteContext& ctx) -> Result<channels::DeliveryReport> {
                           auto report = channels::kannel::ParseDeliveryReport(ctx.query);
                           if (!report) {
                             return report.error();
                           }
                           return channels::kannel::ToDeliveryReport(*report);
                         }));
}

}  // namespace lapor::routes
