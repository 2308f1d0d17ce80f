#include "channels/africastalking/delivery_report.hpp"

#include <array>
#include <utility>

namespace lapor::channels::africastalking {
namespace {

constexpr std::array<std::pair<std::string_view, DeliveryState>, 6> kStates = {{
    {"Success", DeliveryState::kDelivered},
    {"Rejected", DeliveryState::kFailed},
    {"Failed", DeliveryState::kFailed},
    {"Sent", DeliveryState::kSent},
    {"Submitted", DeliveryState::kSent},
    {"Buffered", DeliveryState::kQueued},
}};

}  // namespace

Result<DeliveryReport> ParseDeliveryReport(const Fields& form) {
  auto id = form.find("id");
  if (id == form.end() || !IsProviderId(id->second)) {
    return Error{Errc::kBadRequest, "id: missing or not a message id"};
  }
  auto status = form.find("status");
  if (status == form.end()) {
    return Error{Errc::kBadRequest, "status: missing"};
  }
  for (const auto& [name, state] : kStates) {
    if (status->second == name) {
      auto reason = form.find("failureReason");
      return DeliveryReport{.provider_ref = id->second,
                            .state = state,
                            .provider_status = status->second,
                            .reason = reason == form.end() ? "" : reason->second.substr(0, 100)};
    }
  }
  return Error{Errc::kBadRequest,
               "status: not one of Success, Sent, Submitted, Buffered, Rejected, Failed"};
}

}  // namespace lapor::channels::africastalking
