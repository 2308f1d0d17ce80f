#pragma once

#include <cstdint>
#include <string>

#include "channels/inbound.hpp"
#include "common/result.hpp"

namespace lapor::channels::africastalking {

// How a USSD session ended, from Africa's Talking's end-of-session notification (`POST
// /webhooks/africastalking/ussd/events`): form fields date, sessionId, serviceCode,
// networkCode, phoneNumber, status (Success, Incomplete, Failed), cost, durationInMillis,
// hopsCount, input, lastAppResponse, errorMessage.
struct UssdSessionEnd {
  std::string session_id;
  std::string status;  // "success", "incomplete", "failed", or "other"
  int64_t duration_ms = 0;
  int64_t hops = 0;
  std::string error_message;  // with Failed: at most 200 bytes
};

// kBadRequest naming the field when sessionId or status is missing.
Result<UssdSessionEnd> ParseUssdSessionEnd(const Fields& form);

}  // namespace lapor::channels::africastalking
