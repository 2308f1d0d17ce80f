#include "app/config.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "channels/phone.hpp"
#include "common/config_error.hpp"
#include "common/json_reader.hpp"

extern char** environ;

namespace lapor::app {
namespace {

std::string Resolve(const std::string& config_path, const std::string& relative) {
  if (relative.empty() || relative.front() == '/') {
    return relative;
  }
  auto base = std::filesystem::path(config_path).parent_path();
  return (base / relative).lexically_normal().string();
}

void ApplyRoles(JsonReader& r, const std::string& path, const std::vector<std::string>& names,
                Config& c) {
  c.role_web = c.role_scheduler = c.role_sender = false;
  for (const auto& name : names) {
    if (name == "web") {
      c.role_web = true;
    } else if (name == "scheduler") {
      c.role_scheduler = true;
    } else if (name == "sender") {
      c.role_sender = true;
    } else {
      r.Problem(path, "unknown role \"" + name + "\" (web, scheduler, sender)");
    }
  }
}

std::vector<std::string> Phones(JsonReader& r, const nlohmann::json& obj, const std::string& path,
                                std::string_view key) {
  auto phones = r.Strings(obj, path, key, false);
  for (size_t i = 0; i < phones.size(); ++i) {
    auto e164 = channels::NormalizeMsisdn(phones[i]);
    if (!e164) {
      r.Problem(path + "/" + std::string(key) + "/" + std::to_string(i), "is not a phone number");
    } else {
      phones[i] = *e164;
    }
  }
  return phones;
}

void ReadWorkflow(JsonReader& r, const nlohmann::json& doc, Config& c) {
  auto& p = c.policy;
  const auto& deadlines = r.Object(doc, "", "deadlines", false);
  auto days = [&](const char* key, int fallback) {
    return static_cast<int>(r.Count(deadlines, "/deadlines", key, fallback, 0, 3650));
  };
  p.verify_days = days("verify_days", p.verify_days);
  p.answer_days = days("answer_days", p.answer_days);
  p.warn_before_days = days("warn_before_days", p.warn_before_days);
  p.extension_days = days("extension_days", p.extension_days);
  if (p.warn_before_days >= p.answer_days && p.answer_days > 0) {
    r.Problem("/deadlines/warn_before_days", "must be less than answer_days");
  }
  const auto& tiers = r.Object(deadlines, "/deadlines", "tiers", false);
  if (!tiers.empty()) {
    p.tiers.clear();
    for (const auto& [name, value] : tiers.items()) {
      p.tiers[name] = static_cast<int>(r.Count(tiers, "/deadlines/tiers", name, 0, 1, 3650));
    }
  }

  const auto& calendar = r.Object(doc, "", "calendar", false);
  c.working_days = r.Bool(calendar, "/calendar", "working_days", c.working_days);
  c.holidays_file = Resolve(c.path, r.String(calendar, "/calendar", "holidays_file", false));
  c.day_seconds = r.Count(calendar, "/calendar", "day_seconds", c.day_seconds, 1, 86400);

  if (auto opds = doc.find("opds"); opds != doc.end()) {
    if (!opds->is_array()) {
      r.Problem("/opds", "must be a list of {code, name, liaison_phones, categories}");
    } else {
      for (size_t i = 0; i < opds->size(); ++i) {
        std::string path = "/opds/" + std::to_string(i);
        const auto& item = (*opds)[i];
        if (!item.is_object()) {
          r.Problem(path, "must be an object");
          continue;
        }
        cases::Opd opd{.code = r.String(item, path, "code", true),
                       .name = r.String(item, path, "name", true),
                       .liaison_phones = Phones(r, item, path, "liaison_phones"),
                       .categories = r.Strings(item, path, "categories", false)};
        if (p.FindOpd(opd.code) != nullptr) {
          r.Problem(path + "/code", "\"" + opd.code + "\" is listed twice");
        }
        p.opds.push_back(std::move(opd));
      }
    }
  }
  p.inspectorate_phones =
      Phones(r, r.Object(doc, "", "inspectorate", false), "/inspectorate", "phones");
  p.regent_phones =
      Phones(r, r.Object(doc, "", "regent_office", false), "/regent_office", "phones");
}

void ApplyEnvironment(JsonReader& r, const Environment& env, Config& c) {
  auto get = [&](const char* name) -> const std::string* {
    auto it = env.find(name);
    return it == env.end() || it->second.empty() ? nullptr : &it->second;
  };
  if (auto* url = get("REDIS_URL")) {
    c.redis_url = *url;
  }
  if (auto* prefix = get("LAPOR1708_REDIS_PREFIX")) {
    c.redis_prefix = *prefix;
  }
  if (auto* secret = get("LAPOR1708_KANNEL_SECRET")) {
    c.kannel_secret = *secret;
  }
  if (auto* url = get("KANNEL_SENDSMS_URL")) {
    c.kannel_sendsms_url = *url;
  }
  if (auto* user = get("KANNEL_USERNAME")) {
    c.kannel_username = *user;
  }
  if (auto* password = get("KANNEL_PASSWORD")) {
    c.kannel_password = *password;
  }
  if (auto* tokens = get("LAPOR1708_ADMIN_TOKENS_FILE")) {
    c.admin_tokens_file = *tokens;
  }
  if (auto* roles = get("LAPOR1708_ROLES")) {
    std::vector<std::string> names;
    for (size_t from = 0; from <= roles->size();) {
      size_t comma = std::min(roles->find(',', from), roles->size());
      names.push_back(roles->substr(from, comma - from));
      from = comma + 1;
    }
    ApplyRoles(r, "$LAPOR1708_ROLES", names, c);
  }
  if (auto* threads = get("LAPOR1708_HTTP_THREADS")) {
    try {
      c.http_threads = std::stoul(*threads);
    } catch (const std::exception&) {
      r.Problem("$LAPOR1708_HTTP_THREADS", "must be a whole number");
    }
  }
  if (auto* listen = get("LAPOR1708_LISTEN")) {
    auto colon = listen->rfind(':');
    int port = -1;
    try {
      port = colon == std::string::npos ? -1 : std::stoi(listen->substr(colon + 1));
    } catch (const std::exception&) {
    }
    if (port < 0 || port > 65535 || colon == 0) {
      r.Problem("$LAPOR1708_LISTEN", "must be host:port, e.g. 127.0.0.1:8080");
    } else {
      c.listen_address = listen->substr(0, colon);
      c.listen_port = static_cast<uint16_t>(port);
    }
  }
}

}  // namespace

Environment ProcessEnvironment() {
  Environment env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    auto eq = entry.find('=');
    if (eq != std::string_view::npos) {
      env.emplace(entry.substr(0, eq), entry.substr(eq + 1));
    }
  }
  return env;
}

Config ParseConfig(const nlohmann::json& doc, const std::string& path, const Environment& env) {
  JsonReader r(path);
  Config c;
  c.path = path;
  if (!doc.is_object()) {
    r.Problem("/", "must be a JSON object");
    r.ThrowIfAny();
  }
  for (const auto& [key, value] : doc.items()) {
    static const std::vector<std::string> kKnown = {
        "listen", "http",         "redis",         "dialog",   "region", "deadlines", "calendar",
        "opds",   "inspectorate", "regent_office", "channels", "outbox", "scheduler", "admin",
        "roles",  "log"};
    if (key.front() != '_' && std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end()) {
      r.Problem("/" + key, "unknown key (a typo?)");
    }
  }
  const auto& listen = r.Object(doc, "", "listen", false);
  c.listen_address = r.String(listen, "/listen", "address", false, c.listen_address);
  c.listen_port =
      static_cast<uint16_t>(r.Count(listen, "/listen", "port", c.listen_port, 0, 65535));

  const auto& http = r.Object(doc, "", "http", false);
  c.http_threads = r.Count(http, "/http", "threads", c.http_threads, 0, 256);
  c.max_header_bytes = r.Count(http, "/http", "max_header_bytes", c.max_header_bytes, 1024);
  c.max_body_bytes = r.Count(http, "/http", "max_body_bytes", c.max_body_bytes, 1024);
  c.read_timeout_ms = r.Count(http, "/http", "read_timeout_ms", c.read_timeout_ms, 10);
  c.idle_timeout_ms = r.Count(http, "/http", "idle_timeout_ms", c.idle_timeout_ms, 10);
  c.max_connections = r.Count(http, "/http", "max_connections", c.max_connections, 1);

  const auto& redis = r.Object(doc, "", "redis", false);
  c.redis_url = r.String(redis, "/redis", "url", false, c.redis_url);
  c.redis_prefix = r.String(redis, "/redis", "prefix", false, c.redis_prefix);
  c.redis_connections = r.Count(redis, "/redis", "connections", c.redis_connections, 1, 64);
  c.redis_connect_timeout_ms =
      r.Count(redis, "/redis", "connect_timeout_ms", c.redis_connect_timeout_ms, 10);
  c.redis_command_timeout_ms =
      r.Count(redis, "/redis", "command_timeout_ms", c.redis_command_timeout_ms, 10);
  c.redis_reconnect_delay_ms =
      r.Count(redis, "/redis", "reconnect_delay_ms", c.redis_reconnect_delay_ms, 10);

  const auto& dialog = r.Object(doc, "", "dialog", true);
  c.dialog_file = Resolve(path, r.String(dialog, "/dialog", "file", true));
  c.templates_dir = Resolve(path, r.String(dialog, "/dialog", "templates_dir", true));
  if (dialog.contains("languages")) {
    c.languages = r.Strings(dialog, "/dialog", "languages", true);
    if (c.languages.empty()) {
      r.Problem("/dialog/languages", "needs at least one language");
    }
  }
  c.screen_limit = r.Count(dialog, "/dialog", "screen_limit", c.screen_limit, 40, 1000);
  c.sms_idle_minutes = r.Count(dialog, "/dialog", "sms_idle_minutes", c.sms_idle_minutes, 1);
  c.ussd_resume_minutes =
      r.Count(dialog, "/dialog", "ussd_resume_minutes", c.ussd_resume_minutes, 0);
  c.dedupe_hours = r.Count(dialog, "/dialog", "dedupe_hours", c.dedupe_hours, 1);

  const auto& region = r.Object(doc, "", "region", true);
  c.region_code = r.String(region, "/region", "code", true);
  c.region_name = r.String(region, "/region", "name", true);
  c.kecamatan = r.Strings(region, "/region", "kecamatan", true);
  if (c.kecamatan.empty() && region.contains("kecamatan")) {
    r.Problem("/region/kecamatan", "needs at least one kecamatan");
  }

  const auto& channels = r.Object(doc, "", "channels", false);
  const auto& kannel = r.Object(channels, "/channels", "kannel", false);
  c.kannel_enabled = r.Bool(kannel, "/channels/kannel", "enabled", c.kannel_enabled);
  c.kannel_secret = r.String(kannel, "/channels/kannel", "secret", false);
  c.kannel_sendsms_url = r.String(kannel, "/channels/kannel", "sendsms_url", false);
  c.kannel_username = r.String(kannel, "/channels/kannel", "username", false);
  c.kannel_password = r.String(kannel, "/channels/kannel", "password", false);
  c.kannel_dlr_url = r.String(kannel, "/channels/kannel", "dlr_url", false);
  const auto& at = r.Object(channels, "/channels", "africastalking", false);
  c.africastalking_enabled = r.Bool(at, "/channels/africastalking", "enabled", true);
  c.ussd_service_codes = r.Strings(at, "/channels/africastalking", "service_codes", false);

  ReadWorkflow(r, doc, c);

  const auto& outbox = r.Object(doc, "", "outbox", false);
  c.outbox_max_attempts = r.Count(outbox, "/outbox", "max_attempts", c.outbox_max_attempts, 1, 100);
  c.outbox_backoff_ms = r.Count(outbox, "/outbox", "backoff_ms", c.outbox_backoff_ms, 1);
  c.outbox_max_backoff_ms =
      r.Count(outbox, "/outbox", "max_backoff_ms", c.outbox_max_backoff_ms, 1);
  c.outbox_send_timeout_ms =
      r.Count(outbox, "/outbox", "send_timeout_ms", c.outbox_send_timeout_ms, 10);
  c.outbox_poll_ms = r.Count(outbox, "/outbox", "poll_ms", c.outbox_poll_ms, 1);
  c.outbox_from = r.String(outbox, "/outbox", "from", false, c.outbox_from);

  const auto& scheduler = r.Object(doc, "", "scheduler", false);
  c.scheduler_tick_ms = r.Count(scheduler, "/scheduler", "tick_ms", c.scheduler_tick_ms, 1);
  c.scheduler_lease_ms = r.Count(scheduler, "/scheduler", "lease_ms", c.scheduler_lease_ms, 10);
  c.scheduler_batch = r.Count(scheduler, "/scheduler", "batch", c.scheduler_batch, 1, 10000);

  const auto& admin = r.Object(doc, "", "admin", false);
  c.admin_tokens_file = Resolve(path, r.String(admin, "/admin", "tokens_file", false));

  if (doc.contains("roles")) {
    ApplyRoles(r, "/roles", r.Strings(doc, "", "roles", true), c);
  }

  const auto& log = r.Object(doc, "", "log", false);
  c.log_level = r.String(log, "/log", "level", false, c.log_level);
  if (c.log_level != "debug" && c.log_level != "info" && c.log_level != "warn" &&
      c.log_level != "error") {
    r.Problem("/log/level", "must be debug, info, warn or error");
  }

  ApplyEnvironment(r, env, c);
  r.ThrowIfAny();
  return c;
}

Config LoadConfig(const std::string& path, const Environment& env) {
  return ParseConfig(ReadJsonFile(path), path, env);
}

}  // namespace lapor::app
