#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cases/workflow.hpp"

namespace lapor::app {

// Everything config/default.json says, checked. See that file for what each key means.
struct Config {
  std::string path;  // the file it came from; relative paths inside are resolved against its folder

  std::string listen_address = "127.0.0.1";
  uint16_t listen_port = 8080;

  size_t http_threads = 0;  // 0 = one per core
  size_t max_header_bytes = 8 * 1024;
  size_t max_body_bytes = 64 * 1024;
  size_t read_timeout_ms = 10000;
  size_t idle_timeout_ms = 60000;
  size_t max_connections = 10000;

  std::string redis_url = "redis://127.0.0.1:6379/0";
  std::string redis_prefix = "l1708:";
  size_t redis_connections = 2;
  size_t redis_connect_timeout_ms = 1000;
  size_t redis_command_timeout_ms = 1000;
  size_t redis_reconnect_delay_ms = 250;

  std::string dialog_file;
  std::string templates_dir;
  std::vector<std::string> languages = {"id", "en"};
  size_t screen_limit = 182;
  size_t sms_idle_minutes = 30;
  size_t ussd_resume_minutes = 10;
  size_t dedupe_hours = 24;

  std::string region_code;
  std::string region_name;
  std::vector<std::string> kecamatan;

  cases::Policy policy;  // deadlines, opds, inspectorate and regent's office phones

  bool working_days = true;
  std::string holidays_file;  // "" = no holidays
  size_t day_seconds = 86400;

  bool kannel_enabled = true;
  std::string kannel_secret;
  std::string kannel_sendsms_url;
  std::string kannel_username;
  std::string kannel_password;
  std::string kannel_dlr_url;

  size_t outbox_max_attempts = 12;
  size_t outbox_backoff_ms = 2000;
  size_t outbox_max_backoff_ms = 300000;
  size_t outbox_send_timeout_ms = 5000;
  size_t outbox_poll_ms = 200;
  std::string outbox_from = "1708";

  size_t scheduler_tick_ms = 1000;
  size_t scheduler_lease_ms = 30000;
  size_t scheduler_batch = 200;

  std::string admin_tokens_file;

  bool role_web = true;
  bool role_scheduler = true;
  bool role_sender = true;
  bool africastalking_enabled = true;
  std::vector<std::string> ussd_service_codes;

  std::string log_level = "info";
};

// Environment variables that override config keys (secrets and addresses).
using Environment = std::map<std::string, std::string>;
Environment ProcessEnvironment();

// Parses and checks a config document; `path` names it in problems and anchors relative paths.
// Throws ConfigError listing every problem with its JSON path.
Config ParseConfig(const nlohmann::json& doc, const std::string& path, const Environment& env);
// Reads the file, then ParseConfig. Throws ConfigError.
Config LoadConfig(const std::string& path, const Environment& env);

}  // namespace lapor::app
