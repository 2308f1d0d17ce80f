#include "channels/twilio/signature.hpp"

#include <algorithm>

#include "common/constant_time.hpp"
#include "common/digest.hpp"

namespace lapor::channels::twilio {

std::string Signature(std::string_view auth_token, std::string_view url, text::FormPairs params) {
  std::sort(params.begin(), params.end());
  std::string signed_text(url);
  for (const auto& [name, value] : params) {
    signed_text += name;
    signed_text += value;
  }
  return Base64(HmacSha1(auth_token, signed_text));
}

Result<Ok> CheckSignature(std::string_view auth_token, std::string_view url, std::string_view body,
                          std::string_view header) {
  if (header.empty()) {
    return Error{Errc::kForbidden, "X-Twilio-Signature is missing"};
  }
  auto params = text::ParseUrlEncodedPairs(body);
  if (!params) {
    return Error{Errc::kForbidden, "X-Twilio-Signature does not match"};
  }
  if (!ConstantTimeEquals(Signature(auth_token, url, std::move(*params)), header)) {
    return Error{Errc::kForbidden, "X-Twilio-Signature does not match"};
  }
  return Ok{};
}

}  // namespace lapor::channels::twilio
