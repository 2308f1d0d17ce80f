#include "channels/generic/signature.hpp"

#include <charconv>

#include "common/constant_time.hpp"
#include "common/digest.hpp"

namespace lapor::channels::generic {

std::string Sign(std::string_view secret, int64_t timestamp_s, std::string_view body) {
  std::string signed_text = std::to_string(timestamp_s) + ".";
  signed_text += body;
  return "sha256=" + LowerHex(HmacSha256(secret, signed_text));
}

Result<Ok> CheckSignature(std::string_view secret, std::string_view timestamp_header,
                          std::string_view signature_header, std::string_view body, TimeMs now,
                          int64_t window_s) {
  if (timestamp_header.empty() || signature_header.empty()) {
    return Error{Errc::kForbidden, "X-Lapor-Timestamp and X-Lapor-Signature are required"};
  }
  int64_t timestamp = 0;
  auto [end, ec] = std::from_chars(timestamp_header.data(),
                                   timestamp_header.data() + timestamp_header.size(), timestamp);
  if (ec != std::errc{} || end != timestamp_header.data() + timestamp_header.size()) {
    return Error{Errc::kForbidden, "X-Lapor-Timestamp must be Unix seconds"};
  }
  const int64_t now_s = now / 1000;
  if (timestamp < now_s - window_s || timestamp > now_s + window_s) {
    return Error{Errc::kForbidden, "X-Lapor-Timestamp is outside the replay window"};
  }
  if (!ConstantTimeEquals(Sign(secret, timestamp, body), signature_header)) {
    return Error{Errc::kForbidden, "X-Lapor-Signature does not match"};
  }
  return Ok{};
}

}  // namespace lapor::channels::generic
