#include "channels/delivery.hpp"

namespace lapor::channels {

std::string_view DeliveryStateName(DeliveryState state) {
  switch (state) {
    case DeliveryState::kQueued:
      return "queued";
    case DeliveryState::kSent:
      return "sent";
    case DeliveryState::kDelivered:
      return "delivered";
    case DeliveryState::kFailed:
      return "failed";
  }
  return "unknown";
}

bool IsFinal(DeliveryState state) {
  return state == DeliveryState::kDelivered || state == DeliveryState::kFailed;
}

}  // namespace lapor::channels
