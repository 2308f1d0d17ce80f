#include "channels/africastalking/delivery_report.hpp"
#include "channels/africastalking/sms.hpp"
#include "channels/africastalking/ussd.hpp"
#include "channels/africastalking/ussd_events.hpp"
#include "channels/webhook_auth.hpp"
#include "common/log.hpp"
#include "routes/webhook_routes.hpp"
#include "text/url_encoding.hpp"

namespace lapor::routes {
namespace {

namespace bhttp = boost::beast::http;
using boost::asio::awaitable;

constexpr const char* kForm = "application/x-www-form-urlencoded";

// A citizen's SMS: answered 200 at once, the reply queued on the replies lane for the messaging
// API (or, without an Africa's Talking account, for the citizens' route).
awaitable<http::Response> Sms(const WebhookParts& p, http::Request& req,
                              const http::RouteContext& ctx) {
  auto form = FormBody(req);
  if (!form) {
    co_return http::JsonError(req, form.error());
  }
  auto message = channels::africastalking::ParseSms(*form);
  if (!message) {
    co_return http::JsonError(req, message.error());
  }
  message->peer = ctx.peer.address;
  auto reply = co_await p.conversation.Handle(*message);
  if (reply.busy) {
    co_return http::JsonError(req, {Errc::kUnavailable, "busy, try again"});
  }
  if (!reply.text.empty()) {
    store::ReplySms sms{.to = message->msisdn,
                        .text = reply.text,
                        .via = p.africastalking.username.empty() ? "" : "africastalking",
                        .provider = message->provider,
                        .message_id = message->message_id};
    auto queued = co_await p.outbox.EnqueueReply(std::move(sms), p.clock.Now(), p.reply_once_ttl_s);
    if (!queued) {
      co_return http::JsonError(req, queued.error());
    }
  }
  co_return http::TextResponse(req, bhttp::status::ok, "ok\n");
}

// Counts how USSD sessions ended, by status.
class SessionEnds {
 public:
  explicit SessionEnds(metrics::Registry& registry) {
    for (const char* status : {"success", "incomplete", "failed", "other"}) {
      counters_.emplace_back(status,
                             &registry.AddCounter("lapor1708_ussd_sessions_ended_total",
                                                  "USSD sessions by how they ended (Africa's "
                                                  "Talking's end-of-session notification).",
                                                  {{"status", status}}));
    }
  }
  void Count(const std::string& status) {
    for (auto& [name, counter] : counters_) {
      if (name == status) {
        counter->Increment();
      }
    }
  }

 private:
  std::vector<std::pair<std::string, metrics::Counter*>> counters_;
};

// Records how a USSD session ended: a counter by status and a log line (no phone number).
awaitable<http::Response> SessionEnded(SessionEnds& ends, http::Request& req) {
  auto fields = FormBody(req);
  if (!fields) {
    co_return http::JsonError(req, fields.error());
  }
  auto end = channels::africastalking::ParseUssdSessionEnd(*fields);
  if (!end) {
    co_return http::JsonError(req, end.error());
  }
  ends.Count(end->status);
  log::Info("ussd_session_ended", {{"session", end->session_id},
                                   {"status", end->status},
                                   {"duration_ms", end->duration_ms},
                                   {"hops", end->hops},
                                   {"error", end->error_message}});
  co_return http::TextResponse(req, bhttp::status::ok, "ok\n");
}

}  // namespace

void AddAfricasTalkingRoutes(http::Router& router, const WebhookParts& p) {
  if (!p.africastalking.enabled) {
    return;
  }
  AddWebhookGate(router, p, "/webhooks/africastalking", "africastalking",
                 [&config = p.africastalking](const http::Request& req, const http::Peer& peer) {
                   auto allowed = channels::CheckPeer(config.allow_networks, peer.address);
                   if (!allowed) {
                     return allowed;
                   }
                   return channels::CheckQueryToken(QueryFields(req), "token", config.token);
                 });
  const http::RouteOptions form{.media_type = kForm};
  router.Add(bhttp::verb::post, "/webhooks/africastalking/ussd",
             MessageRoute(
                 p, "",
                 [&codes = p.africastalking.service_codes](
                     const http::Request& req,
                     const http::RouteContext&) -> Result<channels::InboundMessage> {
                   auto fields = FormBody(req);
                   if (!fields) {
                     return fields.error();
                   }
                   return channels::africastalking::ParseUssd(*fields, codes);
                 },
                 channels::africastalking::RenderUssdReply),
             form);
  auto ends = std::make_shared<SessionEnds>(p.registry);
  router.Add(
      bhttp::verb::post, "/webhooks/africastalking/ussd/events",
      [ends](http::Request& req, http::RouteContext&) { return SessionEnded(*ends, req); }, form);
  router.Add(
      bhttp::verb::post, "/webhooks/africastalking/sms",
      [p](http::Request& req, http::RouteContext& ctx) { return Sms(p, req, ctx); }, form);
  router.Add(bhttp::verb::post, "/webhooks/africastalking/dlr",
             ReportRoute(p, "africastalking",
                         [](const http::Request& req,
                            const http::RouteContext&) -> Result<channels::DeliveryReport> {
                           auto fields = FormBody(req);
                           if (!fields) {
                             return fields.error();
                           }
                           return channels::africastalking::ParseDeliveryReport(*fields);
                         }),
             form);
}

}  // namespace lapor::routes
