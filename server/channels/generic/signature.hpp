#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/result.hpp"

// How the generic JSON gateway and we sign what we send each other: the request carries
//   X-Lapor-Timestamp: <Unix seconds>
//   X-Lapor-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
// and a request whose timestamp is more than the replay window (5 minutes) from the receiver's
// clock is refused, so a captured request cannot be played again later; within the window the
// message id's dedupe makes a replay change nothing.
namespace lapor::channels::generic {

inline constexpr std::string_view kTimestampHeader = "X-Lapor-Timestamp";
inline constexpr std::string_view kSignatureHeader = "X-Lapor-Signature";

// "sha256=<hex>" for `body` sent at `timestamp_s`.
std::string Sign(std::string_view secret, int64_t timestamp_s, std::string_view body);

// kForbidden (saying which) unless both headers are there, the timestamp is within
// `window_s` of `now`, and the signature matches (compared in constant time).
Result<Ok> CheckSignature(std::string_view secret, std::string_view timestamp_header,
                          std::string_view signature_header, std::string_view body, TimeMs now,
                          int64_t window_s);

}  // namespace lapor::channels::generic
