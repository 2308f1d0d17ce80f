#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

namespace lapor::test {

// A real redis-server for integration tests: 127.0.0.1 only, a free port, no persistence, its
// own temporary directory (removed on destruction). Dies with the test process.
class RedisProcess {
 public:
  // Starts redis-server (from PATH) and returns once it answers PING. `extra_args` are passed on,
  // e.g. {"--requirepass", "secret"}. Throws std::runtime_error if it does not come up.
  static std::unique_ptr<RedisProcess> Start(std::vector<std::string> extra_args = {});

  ~RedisProcess();
  RedisProcess(const RedisProcess&) = delete;
  RedisProcess& operator=(const RedisProcess&) = delete;

  int port() const { return port_; }
  std::string url() const;  // redis://127.0.0.1:<port>

  void Kill();     // SIGKILL, and wait for it to die
  void Restart();  // start again on the same port (empty: no persistence); waits for PING
  void Pause();    // SIGSTOP: the port still accepts TCP, nothing answers
  void Resume();   // SIGCONT

 private:
  RedisProcess(int port, std::string dir, std::vector<std::string> extra_args);
  void Spawn();

  int port_;
  std::string dir_;
  std::vector<std::string> extra_args_;
  pid_t pid_ = -1;
};

// A port on 127.0.0.1 that nothing listens on (it was free a moment ago).
int UnusedPort();

// LAPOR1708_TEST_REDIS_URL if set, else the URL of a redis-server started once for this test
// binary and kept alive until it exits.
std::string TestRedisUrl();

}  // namespace lapor::test
