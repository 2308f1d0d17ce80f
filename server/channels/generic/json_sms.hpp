#pragma once

#include "channels/delivery.hpp"
#include "channels/generic/generic_config.hpp"
#include "channels/inbound.hpp"
#include "channels/outbound.hpp"
#include "common/result.hpp"

namespace lapor::channels::generic {

// `POST /webhooks/generic/sms` with a JSON body {"from", "to", "text", "id"} (strings; others
// ignored). `id` is the dedupe key. kBadRequest naming the field (or "body" for JSON that is not
// an object).
Result<InboundMessage> ParseSms(std::string_view body);

// The answer: 200 {"reply": "<text>"} ("" when there is nothing to say), or 503 with the busy
// text when the store could not be reached (the gateway may retry).
ProviderReply RenderReply(const DialogReply& reply);

// `POST /webhooks/generic/dlr` {"id": "<our id>", "status": "queued" | "sent" | "delivered" |
// "failed", "reason": "..."}. kBadRequest naming the field.
Result<DeliveryReport> ParseDeliveryReport(std::string_view body);

// Our outbound SMS to the gateway: POST <send_url> {"from", "to", "text", "id"} signed as above.
// 2xx is taken (an "id" in its JSON answer is kept as the reference), 408, 429 and 5xx tried
// again, any other 4xx refused.
class GenericGateway final : public Gateway {
 public:
  explicit GenericGateway(const GenericConfig& config);

  std::string_view name() const override { return "generic"; }
  OutboundRequest Build(const OutboundSms& sms) const override;
  SendVerdict Read(int status, std::string_view body) const override;
  const OutboundOptions& options() const override { return config_.outbound; }

 private:
  GenericConfig config_;
};

}  // namespace lapor::channels::generic
