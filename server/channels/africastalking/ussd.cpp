#include "channels/africastalking/ussd.hpp"

#include <algorithm>
#include <cstdio>

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
  // Clean each input on its own: cleaning the whole would squeeze spaces around the '*'s.
  std::string cleaned;
  size_t from = 0;
  while (true) {
    size_t star = text->find('*', from);
    auto part = text::CleanCitizenText(std::string_view(*text).substr(from, star - from));
    if (!part) {
      return Error{Errc::kBadRequest, "text is not valid UTF-8"};
    }
    cleaned += *part;
    if (star == std::string::npos) {
      break;
    }
    cleaned += '*';
    from = star + 1;
  }
  return InboundMessage{.provider = "at-ussd",
                        .channel = dialog::Channel::kUssd,
                        .msisdn = *msisdn,
                        .text = cleaned,
                        // The phone is part of the id: a sessionId reused by another phone must
                        // never be answered from the first citizen's dedupe records.
                        .message_id = *session_id + ":" + Digest(*msisdn + "\n" + cleaned),
                        .ussd_session_id = *session_id,
                        .newest_input = &NewestUssdInput};
}

ProviderReply RenderUssdReply(const DialogReply& reply) {
  ProviderReply out;
  out.body = (reply.end || reply.busy ? "END " : "CON ") + reply.text;
  return out;
}

std::string NewestUssdInput(std::string_view previous, std::string_view text) {
  if (previous.empty()) {
    return std::string(text);
  }
  if (text.size() > previous.size() && text.starts_with(previous) && text[previous.size()] == '*') {
    return std::string(text.substr(previous.size() + 1));
  }
  auto star = text.rfind('*');
  return std::string(star == std::string_view::npos ? text : text.substr(star + 1));
}

}  // namespace lapor::channels::africastalking
