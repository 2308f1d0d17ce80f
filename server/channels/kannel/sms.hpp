#pragma once

#include <string>

#include "channels/inbound.hpp"
#include "common/result.hpp"

namespace lapor::channels::kannel {

// Kannel smsbox sms-service get-url, e.g.
//   get-url = "http://127.0.0.1:8080/webhooks/kannel/sms?from=%p&to=%P&text=%a&id=%I&secret=..."
// `id` (%I) is unique per message and is the dedupe key. The secret is the route's gate's
// (CheckQueryToken), checked before this. Errors (kBadRequest) name the missing or bad field.
Result<InboundMessage> ParseSms(const Fields& query);

// The reply SMS as the body. Kannel sends "Could not fetch content, sorry." to the phone for a
// non-2xx answer, so this is always 200; a text outside GSM-7 gets `X-Kannel-Coding: 2` (UCS-2),
// or it would reach the phone as '?'.
ProviderReply RenderSmsReply(const DialogReply& reply);

}  // namespace lapor::channels::kannel
