#include "channels/africastalking/ussd.hpp"

#include <algorithm>
#include <cstdio>

#include "dialog/ussd_state.hpp"
#include "text/citizen_text.hpp"
#include "text/phone.hpp"

namespace lapor::channels::africastalking {
namespace {

// FNV-1a: a stable digest of phone and cumulative text, so a retried request dedupes across
// instances and restarts (std::hash promises neither).
std::string Digest(std::string_view text) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h = (h ^ c) * 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

Result<InboundMessage> ParseUssd(const Fields& form,
                                 const std::vector<std::string>& service_codes) {
  auto field = [&](std::string_view name) -> const std::string* {
    auto it = form.find(name);
    return it == form.end() ? nullptr : &it->second;
  };
  const std::string* session_id = field("sessionId");
  const std::string* phone = field("phoneNumber");
  const std::string* text = field("text");
  if (session_id == nullptr || phone == nullptr || text == nullptr) {
    return Error{Errc::kBadRequest, "sessionId, phoneNumber and text are required"};
  }
  if (!IsProviderId(*session_id)) {
    return Error{Errc::kBadRequest,
                 "sessionId must be 1-128 characters of letters, digits, - _ . :"};
  }
  auto msisdn = text::NormalizeMsisdn(*phone);
  if (!msisdn) {
    return Error{Errc::kBadRequest, "phoneNumber is not a phone number"};
  }
  if (const std::string* code = field("serviceCode"); !service_codes.empty()) {
    if (code == nullptr ||
        std::find(service_codes.begin(), service_codes.end(), *code) == service_codes.end()) {
      return Error{Errc::kBadRequest, "serviceCode is not served here"};
    }
  }
  // Cleaned whole, so spaces around a '*' typed inside an answer stay; each input is trimmed
  // when it is taken out (NewestUssdInput).
  auto cleaned = text::CleanCitizenText(*text);
  if (!cleaned) {
    return Error{Errc::kBadRequest, "text is not valid UTF-8"};
  }
  return InboundMessage{.provider = "at-ussd",
                        .channel = dialog::Channel::kUssd,
                        .msisdn = *msisdn,
                        .text = *cleaned,
                        // The phone is part of the id: a sessionId reused by another phone must
                        // never be answered from the first citizen's dedupe records.
                        .message_id = *session_id + ":" + Digest(*msisdn + "\n" + *cleaned),
                        .ussd_session_id = *session_id,
                        .newest_input = &NewestUssdInput};
}

ProviderReply RenderUssdReply(const DialogReply& reply) {
  ProviderReply out;
  out.body = (reply.end || reply.busy ? "END " : "CON ") + reply.text;
  return out;
}

std::string NewestUssdInput(std::optional<std::string_view> previous, std::string_view text) {
  std::string_view newest = text;
  if (auto extended = previous ? dialog::UssdTextExtends(*previous, text) : std::nullopt) {
    newest = text.substr(*extended + 1);
  } else if (!previous || !previous->empty()) {
    auto star = text.rfind('*');
    newest = star == std::string_view::npos ? text : text.substr(star + 1);
  }
  while (!newest.empty() && newest.front() == ' ') {
    newest.remove_prefix(1);
  }
  while (!newest.empty() && newest.back() == ' ') {
    newest.remove_suffix(1);
  }
  return std::string(newest);
}

}  // namespace lapor::channels::africastalking
