#include "e2e/support/kannel_stack.hpp"

#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "support/http_client.hpp"

#ifndef LAPOR1708_E2E_BIN
#define LAPOR1708_E2E_BIN ""
#endif

namespace lapor::e2e {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;
using std::chrono::milliseconds;

// A test that runs longer than this is hung: its processes are killed so that it fails.
constexpr auto kWatchdog = std::chrono::seconds(90);
constexpr auto kStartTimeout = milliseconds(15000);
constexpr const char* kSendsmsPassword = "e2e-sendsms-secret";
constexpr const char* kStatusPassword = "e2e-status-secret";

std::string Env(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) {
    throw std::runtime_error("cannot write " + path);
  }
}

// Sets `key = value` on the one line of kannel.conf that has it; the file changing shape (the
// setting gone or doubled) is an error, not a silently different setup.
std::string SetKannelValue(const std::string& conf, const std::string& key,
                           const std::string& value) {
  std::regex line("^" + key + " = .*$", std::regex::multiline);
  auto count =
      std::distance(std::sregex_iterator(conf.begin(), conf.end(), line), std::sregex_iterator());
  if (count != 1) {
    throw std::runtime_error("config/kannel.conf: expected one \"" + key + " = \" line, found " +
                             std::to_string(count));
  }
  return std::regex_replace(conf, line, key + " = " + value);
}

std::string Quoted(const std::string& value) { return "\"" + value + "\""; }

std::string Joined(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& arg : argv) {
    out += (out.empty() ? "" : " ") + arg;
  }
  return out;
}

}  // namespace

StackBinaries StackBinaries::FromEnvironment() {
  return {.lapor1708 = Env("LAPOR1708_BIN", LAPOR1708_E2E_BIN),
          .bearerbox = Env("KANNEL_BEARERBOX_BIN", "/usr/sbin/bearerbox"),
          .smsbox = Env("KANNEL_SMSBOX_BIN", "/usr/sbin/smsbox"),
          .fakesmsc = Env("KANNEL_FAKESMSC_BIN", "/usr/lib/kannel/test/fakesmsc")};
}

std::string Wib(int64_t utc_ms) {
  std::time_t seconds = static_cast<std::time_t>(utc_ms / 1000 + 7 * 3600);
  std::tm tm{};
  ::gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%d/%m/%Y %H:%M WIB", &tm);
  return buf;
}

KannelStack::KannelStack(const std::string& name) : bin_(StackBinaries::FromEnvironment()) {
  for (const std::string* path : {&bin_.lapor1708, &bin_.bearerbox, &bin_.smsbox, &bin_.fakesmsc}) {
    if (path->empty() || ::access(path->c_str(), X_OK) != 0) {
      throw std::runtime_error("not executable: \"" + *path +
                               "\" (Kannel: apt-get install kannel kannel-extras; lapor1708: set "
                               "LAPOR1708_BIN)");
    }
  }
  std::string pattern =
      (std::filesystem::temp_directory_path() / ("lapor1708-e2e-" + name + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp " + pattern);
  }
  dir_ = pattern;
  watchdog_ = std::thread([this] { Watchdog(); });
  try {
    Start();
  } catch (const std::exception& e) {
    std::string what = e.what();
    std::string diagnostics = Diagnostics();
    keep_dir_ = true;
    StopAll();
    throw std::runtime_error("the e2e stack did not start: " + what + "\n" + diagnostics);
  }
}

KannelStack::~KannelStack() {
  StopAll();
  if (!keep_dir_) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  } else {
    std::cerr << "e2e: configs and logs kept in " << dir_ << "\n";
  }
}

void KannelStack::StopAll() {
  {
    std::lock_guard lock(watchdog_mutex_);
    finished_ = true;
  }
  watchdog_wake_.notify_all();
  if (watchdog_.joinable()) {
    watchdog_.join();
  }
  // The phone network first, lapor1708 and Redis last: nothing is left calling a dead peer.
  std::lock_guard lock(children_mutex_);
  if (fakesmsc_) {
    fakesmsc_->process().Stop();
  }
  for (auto* child : {&smsbox_, &bearerbox_, &lapor_}) {
    if (*child) {
      (*child)->Stop();
    }
  }
  redis_sync_.reset();
  redis_.reset();
}

void KannelStack::Watchdog() {
  std::unique_lock lock(watchdog_mutex_);
  if (watchdog_wake_.wait_for(lock, kWatchdog, [this] { return finished_; })) {
    return;
  }
  std::cerr << "e2e watchdog: the test has run for " << kWatchdog.count()
            << " s; killing its processes so that it fails instead of hanging\n";
  watchdog_fired_.store(true);
  std::lock_guard children(children_mutex_);
  if (fakesmsc_) {
    fakesmsc_->process().KillNow();
  }
  for (auto* child : {&smsbox_, &bearerbox_, &lapor_}) {
    if (*child) {
      (*child)->KillNow();
    }
  }
}

std::unique_ptr<ChildProcess> KannelStack::Spawn(const std::string& name,
                                                 std::vector<std::string> argv) {
  commands_.push_back(Joined(argv));
  return ChildProcess::Start(
      {.name = name, .argv = std::move(argv), .log_path = dir_ + "/" + name + ".log", .cwd = dir_});
}

void KannelStack::Start() {
  redis_ = test::RedisProcess::Start();
  redis_sync_ = std::make_unique<test::RedisSync>(redis_->url());
  lapor_port_ = test::UnusedPort();
  admin_port_ = test::UnusedPort();
  box_port_ = test::UnusedPort();
  sendsms_port_ = test::UnusedPort();
  smsc_port_ = test::UnusedPort();
  WriteLaporConfig();
  WriteKannelConfig();
  MakeTokens();
  StartLapor();
  StartBearerbox();
  StartSmsbox();
  StartFakeSmsc();
}

void KannelStack::WriteLaporConfig() {
  const std::string source = LAPOR_SOURCE_DIR;
  json config = json::parse(ReadFile(source + "/config/default.json"));
  config["listen"]["address"] = "127.0.0.1";
  config["listen"]["port"] = lapor_port_;
  config["redis"]["url"] = redis_->url();
  config["redis"]["prefix"] = kPrefix;
  // The config lives in the temporary directory: its data files by absolute path.
  config["dialog"]["file"] = source + "/dialogs/lapor.json";
  config["dialog"]["templates_dir"] = source + "/templates";
  config["places"]["dir"] = source + "/data/wilayah";
  config["calendar"]["holidays_file"] = source + "/config/holidays-id.json";
  // A day of 2 s: the OPD's 5 days pass in 10 s, its warning comes at 8 s. Calendar days, not
  // working days: the machine's date may be a weekend or a holiday, and a working-day calendar
  // with 2-second days would make the deadlines depend on it.
  config["calendar"]["day_seconds"] = kDaySeconds;
  config["calendar"]["working_days"] = false;
  config["scheduler"]["tick_ms"] = 100;
  config["outbox"]["poll_ms"] = 50;
  config["outbox"]["backoff_ms"] = 100;
  config["outbox"]["max_backoff_ms"] = 400;
  config["outbox"]["max_attempts"] = 100;  // Kannel may be down for a while: never give up here
  config["outbox"]["send_timeout_ms"] = 2000;
  config["channels"]["kannel"]["sendsms_url"] =
      "http://127.0.0.1:" + std::to_string(sendsms_port_) + "/cgi-bin/sendsms";
  config["channels"]["kannel"]["password"] = kSendsmsPassword;
  config["channels"]["kannel"]["dlr_url"] =
      "http://127.0.0.1:" + std::to_string(lapor_port_) + "/webhooks/kannel/dlr";
  config["admin"]["tokens_file"] = dir_ + "/admin-tokens.json";
  config["roles"] = {"web", "scheduler", "sender"};
  config["http"]["threads"] = 2;
  lapor_config_ = dir_ + "/lapor1708.json";
  WriteFile(lapor_config_, config.dump(2));
}

void KannelStack::WriteKannelConfig() {
  const std::string source = LAPOR_SOURCE_DIR;
  std::string conf = ReadFile(source + "/config/kannel.conf");
  conf = SetKannelValue(conf, "admin-port", std::to_string(admin_port_));
  conf = SetKannelValue(conf, "status-password", Quoted(kStatusPassword));
  conf = SetKannelValue(conf, "smsbox-port", std::to_string(box_port_));
  conf = SetKannelValue(conf, "bearerbox-port", std::to_string(box_port_));
  conf = SetKannelValue(conf, "port", std::to_string(smsc_port_));  // the fake SMSC
  conf = SetKannelValue(conf, "sendsms-port", std::to_string(sendsms_port_));
  conf = SetKannelValue(conf, "password", Quoted(kSendsmsPassword));  // the sendsms-user
  // The get-url carries lapor1708's secret as config/kannel.conf says (the shipped example, fine
  // on loopback).
  const nlohmann::json lapor = nlohmann::json::parse(ReadFile(lapor_config_));
  conf = SetKannelValue(conf, "get-url",
                        Quoted("http://127.0.0.1:" + std::to_string(lapor_port_) +
                               "/webhooks/kannel/sms?from=%p&to=%P&text=%a&id=%I&secret=" +
                               lapor["channels"]["kannel"]["secret"].get<std::string>()));
  kannel_config_ = dir_ + "/kannel.conf";
  WriteFile(kannel_config_, conf);
}

void KannelStack::MakeTokens() {
  // Made before the server starts, which reads the tokens file once.
  for (const auto& [role, name] :
       std::map<std::string, std::string>{{"verifier", "e2e-siti"},
                                          {"region_admin:19.04", "e2e-budi"},
                                          {"opd:19.04/dinkes", "e2e-dinkes"}}) {
    std::vector<std::string> argv = {bin_.lapor1708, "token", "add",    "--config", lapor_config_,
                                     "--role",       role,    "--name", name};
    commands_.push_back(Joined(argv));
    std::string token = RunToEnd(argv, milliseconds(10000));
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) {
      token.pop_back();
    }
    if (token.empty() || token.find('\n') != std::string::npos) {
      throw std::runtime_error("token add --role " + role + " printed \"" + token + "\"");
    }
    tokens_[role] = token;
  }
}

void KannelStack::StartLapor() {
  {
    std::lock_guard lock(children_mutex_);
    lapor_ = Spawn("lapor1708", {bin_.lapor1708, "serve", "--config", lapor_config_});
  }
  const auto deadline = Clock::now() + kStartTimeout;
  while (true) {
    try {
      if (test::HttpGet(static_cast<uint16_t>(lapor_port_), "/readyz").status == 200) {
        return;
      }
    } catch (const std::exception&) {
      // not listening yet
    }
    if (!lapor_->Running()) {
      throw std::runtime_error("lapor1708 exited at start (" + lapor_->ending() + ")");
    }
    if (Clock::now() > deadline) {
      throw std::runtime_error("lapor1708 did not answer /readyz on port " +
                               std::to_string(lapor_port_));
    }
    std::this_thread::sleep_for(milliseconds(20));
  }
}

std::string KannelStack::KannelStatus() {
  try {
    auto reply = test::HttpGet(static_cast<uint16_t>(admin_port_),
                               std::string("/status.txt?password=") + kStatusPassword);
    return reply.status == 200 ? reply.body : "";
  } catch (const std::exception&) {
    return "";
  }
}

void KannelStack::StartBearerbox() {
  {
    std::lock_guard lock(children_mutex_);
    bearerbox_ = Spawn("bearerbox", {bin_.bearerbox, "-v", "1", kannel_config_});
  }
  const auto deadline = Clock::now() + kStartTimeout;
  while (KannelStatus().find("Status: running") == std::string::npos) {
    if (!bearerbox_->Running()) {
      throw std::runtime_error("bearerbox exited at start (" + bearerbox_->ending() + ")");
    }
    if (Clock::now() > deadline) {
      throw std::runtime_error("bearerbox status did not say running");
    }
    std::this_thread::sleep_for(milliseconds(20));
  }
}

void KannelStack::KillSmsbox() {
  std::lock_guard lock(children_mutex_);
  if (smsbox_) {
    smsbox_down_ = true;
    smsbox_->KillNow();
    smsbox_->Stop();
  }
}

void KannelStack::StartSmsbox() {
  {
    std::lock_guard lock(children_mutex_);
    smsbox_.reset();
    smsbox_down_ = false;
    ++smsbox_starts_;
    smsbox_ = Spawn(smsbox_starts_ == 1 ? "smsbox" : "smsbox-" + std::to_string(smsbox_starts_),
                    {bin_.smsbox, "-v", "1", kannel_config_});
  }
  // bearerbox lists a connected smsbox under "Box connections" as "smsbox:(none), IP ...".
  const auto deadline = Clock::now() + kStartTimeout;
  while (KannelStatus().find("smsbox:") == std::string::npos) {
    if (!smsbox_->Running()) {
      throw std::runtime_error("smsbox exited at start (" + smsbox_->ending() + ")");
    }
    if (Clock::now() > deadline) {
      throw std::runtime_error("bearerbox does not list smsbox as connected");
    }
    std::this_thread::sleep_for(milliseconds(20));
  }
}

void KannelStack::StartFakeSmsc() {
  // fakesmsc gives up at once if bearerbox's fake SMSC does not accept it yet: start it again
  // until bearerbox lists the SMSC as online.
  const std::string online = "FAKE:" + std::to_string(smsc_port_) + " (online";
  const auto deadline = Clock::now() + kStartTimeout;
  while (true) {
    {
      std::lock_guard lock(children_mutex_);
      if (!fakesmsc_ || !fakesmsc_->process().Running()) {
        fakesmsc_.reset();
        fakesmsc_ = std::make_unique<FakeSmsc>(bin_.fakesmsc, smsc_port_, dir_ + "/fakesmsc.log");
        if (commands_.empty() || commands_.back() != fakesmsc_->command()) {
          commands_.push_back(fakesmsc_->command());
        }
      }
    }
    if (KannelStatus().find(online) != std::string::npos) {
      return;
    }
    if (Clock::now() > deadline) {
      throw std::runtime_error("bearerbox does not list the fake SMSC as online");
    }
    std::this_thread::sleep_for(milliseconds(50));
  }
}

const std::string& KannelStack::Token(const std::string& role) const { return tokens_.at(role); }

test::HttpReply KannelStack::Act(const std::string& tracking_no, const std::string& role,
                                 const json& action) {
  return test::HttpRequestWithHeaders(
      static_cast<uint16_t>(lapor_port_), "POST", "/admin/v1/cases/" + tracking_no + "/actions",
      action.dump(),
      {{"Authorization", "Bearer " + Token(role)}, {"Content-Type", "application/json"}});
}

test::HttpReply KannelStack::GetCase(const std::string& tracking_no, const std::string& role) {
  return test::HttpRequestWithHeaders(static_cast<uint16_t>(lapor_port_), "GET",
                                      "/admin/v1/cases/" + tracking_no, "",
                                      {{"Authorization", "Bearer " + Token(role)}});
}

std::map<std::string, double> KannelStack::Metrics() {
  std::map<std::string, double> out;
  auto reply = test::HttpGet(static_cast<uint16_t>(lapor_port_), "/metrics");
  std::istringstream lines(reply.body);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    size_t space = line.rfind(' ');
    if (space == std::string::npos) {
      continue;
    }
    out[line.substr(0, space)] = std::strtod(line.c_str() + space + 1, nullptr);
  }
  return out;
}

double KannelStack::Metric(const std::string& series) {
  auto metrics = Metrics();
  auto it = metrics.find(series);
  return it == metrics.end() ? 0 : it->second;
}

void KannelStack::CheckAlive() {
  if (watchdog_fired_.load()) {
    throw std::runtime_error("the watchdog stopped the stack: the test ran too long");
  }
  std::lock_guard lock(children_mutex_);
  for (ChildProcess* child : {lapor_.get(), bearerbox_.get(), smsbox_.get(),
                              fakesmsc_ ? &fakesmsc_->process() : nullptr}) {
    if (child == nullptr || (child == smsbox_.get() && smsbox_down_)) {
      continue;
    }
    if (!child->Running()) {
      throw std::runtime_error(child->name() + " exited (" + child->ending() +
                               "); its log ends:\n" + FileTail(child->log_path(), 30));
    }
  }
}

bool KannelStack::WaitFor(const std::function<bool()>& done, milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  auto next_poke = Clock::now();
  while (!done()) {
    CheckAlive();
    if (Clock::now() > deadline) {
      return done();
    }
    if (Clock::now() >= next_poke) {
      fakesmsc_->Poke();
      next_poke = Clock::now() + milliseconds(100);
    }
    std::this_thread::sleep_for(milliseconds(50));
  }
  return true;
}

std::string KannelStack::Diagnostics() {
  std::string out = "== e2e directory: " + dir_ + "\n== commands:\n";
  for (const auto& command : commands_) {
    out += "  " + command + "\n";
  }
  std::vector<std::string> logs = {"lapor1708", "bearerbox", "smsbox"};
  for (int i = 2; i <= smsbox_starts_; ++i) {
    logs.push_back("smsbox-" + std::to_string(i));
  }
  logs.push_back("fakesmsc");
  for (const auto& name : logs) {
    out += "== " + name + ".log (tail):\n" + FileTail(dir_ + "/" + name + ".log", 40);
  }
  return out;
}

}  // namespace lapor::e2e
