#include "channels/africastalking/ussd.hpp"
#include "routes/webhook_routes.hpp"
#include "text/url_encoding.hpp"

namespace lapor::routes {

namespace bhttp = boost::beast::http;
using boost::asio::awaitable;

void AddAfricasTalkingRoutes(http::Router& router, const WebhookParts& p) {
  if (!p.africastalking.enabled) {
    return;
  }
  router.Add(bhttp::verb::post, "/webhooks/africastalking/ussd",
             [p](http::Request& req, http::RouteContext&) -> awaitable<http::Response> {
               auto form = text::ParseUrlEncoded(req.body());
               if (!form) {
                 co_return http::JsonError(req, form.error());
               }
               auto message =
                   channels::africastalking::ParseUssd(*form, p.africastalking.service_codes);
               if (!message) {
                 co_return http::JsonError(req, message.error());
               }
               auto reply = co_await p.conversation.Handle(*message);
               co_return ToResponse(req, channels::africastalking::RenderUssdReply(reply));
             },
             {.media_type = "application/x-www-form-urlencoded"});
}

}  // namespace lapor::routes
