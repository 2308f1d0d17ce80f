#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "admin/admin_config.hpp"
#include "cases/cases_config.hpp"
#include "cases/workflow.hpp"
#include "channels/africastalking/africastalking_config.hpp"
#include "channels/generic/generic_config.hpp"
#include "channels/kannel/kannel_config.hpp"
#include "channels/twilio/twilio_config.hpp"
#include "dialog/dialog_config.hpp"
#include "http/http_config.hpp"
#include "outbox/outbox_config.hpp"
#include "places/places_config.hpp"
#include "scheduler/scheduler.hpp"
#include "store/budget_store.hpp"
#include "store/redis_config.hpp"

namespace lapor::app {

// The loops this process runs (config "roles", env LAPOR1708_ROLES).
struct Roles {
  bool web = true;        // the HTTP listener: webhooks, officials' API, health, metrics
  bool scheduler = true;  // deadlines
  bool sender = true;     // outbound SMS
};

// Everything config/default.json says, checked, as each component reads its own section. See
// that file's _doc fields for what each key means.
struct Config {
  std::string path;  // the file it came from; relative paths inside are resolved against its folder

  http::HttpConfig http;                  // "listen", "http", "admin_listen"
  store::RedisConfig redis;               // "redis"
  dialog::DialogConfig dialog;            // "dialog"
  places::PlacesConfig places;            // "places"
  cases::Policy policy;                   // "deadlines", "regions"
  cases::CalendarConfig calendar;         // "calendar"
  channels::kannel::KannelConfig kannel;  // "channels.kannel"
  channels::africastalking::AfricasTalkingConfig africastalking;  // "channels.africastalking"
  channels::twilio::TwilioConfig twilio;                          // "channels.twilio"
  channels::generic::GenericConfig generic;                       // "channels.generic"
  store::Budgets limits;                                          // "limits"
  outbox::OutboxConfig outbox;                                    // "outbox"
  scheduler::SchedulerOptions scheduler;                          // "scheduler"
  admin::AdminConfig admin;                                       // "admin"
  Roles roles;                                                    // "roles"
  std::string log_level = "info";                                 // "log.level"
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
