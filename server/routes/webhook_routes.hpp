#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <string>

#include "channels/africastalking/africastalking_config.hpp"
#include "channels/delivery.hpp"
#include "channels/generic/generic_config.hpp"
#include "channels/inbound.hpp"
#include "channels/kannel/kannel_config.hpp"
#include "channels/twilio/twilio_config.hpp"
#include "common/clock.hpp"
#include "conversation/conversation.hpp"
#include "http/router.hpp"
#include "metrics/registry.hpp"
#include "outbox/sms_bill.hpp"
#include "store/outbox_store.hpp"

namespace lapor::routes {

// What the webhooks use; all outlive the router.
struct WebhookParts {
  conversation::Conversation& conversation;
  store::OutboxStore& outbox;  // delivery reports, replies sent through a messaging API
  const Clock& clock;
  metrics::Registry& registry;
  outbox::SmsBill& bill;  // a reply in the HTTP answer is an SMS the gateway bills too
  const channels::kannel::KannelConfig& kannel;
  const channels::africastalking::AfricasTalkingConfig& africastalking;
  const channels::twilio::TwilioConfig& twilio;
  const channels::generic::GenericConfig& generic;
  int64_t reply_once_ttl_s = 24 * 3600;  // a queued reply is not queued again for a retry
};

// DESIGN.md's wire contract, one function per provider (its room: authenticate, parse and render
// in channels/<provider>/, the routes here). Every provider's routes sit behind a gate on its
// prefix that authenticates each request before routing (so a stranger learns nothing, not even
// which paths exist): 403 {"error": ...}, counted in lapor1708_webhook_auth_failures_total, and
// nothing read or written. Each handler is parse ▶ conversation ▶ render. A provider that is
// not enabled in config has no routes.
//   GET  /webhooks/kannel/sms, /webhooks/kannel/dlr                      secret=<secret>
void AddKannelRoutes(http::Router& router, const WebhookParts& parts);
//   POST /webhooks/africastalking/ussd, .../ussd/events, .../sms, .../dlr  token=<token>,
//                                                                          allow_networks
void AddAfricasTalkingRoutes(http::Router& router, const WebhookParts& parts);
//   POST /webhooks/twilio/sms, /webhooks/twilio/status                   X-Twilio-Signature
void AddTwilioRoutes(http::Router& router, const WebhookParts& parts);
//   POST /webhooks/generic/sms, /webhooks/generic/dlr                    X-Lapor-Signature
void AddGenericRoutes(http::Router& router, const WebhookParts& parts);

// --- What the provider files share ---

// Authenticates one webhook request: Ok, or the error (kForbidden) to answer with.
using WebhookCheck = std::function<Result<Ok>(const http::Request&, const http::Peer&)>;

// Puts `check` in front of every path under `prefix`, counting refusals by `provider`.
void AddWebhookGate(http::Router& router, const WebhookParts& parts, std::string prefix,
                    std::string provider, WebhookCheck check);

// The query fields of a request (empty when they cannot be parsed).
channels::Fields QueryFields(const http::Request& req);

// Reads what a provider sent: a citizen's message, or a delivery report (an error is answered
// with its status, 400 for a bad field).
using ParseMessage = std::function<Result<channels::InboundMessage>(const http::Request&,
                                                                    const http::RouteContext&)>;
using ParseReport = std::function<Result<channels::DeliveryReport>(const http::Request&,
                                                                   const http::RouteContext&)>;
// The dialog's reply as the provider wants it in the HTTP answer.
using RenderReply = std::function<channels::ProviderReply(const channels::DialogReply&)>;

// A route that hands one citizen message to the conversation and answers with its reply;
// `billed_as`, when not empty, counts the reply's segments in the bill under that gateway (the
// reply is an SMS it sends).
http::RouteHandler MessageRoute(const WebhookParts& parts, std::string billed_as,
                                ParseMessage parse, RenderReply render);

// A route that records a delivery report of `gateway` (RecordDeliveryReport).
http::RouteHandler ReportRoute(const WebhookParts& parts, std::string gateway, ParseReport parse);

// The form body of a request, parsed (400 for a bad %-escape).
Result<channels::Fields> FormBody(const http::Request& req);

// Records a delivery report of `gateway` on its outbox message: 200 "ok" (also for a message
// that is not ours, so the gateway stops asking), 503 when Redis is away so the gateway retries.
boost::asio::awaitable<http::Response> RecordDeliveryReport(const http::Request& req,
                                                            const WebhookParts& parts,
                                                            std::string gateway,
                                                            channels::DeliveryReport report);

// The provider's answer as an HTTP response to `req`.
http::Response ToResponse(const http::Request& req, const channels::ProviderReply& reply);

}  // namespace lapor::routes
