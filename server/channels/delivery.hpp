#pragma once

#include <string>
#include <string_view>

namespace lapor::channels {

// What became of an outbound SMS, in our words: every provider's delivery reports map to these.
enum class DeliveryState {
  kQueued,     // waiting at the gateway or the SMSC (handset off, buffered)
  kSent,       // handed to the network
  kDelivered,  // reached the handset
  kFailed,     // will not reach it (rejected, undelivered, expired)
};

// "queued", "sent", "delivered", "failed".
std::string_view DeliveryStateName(DeliveryState state);

// Delivered and failed end a message's story.
bool IsFinal(DeliveryState state);

// A delivery report as every provider's maps to it. A provider that echoes our id names the
// message by `message_id`; one that reports only its own id (Africa's Talking) by
// `provider_ref`, which the outbox recorded when the message was accepted.
struct DeliveryReport {
  std::string message_id;    // our outbox id (digits), or ""
  std::string provider_ref;  // the provider's id of the message, or ""
  DeliveryState state = DeliveryState::kSent;
  std::string provider_status;  // as the provider said it ("Success", "undelivered", "2")
  std::string reason;           // why it failed, when the provider says ("UserInBlackList")
};

}  // namespace lapor::channels
