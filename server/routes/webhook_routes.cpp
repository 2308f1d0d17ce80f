#include "routes/webhook_routes.hpp"

#include "common/log.hpp"
#include "text/gsm7.hpp"
#include "text/url_encoding.hpp"

namespace lapor::routes {

http::Response ToResponse(const http::Request& req, const channels::ProviderReply& reply) {
  auto res = http::TextResponse(req, static_cast<boost::beast::http::status>(reply.status),
                                reply.body, reply.content_type);
  for (const auto& [name, value] : reply.headers) {
    res.set(name, value);
  }
  return res;
}

channels::Fields QueryFields(const http::Request& req) {
  auto fields = text::ParseUrlEncoded(text::SplitTarget(req.target()).second);
  return fields ? std::move(*fields) : channels::Fields{};
}

void AddWebhookGate(http::Router& router, const WebhookParts& parts, std::string prefix,
                    std::string provider, WebhookCheck check) {
  metrics::Counter& refused = parts.registry.AddCounter(
      "lapor1708_webhook_auth_failures_total",
      "Webhook requests refused before routing: a wrong or missing secret, token or signature, "
      "or an address outside the allow-list.",
      {{"provider", provider}});
  router.AddGate(
      std::move(prefix),
      [check = std::move(check), &refused, provider](
          const http::Request& req, const http::Peer& peer) -> std::optional<http::Response> {
        auto checked = check(req, peer);
        if (checked) {
          return std::nullopt;
        }
        refused.Increment();
        log::Warn(
            "webhook_refused",
            {{"provider", provider}, {"peer", peer.address}, {"why", checked.error().message}});
        return http::JsonError(req, checked.error());
      });
}

Result<channels::Fields> FormBody(const http::Request& req) {
  return text::ParseUrlEncoded(req.body());
}

http::RouteHandler MessageRoute(const WebhookParts& parts, std::string billed_as,
                                ParseMessage parse, RenderReply render) {
  return
      [p = parts, billed_as = std::move(billed_as), parse = std::move(parse),
       render = std::move(render)](
          http::Request& req, http::RouteContext& ctx) -> boost::asio::awaitable<http::Response> {
        auto message = parse(req, ctx);
        if (!message) {
          co_return http::JsonError(req, message.error());
        }
        message->peer = ctx.peer.address;
        auto reply = co_await p.conversation.Handle(*message);
        if (!billed_as.empty()) {
          p.bill.Count(billed_as, "reply", text::ToSmsText(reply.text));
        }
        co_return ToResponse(req, render(reply));
      };
}

http::RouteHandler ReportRoute(const WebhookParts& parts, std::string gateway, ParseReport parse) {
  return
      [p = parts, gateway = std::move(gateway), parse = std::move(parse)](
          http::Request& req, http::RouteContext& ctx) -> boost::asio::awaitable<http::Response> {
        auto report = parse(req, ctx);
        if (!report) {
          co_return http::JsonError(req, report.error());
        }
        co_return co_await RecordDeliveryReport(req, p, gateway, std::move(*report));
      };
}

boost::asio::awaitable<http::Response> RecordDeliveryReport(const http::Request& req,
                                                            const WebhookParts& parts,
                                                            std::string gateway,
                                                            channels::DeliveryReport report) {
  store::DlrUpdate update{.id = std::move(report.message_id),
                          .gateway = std::move(gateway),
                          .reference = std::move(report.provider_ref),
                          .state = std::string(channels::DeliveryStateName(report.state)),
                          .final = channels::IsFinal(report.state),
                          .raw = std::move(report.provider_status),
                          .reason = std::move(report.reason)};
  auto recorded = co_await parts.outbox.RecordDlr(std::move(update), parts.clock.Now());
  if (!recorded) {
    // 503 makes the gateway keep the report and try again.
    co_return http::JsonError(req, recorded.error());
  }
  co_return http::TextResponse(req, boost::beast::http::status::ok, "ok\n");
}

}  // namespace lapor::routes
