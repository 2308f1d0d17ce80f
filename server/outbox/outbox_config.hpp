#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "common/json_reader.hpp"

namespace lapor::outbox {

// The config's "outbox" section: how queued SMS are sent and retried.
struct OutboxConfig {
  size_t max_attempts = 12;        // sends tried before a message goes to the dead letters
  size_t backoff_ms = 2000;        // wait after the first failure; doubles with each one
  size_t max_backoff_ms = 300000;  // ... up to this
  size_t send_timeout_ms = 5000;   // one call to the gateway, connect to reply
  size_t poll_ms = 200;            // pause between reads when the stream is empty
  std::string from = "1708";       // sender id shown on the handset
  // Which gateway sends what: "citizen" (notices to citizens; replies without a gateway of
  // their own) and "official" (notices to OPD liaisons, the inspectorate, the regent's office).
  std::string citizen_route = "kannel";
  std::string official_route = "kannel";
};

// Reads the section at "/outbox". Problems go to `r` with their JSON path.
OutboxConfig ReadOutboxConfig(JsonReader& r, const nlohmann::json& section);

// How long an entry a sender read but did not settle waits before another sender claims it: well
// past a send and its settle.
int64_t ClaimIdleMs(const OutboxConfig& config);

}  // namespace lapor::outbox
