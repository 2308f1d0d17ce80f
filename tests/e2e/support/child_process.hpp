#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace lapor::e2e {

// What to run. argv[0] is a path, or a name looked up on PATH.
struct ProcessSpec {
  std::string name;               // for messages: "bearerbox", "lapor1708", ...
  std::vector<std::string> argv;  //
  std::string log_path;           // stdout and stderr are appended here
  std::string cwd;                // empty: the test's
  bool stdin_pipe = false;        // true: WriteLine() feeds its stdin; false: /dev/null
};

// A process of the end-to-end stack, owned by the test: it dies with the test process (SIGKILL
// on the parent's death) and is stopped on destruction. Its environment is the test's without
// the variables lapor1708 reads as overrides (REDIS_URL, LAPOR1708_*, KANNEL_*), so only the
// config file the test wrote decides where it connects.
class ChildProcess {
 public:
  // Forks and execs; throws std::runtime_error if it cannot.
  static std::unique_ptr<ChildProcess> Start(ProcessSpec spec);

  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // SIGTERM, then SIGKILL if it has not exited within `grace`; reaps it. Idempotent.
  void Stop(std::chrono::milliseconds grace = std::chrono::milliseconds(1500));
  // SIGKILL only, without reaping: safe from another thread (the watchdog), since the pid stays
  // a zombie, not reusable, until Stop() reaps it.
  void KillNow() const;
  // Still running (reaps it if it has exited).
  bool Running();
  // Writes `line` and a newline to its stdin; false if it has gone away.
  bool WriteLine(const std::string& line);

  const std::string& name() const { return spec_.name; }
  const std::string& log_path() const { return spec_.log_path; }
  pid_t pid() const { return pid_; }
  // How it ended, once it has ("exit 0", "signal 9"); empty while running.
  const std::string& ending() const { return ending_; }

 private:
  explicit ChildProcess(ProcessSpec spec) : spec_(std::move(spec)) {}
  void Reaped(int status);

  ProcessSpec spec_;
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  std::string ending_;
};

// Runs a command to its end and returns what it printed on stdout. Throws std::runtime_error
// (with its stderr) on a non-zero exit, or if it runs longer than `timeout` (then it is killed).
std::string RunToEnd(const std::vector<std::string>& argv, std::chrono::milliseconds timeout);

// The last `max_lines` lines of a file ("" if it cannot be read).
std::string FileTail(const std::string& path, size_t max_lines);

}  // namespace lapor::e2e
