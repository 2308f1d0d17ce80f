#include "channels/kannel/delivery_report.hpp"
#include "channels/kannel/sms.hpp"
#include "routes/webhook_routes.hpp"
#include "text/url_encoding.hpp"

namespace lapor::routes {

namespace bhttp = boost::beast::http;
using boost::asio::awaitable;

void AddKannelRoutes(http::Router& router, const WebhookParts& p) {
  if (!p.kannel.enabled) {
    return;
  }
  router.Add(bhttp::verb::get, "/webhooks/kannel/sms",
             [p](http::Request& req, http::RouteContext& ctx) -> awaitable<http::Response> {
               auto query = text::ParseUrlEncoded(ctx.query);
               if (!query) {
                 co_return http::JsonError(req, query.error());
               }
               auto message = channels::kannel::ParseSms(*query, p.kannel.secret);
               if (!message) {
                 co_return http::JsonError(req, message.error());
               }
               auto reply = co_await p.conversation.Handle(*message);
               co_return ToResponse(req, channels::kannel::RenderSmsReply(reply));
             });
  router.Add(bhttp::verb::get, "/webhooks/kannel/dlr",
             [p](http::Request& req, http::RouteContext& ctx) -> awaitable<http::Response> {
               auto report = channels::kannel::ParseDeliveryReport(ctx.query);
               if (!report) {
                 co_return http::JsonError(req, report.error());
               }
               auto recorded = co_await p.outbox.RecordDlr(
                   report->message_id, std::string(channels::kannel::DlrStatusName(report->status)),
                   channels::kannel::IsFinalDlr(report->status), p.clock.Now());
               if (!recorded) {
                 // 503 makes Kannel keep the report and try again.
                 co_return http::JsonError(req, recorded.error());
               }
               co_return http::TextResponse(req, bhttp::status::ok, "ok\n");
             });
}

}  // namespace lapor::routes
