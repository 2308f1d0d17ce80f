#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"
#include "dialog/session.hpp"

namespace lapor::channels {

// Fields of a form body or query string, as http/form parses them.
using Fields = std::map<std::string, std::string, std::less<>>;

// A citizen's message as every channel hands it on, authenticated and cleaned.
struct InboundMessage {
  std::string provider;  // dedupe namespace for message_id
  std::string peer;      // the address the request came from (per-address budget)
  dialog::Channel channel = dialog::Channel::kSms;
  std::string msisdn;  // E.164
  std::string text;    // cleaned; USSD: the cumulative text the telco sent
  std::string message_id;
  std::string ussd_session_id;
  // For a provider that sends every USSD input so far in `text` (Africa's Talking): the newest
  // input, given the session's mark of the cumulative text of its previous step
  // (dialog::UssdTextMark; nullopt when it is not known). nullptr when `text` is the newest input
  // already.
  std::string (*newest_input)(std::optional<std::string_view> previous,
                              std::string_view text) = nullptr;

  // The newest input of this message after `previous` (see newest_input).
  std::string NewestInput(std::optional<std::string_view> previous) const {
    return newest_input != nullptr ? newest_input(previous, text) : text;
  }
};

// An id a provider gives a session or message: 1-128 letters, digits, '-', '_', '.', ':'.
// Anything else is refused, since it becomes part of a Redis key.
bool IsProviderId(std::string_view id);

// How a provider names the fields of an incoming SMS: Kannel's get-url and Africa's Talking
// "from", "text", "id"; Twilio "From", "Body", "MessageSid".
struct SmsFieldNames {
  std::string_view from = "from";
  std::string_view text = "text";
  std::string_view id = "id";
  // Said when a field is missing (Kannel: its get-url) or the text is not valid UTF-8.
  std::string_view missing_hint = "";
  std::string_view utf8_hint = "";
};

// The SMS in `fields` from `provider` (its dedupe namespace): the sender's number normalised to
// E.164, the text cleaned (text::CleanCitizenText), the id checked as IsProviderId. Errors
// (kBadRequest) name the missing or bad field as the provider calls it.
Result<InboundMessage> ParseSmsFields(const Fields& fields, std::string provider,
                                      const SmsFieldNames& names = {});

// What goes back in the HTTP answer to the provider.
struct ProviderReply {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// The answer the dialog gave to one message.
struct DialogReply {
  std::string text;
  bool end = false;   // the conversation is over (USSD END)
  bool busy = false;  // the store could not be reached: `text` says "try again"
};

}  // namespace lapor::channels
