#pragma once

#include "channels/inbound.hpp"
#include "common/result.hpp"

namespace lapor::channels::africastalking {

// Africa's Talking incoming message callback, `POST /webhooks/africastalking/sms`, form fields
// from, to, text, date, id, linkId, networkCode ("Receive message via callback"). `id` is
// unique per message and the dedupe key. Errors (kBadRequest) name the missing or bad field.
// The reply goes back through the messaging API (the outbox), not in the HTTP answer.
Result<InboundMessage> ParseSms(const Fields& form);

}  // namespace lapor::channels::africastalking
