#pragma once

#include "channels/delivery.hpp"
#include "channels/inbound.hpp"
#include "common/result.hpp"

namespace lapor::channels::twilio {

// Twilio's incoming message webhook, `POST /webhooks/twilio/sms`: form fields MessageSid,
// SmsSid, AccountSid, MessagingServiceSid, From, To, Body, NumMedia, NumSegments, the From*/To*
// geography, ApiVersion... (any others are ignored; the signature covers them all). MessageSid
// is the dedupe key. Errors (kBadRequest) name the missing or bad field.
Result<InboundMessage> ParseSms(const Fields& form);

// The reply as TwiML, `application/xml`:
//   <?xml version="1.0" encoding="UTF-8"?><Response><Message>text</Message></Response>
// with the text escaped for XML; an empty reply is <Response/> (Twilio sends nothing).
ProviderReply RenderTwiml(const DialogReply& reply);

// Twilio's status callback (`POST /webhooks/twilio/status?id=<our id>`, the StatusCallback our
// Messages API call gave): MessageSid, MessageStatus, ErrorCode, ... MessageStatus in our terms:
// queued, accepted, scheduled are queued; sending and sent are sent; delivered and read are
// delivered; undelivered, failed and canceled are failed. Our id comes from the query; without
// it the MessageSid names the message. kBadRequest for an unknown MessageStatus.
Result<DeliveryReport> ParseStatusCallback(const Fields& form, const Fields& query);

}  // namespace lapor::channels::twilio
