#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "channels/outbound.hpp"
#include "common/json_reader.hpp"

namespace lapor::channels::kannel {

// The config's "channels.kannel" section: the sms-service webhook and the sendsms account.
struct KannelConfig {
  bool enabled = true;
  // The get-url and the dlr-url carry secret=<it> (compared in constant time). "" accepts any
  // request, allowed only while the webhooks listen on loopback (CheckKannelConfig).
  std::string secret;
  std::string sendsms_url;  // http://host:port/cgi-bin/sendsms; "" sends nothing
  std::string username;
  std::string password;
  std::string dlr_url;  // our /webhooks/kannel/dlr as Kannel reaches it; "" asks for no reports
  OutboundOptions outbound{.max_parts = 3};  // max_parts: smsbox's max-messages
};

// Reads the section at "/channels/kannel". Problems go to `r` with their JSON path.
KannelConfig ReadKannelConfig(JsonReader& r, const nlohmann::json& section);

// The rules that need the whole config: a secret when the webhooks listen beyond loopback
// (`exposed`), with the message saying how to set it.
void CheckKannelConfig(JsonReader& r, const KannelConfig& config, bool exposed);

}  // namespace lapor::channels::kannel
