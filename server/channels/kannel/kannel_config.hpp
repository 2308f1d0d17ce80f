#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "common/json_reader.hpp"

namespace lapor::channels::kannel {

// The config's "channels.kannel" section: the sms-service webhook and the sendsms account.
struct KannelConfig {
  bool enabled = true;
  std::string secret;       // the get-url's secret=...; "" accepts any request
  std::string sendsms_url;  // http://host:port/cgi-bin/sendsms; "" sends nothing
  std::string username;
  std::string password;
  std::string dlr_url;  // our /webhooks/kannel/dlr as Kannel reaches it; "" asks for no reports
};

// Reads the section at "/channels/kannel". Problems go to `r` with their JSON path.
KannelConfig ReadKannelConfig(JsonReader& r, const nlohmann::json& section);

}  // namespace lapor::channels::kannel
