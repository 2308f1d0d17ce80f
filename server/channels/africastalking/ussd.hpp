#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "channels/inbound.hpp"
#include "common/result.hpp"

namespace lapor::channels::africastalking {

// Africa's Talking USSD callback: POST form sessionId, serviceCode, phoneNumber, networkCode,
// text. `text` is every input of the session so far joined by '*'. Errors (kBadRequest) name the
// missing or bad field. `service_codes` empty = any code accepted.
Result<InboundMessage> ParseUssd(const Fields& form, const std::vector<std::string>& service_codes);

// "CON <screen>" while the dialog goes on, "END <screen>" when it is over; the telco shows the
// text and, for CON, waits for the citizen's next input. Busy is an END screen the citizen reads.
ProviderReply RenderUssdReply(const DialogReply& reply);

// The newest input from the cumulative text, trimmed. `previous` is the session's mark of the
// cumulative text of its last step (dialog::UssdTextMark): when `text` extends that text, the
// input is what follows (so a '*' typed inside an answer survives, with the spaces around it);
// otherwise, and when `previous` is not known, the part after the last '*'.
std::string NewestUssdInput(std::optional<std::string_view> previous, std::string_view text);

}  // namespace lapor::channels::africastalking
