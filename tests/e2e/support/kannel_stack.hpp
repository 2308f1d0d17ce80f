#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "e2e/support/child_process.hpp"
#include "e2e/support/fake_smsc.hpp"
#include "support/http_client.hpp"
#include "support/redis_process.hpp"
#include "support/redis_sync.hpp"

namespace lapor::e2e {

// Where the stack's programs are. Each can be overridden by an environment variable.
struct StackBinaries {
  std::string lapor1708;  // LAPOR1708_BIN, else the path the build passed in (LAPOR1708_E2E_BIN)
  std::string bearerbox;  // KANNEL_BEARERBOX_BIN, else /usr/sbin/bearerbox
  std::string smsbox;     // KANNEL_SMSBOX_BIN, else /usr/sbin/smsbox
  std::string fakesmsc;   // KANNEL_FAKESMSC_BIN, else /usr/lib/kannel/test/fakesmsc
  static StackBinaries FromEnvironment();
};

// The whole chain on 127.0.0.1, each part on a free port, in its own temporary directory:
//
//   fakesmsc ─ bearerbox ─ smsbox ──get-url──▶ lapor1708 ─▶ redis-server
//   (phones)   (fake SMSC)   ▲                    │ outbox sender
//                            └──/cgi-bin/sendsms──┘ (dlr-url back to lapor1708)
//
// lapor1708 is the real binary with a config written from config/default.json (short days, fast
// scheduler and sender, small backoff) and a tokens file made with `lapor1708 token add`;
// Kannel runs with config/kannel.conf, only its ports, passwords and get-url rewritten.
// Everything is stopped on destruction; a watchdog kills the processes if a test hangs, so a
// blocked call fails instead of waiting for ever.
class KannelStack {
 public:
  static constexpr const char* kPrefix = "l1708:";
  static constexpr int kDaySeconds = 2;

  // Starts everything and waits until bearerbox reports smsbox and fakesmsc connected and
  // lapor1708 answers /readyz. Throws std::runtime_error (with the logs) if a part does not come
  // up. `name` names the temporary directory.
  explicit KannelStack(const std::string& name);
  ~KannelStack();
  KannelStack(const KannelStack&) = delete;
  KannelStack& operator=(const KannelStack&) = delete;

  // The officials' bearer tokens, by role: "verifier", "region_admin:19.04" (Bangka Tengah's
  // admin), "opd:19.04/dinkes" (its health office).
  const std::string& Token(const std::string& role) const;
  // POST /admin/v1/cases/{no}/actions and GET /admin/v1/cases/{no}, as `role`.
  test::HttpReply Act(const std::string& tracking_no, const std::string& role,
                      const nlohmann::json& action);
  test::HttpReply GetCase(const std::string& tracking_no, const std::string& role);
  // lapor1708's /metrics: "name{labels}" -> value.
  std::map<std::string, double> Metrics();
  double Metric(const std::string& series);  // 0 when absent

  FakeSmsc& phones() { return *fakesmsc_; }
  test::RedisSync& redis() { return *redis_sync_; }

  // Waits until `done()` holds, looking every 50 ms and poking fakesmsc so that MTs show at
  // once. Returns done() at the end: false on timeout. Throws std::runtime_error, with the end
  // of its log, as soon as a process of the stack has died (a crash of lapor1708 fails the test
  // at once), or once the watchdog has fired.
  bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds timeout);

  // Kannel down and back: smsbox (the sendsms interface lapor1708 sends through) is killed, and
  // started again with the same config; StartSmsbox waits until bearerbox reports it connected.
  void KillSmsbox();
  void StartSmsbox();

  // bearerbox's /status.txt ("" if it does not answer).
  std::string KannelStatus();

  // The commands run, the directory, and the tail of every log: for a failure message.
  std::string Diagnostics();
  // Leave the temporary directory (configs and logs) in place for a look after a failure.
  void KeepDirectory() { keep_dir_ = true; }
  const std::string& dir() const { return dir_; }

 private:
  void Start();
  void WriteLaporConfig();
  void WriteKannelConfig();
  void MakeTokens();
  void StartLapor();
  void StartBearerbox();
  void StartFakeSmsc();
  void StopAll();
  void Watchdog();
  void CheckAlive();
  std::unique_ptr<ChildProcess> Spawn(const std::string& name, std::vector<std::string> argv);

  StackBinaries bin_;
  std::string dir_;
  bool keep_dir_ = false;
  int lapor_port_ = 0;
  int admin_port_ = 0;    // bearerbox admin HTTP (status)
  int box_port_ = 0;      // bearerbox <-> smsbox
  int sendsms_port_ = 0;  // smsbox sendsms HTTP
  int smsc_port_ = 0;     // bearerbox's fake SMSC, fakesmsc connects to it
  int smsbox_starts_ = 0;
  bool smsbox_down_ = false;  // KillSmsbox() was called, StartSmsbox() not yet
  std::string lapor_config_;
  std::string kannel_config_;
  std::vector<std::string> commands_;  // every command run, for Diagnostics()
  std::map<std::string, std::string> tokens_;

  std::unique_ptr<test::RedisProcess> redis_;
  std::unique_ptr<test::RedisSync> redis_sync_;
  std::mutex children_mutex_;  // the watchdog reads the pointers below
  std::unique_ptr<ChildProcess> lapor_;
  std::unique_ptr<ChildProcess> bearerbox_;
  std::unique_ptr<ChildProcess> smsbox_;
  std::unique_ptr<FakeSmsc> fakesmsc_;

  std::mutex watchdog_mutex_;
  std::condition_variable watchdog_wake_;
  bool finished_ = false;
  std::atomic<bool> watchdog_fired_{false};
  std::thread watchdog_;
};

// A deadline time in the form every SMS shows it: "29/11/2026 06:20 WIB" (UTC+7, minutes
// truncated). Computed here, independently of the server's formatting.
std::string Wib(int64_t utc_ms);

}  // namespace lapor::e2e
