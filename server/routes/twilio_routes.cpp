#include "channels/twilio/signature.hpp"
#include "channels/twilio/sms.hpp"
#include "routes/webhook_routes.hpp"
#include "text/url_encoding.hpp"

namespace lapor::routes {

namespace bhttp = boost::beast::http;

void AddTwilioRoutes(http::Router& router, const WebhookParts& p) {
  if (!p.twilio.enabled) {
    return;
  }
  // The signature covers the URL as Twilio called it: our public base URL (a proxy in between
  // changes scheme, host and port) and the target as sent, query included.
  AddWebhookGate(router, p, "/webhooks/twilio", "twilio",
                 [&config = p.twilio](const http::Request& req, const http::Peer&) {
                   const std::string url = config.public_base_url + std::string(req.target());
                   return channels::twilio::CheckSignature(config.auth_token, url, req.body(),
                                                           req["X-Twilio-Signature"]);
                 });
  const http::RouteOptions form{.media_type = "application/x-www-form-urlencoded"};
  router.Add(bhttp::verb::post, "/webhooks/twilio/sms",
             MessageRoute(
                 p, "twilio",
                 [](const http::Request& req,
                    const http::RouteContext&) -> Result<channels::InboundMessage> {
                   auto fields = FormBody(req);
                   if (!fields) {
                     return fields.error();
                   }
                   return channels::twilio::ParseSms(*fields);
                 },
                 channels::twilio::RenderTwiml),
             form);
  router.Add(bhttp::verb::post, "/webhooks/twilio/status",
             ReportRoute(p, "twilio",
                         [](const http::Request& req,
                            const http::RouteContext& ctx) -> Result<channels::DeliveryReport> {
                           auto fields = FormBody(req);
                           if (!fields) {
                             return fields.error();
                           }
                           auto query = text::ParseUrlEncoded(ctx.query);
                           return channels::twilio::ParseStatusCallback(
                               *fields, query ? *query : channels::Fields{});
                         }),
             form);
}

}  // namespace lapor::routes
