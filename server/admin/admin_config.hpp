#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "common/json_reader.hpp"

namespace lapor::admin {

// The config's "admin" section.
struct AdminConfig {
  std::string tokens_file;  // officials' token hashes (tokens.hpp); "" = nobody can sign in
  // The most SMS (segments, what the gateway bills) an official's answer or reason may take;
  // longer is refused with 422 saying how many it would take.
  size_t max_text_sms = 10;
};

// Reads the section at "/admin"; a relative tokens_file is resolved against the config file's
// folder. Problems go to `r` with their JSON path.
AdminConfig ReadAdminConfig(JsonReader& r, const nlohmann::json& section,
                            const std::string& config_path);

}  // namespace lapor::admin
