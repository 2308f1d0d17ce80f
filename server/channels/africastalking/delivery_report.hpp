#pragma once

#include "channels/delivery.hpp"
#include "channels/inbound.hpp"
#include "common/result.hpp"

namespace lapor::channels::africastalking {

// Africa's Talking delivery report callback, `POST /webhooks/africastalking/dlr`, form fields
// id (the messageId its messaging API gave), status, phoneNumber, networkCode, failureReason
// (with Rejected and Failed), retryCount. Status in our terms: Success is delivered; Rejected
// and Failed are failed; Sent and Submitted are sent; Buffered is queued. kBadRequest naming
// the field for a missing id or an unknown status.
Result<DeliveryReport> ParseDeliveryReport(const Fields& form);

}  // namespace lapor::channels::africastalking
