#include "channels/inbound.hpp"

#include <algorithm>
#include <cctype>

#include "text/citizen_text.hpp"
#include "text/phone.hpp"

namespace lapor::channels {

bool IsProviderId(std::string_view id) {
  constexpr size_t kMaxLength = 128;
  return !id.empty() && id.size() <= kMaxLength && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
           c == ':';
  });
}

Result<InboundMessage> ParseSmsFields(const Fields& fields, std::string provider,
                                      const SmsFieldNames& names) {
  auto field = [&](std::string_view name) -> const std::string* {
    auto it = fields.find(name);
    return it == fields.end() ? nullptr : &it->second;
  };
  const std::string* from = field(names.from);
  const std::string* text = field(names.text);
  const std::string* id = field(names.id);
  auto named = [&](std::string_view what, std::string_view hint = "") {
    return Error{Errc::kBadRequest,
                 std::string(what) + (hint.empty() ? "" : " (" + std::string(hint) + ")")};
  };
  if (from == nullptr || text == nullptr || id == nullptr) {
    return named(std::string(names.from) + ", " + std::string(names.text) + " and " +
                     std::string(names.id) + " are required",
                 names.missing_hint);
  }
  if (!IsProviderId(*id)) {
    return named(std::string(names.id) + " must be 1-128 characters of letters, digits, - _ . :");
  }
  auto msisdn = text::NormalizeMsisdn(*from);
  if (!msisdn) {
    return named(std::string(names.from) + " is not a phone number");
  }
  auto cleaned = text::CleanCitizenText(*text);
  if (!cleaned) {
    return named(std::string(names.text) + " is not valid UTF-8", names.utf8_hint);
  }
  return InboundMessage{.provider = std::move(provider),
                        .channel = dialog::Channel::kSms,
                        .msisdn = *msisdn,
                        .text = std::move(*cleaned),
                        .message_id = *id};
}

}  // namespace lapor::channels
