#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "e2e/support/child_process.hpp"
#include "support/redis_process.hpp"
#include "support/redis_sync.hpp"

namespace lapor::chaos {

// The real lapor1708 binary (role web) and a real redis-server with AOF fsync'd on every write,
// on free loopback ports, for tests that kill them under load. The server runs the chaos dialog
// (tests/fixtures/chaos/): a first SMS of 15 characters or more is the details, "1" files it.
class ChaosStack {
 public:
  ChaosStack();
  ~ChaosStack();

  void StartServer();  // and waits until /readyz answers 200
  void KillServer();   // SIGKILL
  void TermServer();   // SIGTERM, and waits until it has exited (it drains first)
  void KillRedis();    // SIGKILL
  void StartRedis();   // again, on the same port and AOF

  uint16_t port() const { return port_; }
  const std::string& prefix() const { return prefix_; }
  test::RedisSync& redis();
  // The busy text of the chaos dialog, which a citizen may get while Redis is away.
  const std::string& busy_text() const { return busy_text_; }
  // The Kannel secret of its config, for the get-url as Kannel would call it.
  const std::string& kannel_secret() const { return kannel_secret_; }

 private:
  std::string dir_;
  std::string config_path_;
  std::string prefix_ = "chaos:";
  std::string busy_text_;
  std::string kannel_secret_;
  uint16_t port_ = 0;
  int starts_ = 0;
  std::unique_ptr<test::RedisProcess> redis_;
  std::unique_ptr<test::RedisSync> sync_;
  std::unique_ptr<e2e::ChildProcess> server_;
};

// What one citizen saw while filing reports by SMS through the Kannel webhook.
struct CitizenLog {
  std::string phone;
  std::vector<std::string> numbers;  // tracking numbers received, one per report
  int busy = 0;                      // "busy, try again" answers
  int slow_busy = 0;                 // of those, answered after more than 2 s
  int cut_off = 0;                   // answers that began and broke off
  int unexpected = 0;                // answers that were neither the next screen nor busy
  std::string first_unexpected;
};

// A citizen filing reports one after the other, as a telco would deliver them: each message
// has its own id, and a message that got no answer (refused, reset, no response) is sent again
// with the same id until it gets one. Files `min_reports`, then goes on until `stop`.
void FileReports(const ChaosStack& stack, int citizen, int min_reports,
                 const std::atomic<bool>& stop, CitizenLog& log);

// What the store holds against what the citizens were told.
struct Audit {
  int lost = 0;        // numbers a citizen got that are not a case of that citizen's phone
  int duplicates = 0;  // cases beyond the reports the citizens were told about
  int reused = 0;      // numbers given to more than one citizen
  int told = 0;        // numbers the citizens got in all
  int filed = 0;       // cases in the store
};
Audit Check(ChaosStack& stack, const std::vector<CitizenLog>& logs);

}  // namespace lapor::chaos
