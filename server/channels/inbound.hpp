#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dialog/session.hpp"

namespace lapor::channels {

// Fields of a form body or query string, as http/form parses them.
using Fields = std::map<std::string, std::string, std::less<>>;

// A citizen's message as every channel hands it on, authenticated and cleaned.
struct InboundMessage {
  std::string provider;  // dedupe namespace for message_id
  dialog::Channel channel = dialog::Channel::kSms;
  std::string msisdn;  // E.164
  std::string text;    // cleaned; USSD: the cumulative text the telco sent
  std::string message_id;
  std::string ussd_session_id;
  // For a provider that sends every USSD input so far in `text` (Africa's Talking): the newest
  // input, given the cumulative text of the session's previous step (nullopt when it is not
  // known). nullptr when `text` is the newest input already.
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
