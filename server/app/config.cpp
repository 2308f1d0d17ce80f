#include "app/config.hpp"

#include <unistd.h>

#include <algorithm>

#include "common/config_error.hpp"
#include "common/json_reader.hpp"
#include "common/network.hpp"
#include "common/whole_number.hpp"
#include "scheduler/scheduler_config.hpp"
#include "store/budget_config.hpp"

extern char** environ;

namespace lapor::app {
namespace {

void ApplyRoles(JsonReader& r, const std::string& path, const std::vector<std::string>& names,
                Roles& roles) {
  roles = Roles{.web = false, .scheduler = false, .sender = false};
  for (const auto& name : names) {
    if (name == "web") {
      roles.web = true;
    } else if (name == "scheduler") {
      roles.scheduler = true;
    } else if (name == "sender") {
      roles.sender = true;
    } else {
      r.Problem(path, "unknown role \"" + name + "\" (web, scheduler, sender)");
    }
  }
}

void CheckKnownKeys(JsonReader& r, const nlohmann::json& doc) {
  static const std::vector<std::string> kKnown = {
      "listen",    "admin_listen", "http",    "redis",    "dialog", "places",
      "deadlines", "calendar",     "regions", "channels", "limits", "outbox",
      "scheduler", "admin",        "roles",   "log",      "citizen"};
  for (const auto& [key, value] : doc.items()) {
    if (key.front() != '_' && std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end()) {
      r.Problem("/" + key, "unknown key (a typo?)");
    }
  }
}

// "host:port" of `variable` into `address` and `port`.
void ApplyListen(JsonReader& r, std::string_view variable, const std::string& listen,
                 std::string& address, uint16_t& port) {
  auto colon = listen.rfind(':');
  int number = -1;
  // The whole rest is the port: "127.0.0.1:80x" or ":+80" is a mistake, not port 80.
  if (colon == std::string::npos ||
      !ParseWhole(std::string_view(listen).substr(colon + 1), number)) {
    number = -1;
  }
  if (number < 0 || number > 65535 || colon == 0) {
    r.Problem(variable, "must be host:port, e.g. 127.0.0.1:8080");
    return;
  }
  address = listen.substr(0, colon);
  port = static_cast<uint16_t>(number);
}

// Secrets and addresses from the environment win over the file.
void ApplyEnvironment(JsonReader& r, const Environment& env, Config& c) {
  auto get = [&](const char* name) -> const std::string* {
    auto it = env.find(name);
    return it == env.end() || it->second.empty() ? nullptr : &it->second;
  };
  auto set = [&](const char* name, std::string& field) {
    if (const std::string* value = get(name)) {
      field = *value;
    }
  };
  set("REDIS_URL", c.redis.url);
  set("LAPOR1708_REDIS_PREFIX", c.redis.prefix);
  set("LAPOR1708_KANNEL_SECRET", c.kannel.secret);
  set("LAPOR1708_AFRICASTALKING_TOKEN", c.africastalking.token);
  set("LAPOR1708_AFRICASTALKING_API_KEY", c.africastalking.api_key);
  set("LAPOR1708_TWILIO_AUTH_TOKEN", c.twilio.auth_token);
  set("LAPOR1708_GENERIC_SECRET", c.generic.secret);
  set("KANNEL_SENDSMS_URL", c.kannel.sendsms_url);
  set("KANNEL_USERNAME", c.kannel.username);
  set("KANNEL_PASSWORD", c.kannel.password);
  set("LAPOR1708_ADMIN_TOKENS_FILE", c.admin.tokens_file);
  if (const std::string* roles = get("LAPOR1708_ROLES")) {
    std::vector<std::string> names;
    for (size_t from = 0; from <= roles->size();) {
      size_t comma = std::min(roles->find(',', from), roles->size());
      names.push_back(roles->substr(from, comma - from));
      from = comma + 1;
    }
    ApplyRoles(r, "$LAPOR1708_ROLES", names, c.roles);
  }
  if (const std::string* threads = get("LAPOR1708_HTTP_THREADS")) {
    // Unsigned: "-1" is refused, not wrapped to a huge count.
    unsigned count = 0;
    if (!ParseWhole(*threads, count) || count > 256) {
      r.Problem("$LAPOR1708_HTTP_THREADS", "must be a whole number from 0 to 256");
    } else {
      c.http.threads = count;
    }
  }
  if (const std::string* listen = get("LAPOR1708_LISTEN")) {
    ApplyListen(r, "$LAPOR1708_LISTEN", *listen, c.http.address, c.http.port);
  }
  if (const std::string* listen = get("LAPOR1708_ADMIN_LISTEN")) {
    c.http.separate_admin = true;
    ApplyListen(r, "$LAPOR1708_ADMIN_LISTEN", *listen, c.http.admin_address, c.http.admin_port);
  }
}

// The rules that span sections, on the config as the environment left it: a webhook reachable
// from beyond this machine must have its secret; an outbound route must name a gateway that can
// send.
void CheckWhole(JsonReader& r, const Config& c) {
  const bool exposed = c.roles.web && !IsLoopbackAddress(c.http.address);
  channels::kannel::CheckKannelConfig(r, c.kannel, exposed);
  channels::africastalking::CheckAfricasTalkingConfig(r, c.africastalking, exposed);
  channels::twilio::CheckTwilioConfig(r, c.twilio);
  channels::generic::CheckGenericConfig(r, c.generic);
  auto sends = [&](const std::string& gateway) {
    return (gateway == "kannel" && c.kannel.enabled && !c.kannel.sendsms_url.empty()) ||
           (gateway == "africastalking" && c.africastalking.enabled &&
            !c.africastalking.username.empty()) ||
           (gateway == "twilio" && c.twilio.enabled) ||
           (gateway == "generic" && c.generic.enabled && !c.generic.send_url.empty());
  };
  // No gateway that can send: no sender (the notices wait in Redis). One at least: both routes
  // must name one.
  const bool any =
      sends("kannel") || sends("africastalking") || sends("twilio") || sends("generic");
  for (const auto& [key, gateway] : {std::pair{"citizen", c.outbox.citizen_route},
                                     std::pair{"official", c.outbox.official_route}}) {
    if (c.roles.sender && any && !sends(gateway)) {
      r.Problem(std::string("/outbox/routes/") + key,
                "\"" + gateway +
                    "\" cannot send: kannel (with sendsms_url), africastalking "
                    "(with username), twilio or generic (with send_url), enabled");
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
  CheckKnownKeys(r, doc);
  // Each component reads its own section, in the order of the file.
  c.http = http::ReadHttpConfig(
      r, r.Object(doc, "", "listen", false), r.Object(doc, "", "http", false),
      doc.contains("admin_listen") ? &r.Object(doc, "", "admin_listen", true) : nullptr);
  c.redis = store::ReadRedisConfig(r, r.Object(doc, "", "redis", false));
  c.dialog = dialog::ReadDialogConfig(r, r.Object(doc, "", "dialog", true), "/dialog", path);
  c.places = places::ReadPlacesConfig(r, r.Object(doc, "", "places", true), path);
  c.policy = cases::ReadPolicy(r, doc);
  c.calendar = cases::ReadCalendarConfig(r, doc, path);
  const auto& channels = r.Object(doc, "", "channels", false);
  c.kannel =
      channels::kannel::ReadKannelConfig(r, r.Object(channels, "/channels", "kannel", false));
  c.africastalking = channels::africastalking::ReadAfricasTalkingConfig(
      r, r.Object(channels, "/channels", "africastalking", false));
  c.twilio =
      channels::twilio::ReadTwilioConfig(r, r.Object(channels, "/channels", "twilio", false));
  c.generic =
      channels::generic::ReadGenericConfig(r, r.Object(channels, "/channels", "generic", false));
  c.limits = store::ReadBudgets(r, r.Object(doc, "", "limits", false));
  c.outbox = outbox::ReadOutboxConfig(r, r.Object(doc, "", "outbox", false));
  c.scheduler = scheduler::ReadSchedulerOptions(r, r.Object(doc, "", "scheduler", false));
  c.admin = admin::ReadAdminConfig(r, r.Object(doc, "", "admin", false), path);
  if (doc.contains("roles")) {
    ApplyRoles(r, "/roles", r.Strings(doc, "", "roles", true), c.roles);
  }
  c.log_level = r.String(r.Object(doc, "", "log", false), "/log", "level", false, c.log_level);
  if (c.log_level != "debug" && c.log_level != "info" && c.log_level != "warn" &&
      c.log_level != "error") {
    r.Problem("/log/level", "must be debug, info, warn or error");
  }
  ApplyEnvironment(r, env, c);
  CheckWhole(r, c);
  r.ThrowIfAny();
  return c;
}

Config LoadConfig(const std::string& path, const Environment& env) {
  return ParseConfig(ReadJsonFile(path), path, env);
}

}  // namespace lapor::app
