#pragma once

#include "channels/africastalking/africastalking_config.hpp"
#include "channels/inbound.hpp"
#include "channels/kannel/kannel_config.hpp"
#include "common/clock.hpp"
#include "conversation/conversation.hpp"
#include "http/router.hpp"
#include "store/outbox_store.hpp"

namespace lapor::routes {

// What the webhooks use; all outlive the router.
struct WebhookParts {
  conversation::Conversation& conversation;
  store::OutboxStore& outbox;  // delivery reports
  const Clock& clock;
  const channels::kannel::KannelConfig& kannel;
  const channels::africastalking::AfricasTalkingConfig& africastalking;
};

// DESIGN.md's wire contract, one function per provider (its room: parse and render in
// channels/<provider>/, the route here). Each handler is parse ▶ conversation ▶ render. A
// provider that is not enabled in config has no routes.
//   GET  /webhooks/kannel/sms, /webhooks/kannel/dlr
void AddKannelRoutes(http::Router& router, const WebhookParts& parts);
//   POST /webhooks/africastalking/ussd
void AddAfricasTalkingRoutes(http::Router& router, const WebhookParts& parts);

// The provider's answer as an HTTP response to `req`.
http::Response ToResponse(const http::Request& req, const channels::ProviderReply& reply);

}  // namespace lapor::routes
