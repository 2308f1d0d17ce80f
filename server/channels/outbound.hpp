#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.hpp"
#include "common/json_reader.hpp"

namespace lapor::channels {

// One SMS to hand to a gateway: a whole notice, or one numbered piece of a long one.
struct OutboundSms {
  std::string id;    // our outbox id; delivery reports name it
  std::string to;    // E.164
  std::string text;  // the final text of this SMS (text::ToSmsText, text::SplitIntoSms)
  TimeMs now = 0;    // when it is sent (a signature's timestamp)
};

// The HTTP request that hands an SMS to a gateway, built without any I/O.
struct OutboundRequest {
  std::string method = "POST";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// What the gateway's answer says.
struct SendVerdict {
  enum class Kind {
    kAccepted,  // taken: the message is on its way
    kRetry,     // not now (gateway down, busy, out of credit): try again later
    kRefused,   // never (an invalid number, a blacklisted one): no use trying again
  };
  Kind kind = Kind::kRetry;
  std::string provider_ref;  // kAccepted: the gateway's id of the message, when it gives one
  std::string error;         // otherwise: why, for logs and the dead letters (never a secret)
};

// How fast a gateway may be sent to, by every instance together (a token bucket in Redis).
struct SendRate {
  double per_second = 0;     // 0: no limit
  bool per_segment = false;  // count SMS segments (what the bill counts) instead of messages
  double burst = 0;          // tokens that may be spent at once; 0: one second's worth
};

// What every gateway's config section says about sending, besides its account.
struct OutboundOptions {
  // Segments one SMS may take at the gateway: a longer text is split into numbered SMS
  // (Kannel: its max-messages).
  size_t max_parts = 3;
  SendRate rate;
  std::string ca_file;  // https: certificates to trust instead of the system's
};

// One provider's outbound side: how to ask it to send one SMS and how to read its answer. Pure:
// the outbox does the I/O. Implementations live in channels/<provider>/.
class Gateway {
 public:
  virtual ~Gateway() = default;
  // The provider's name in config, routes and metrics: "kannel", "africastalking", ...
  virtual std::string_view name() const = 0;
  virtual OutboundRequest Build(const OutboundSms& sms) const = 0;
  // `status` and `body` of the gateway's answer to Build's request.
  virtual SendVerdict Read(int status, std::string_view body) const = 0;
  virtual const OutboundOptions& options() const = 0;
};

// Reads "max_parts", "send_rate" ({"per_second", "unit": "messages" | "segments", "burst"}) and
// "ca_file" of a gateway's section at `path`, over `defaults`. Problems go to `r`.
OutboundOptions ReadOutboundOptions(JsonReader& r, const nlohmann::json& section,
                                    const std::string& path, OutboundOptions defaults);

// "HTTP 503: <first line of body>", at most 200 bytes of it: why an answer was not a success.
std::string RefusalText(int status, std::string_view body);

}  // namespace lapor::channels
