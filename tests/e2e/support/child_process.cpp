#include "e2e/support/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace lapor::e2e {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::runtime_error SystemError(const std::string& what) {
  return std::runtime_error(what + ": " + std::strerror(errno));
}

// The test's environment minus what would override the config the test wrote.
std::vector<std::string> ChildEnvironment() {
  std::vector<std::string> env;
  for (char** var = environ; *var != nullptr; ++var) {
    std::string_view entry(*var);
    if (entry.starts_with("REDIS_URL=") || entry.starts_with("LAPOR1708_") ||
        entry.starts_with("KANNEL_")) {
      continue;
    }
    env.emplace_back(entry);
  }
  return env;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (std::string& s : strings) {
    out.push_back(s.data());
  }
  out.push_back(nullptr);
  return out;
}

std::string Describe(int status) {
  if (WIFEXITED(status)) {
    return "exit " + std::to_string(WEXITSTATUS(status));
  }
  if (WIFSIGNALED(status)) {
    return "signal " + std::to_string(WTERMSIG(status));
  }
  return "status " + std::to_string(status);
}

// In the child, between fork() and exec(): only async-signal-safe calls. Dies with the parent
// (strictly: with the thread that forked, the test's main thread).
[[noreturn]] void ExecChild(pid_t parent, int stdin_fd, int out_fd, int err_fd, const char* cwd,
                            char** argv, char** envp) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) {
    ::_exit(127);
  }
  if (::dup2(stdin_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0) {
    ::_exit(127);
  }
  ::close_range(3, ~0U, 0);
  if (cwd != nullptr && ::chdir(cwd) != 0) {
    ::_exit(127);
  }
  // The test ignores SIGPIPE (a write to a dead fakesmsc must not kill it); the child gets the
  // default back, as any program expects.
  ::signal(SIGPIPE, SIG_DFL);
  ::execvpe(argv[0], argv, envp);
  ::_exit(127);
}

}  // namespace

std::unique_ptr<ChildProcess> ChildProcess::Start(ProcessSpec spec) {
  if (spec.argv.empty()) {
    throw std::invalid_argument("ChildProcess: no argv");
  }
  ::signal(SIGPIPE, SIG_IGN);
  std::unique_ptr<ChildProcess> child(new ChildProcess(std::move(spec)));
  const ProcessSpec& s = child->spec_;

  // Everything the child needs is built before fork().
  std::vector<std::string> args = s.argv;
  std::vector<std::string> env = ChildEnvironment();
  std::vector<char*> argv = Pointers(args);
  std::vector<char*> envp = Pointers(env);

  int log_fd = ::open(s.log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    throw SystemError("open " + s.log_path);
  }
  int in_read = -1;
  int in_write = -1;
  if (s.stdin_pipe) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
      ::close(log_fd);
      throw SystemError("pipe");
    }
    in_read = fds[0];
    in_write = fds[1];
  } else {
    in_read = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log_fd);
    ::close(in_read);
    if (in_write >= 0) {
      ::close(in_write);
    }
    throw SystemError("fork " + s.name);
  }
  if (pid == 0) {
    ExecChild(parent, in_read, log_fd, log_fd, s.cwd.empty() ? nullptr : s.cwd.c_str(), argv.data(),
              envp.data());
  }
  ::close(log_fd);
  ::close(in_read);
  child->pid_ = pid;
  child->stdin_fd_ = in_write;
  return child;
}

ChildProcess::~ChildProcess() { Stop(); }

void ChildProcess::Reaped(int status) {
  ending_ = Describe(status);
  pid_ = -1;
  if (stdin_fd_ >= 0) {
    ::close(stdin_fd_);
    stdin_fd_ = -1;
  }
}

bool ChildProcess::Running() {
  if (pid_ <= 0) {
    return false;
  }
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    Reaped(status);
    return false;
  }
  return true;
}

void ChildProcess::Stop(milliseconds grace) {
  if (!Running()) {
    return;
  }
  // Its stdin closes first: fakesmsc and friends see EOF as well as the signal.
  if (stdin_fd_ >= 0) {
    ::close(stdin_fd_);
    stdin_fd_ = -1;
  }
  ::kill(pid_, SIGTERM);
  const auto deadline = Clock::now() + grace;
  int status = 0;
  while (Clock::now() < deadline) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      Reaped(status);
      return;
    }
    std::this_thread::sleep_for(milliseconds(10));
  }
  ::kill(pid_, SIGKILL);
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  Reaped(status);
}

void ChildProcess::KillNow() const {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
  }
}

bool ChildProcess::WriteLine(const std::string& line) {
  if (stdin_fd_ < 0) {
    return false;
  }
  std::string data = line + "\n";
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(stdin_fd_, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

std::string RunToEnd(const std::vector<std::string>& command, milliseconds timeout) {
  std::vector<std::string> args = command;
  std::vector<std::string> env = ChildEnvironment();
  std::vector<char*> argv = Pointers(args);
  std::vector<char*> envp = Pointers(env);
  int out[2];
  int err[2];
  if (::pipe2(out, O_CLOEXEC) != 0) {
    throw SystemError("pipe");
  }
  if (::pipe2(err, O_CLOEXEC) != 0) {
    ::close(out[0]);
    ::close(out[1]);
    throw SystemError("pipe");
  }
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ExecChild(parent, null_fd, out[1], err[1], nullptr, argv.data(), envp.data());
  }
  ::close(out[1]);
  ::close(err[1]);
  ::close(null_fd);
  if (pid < 0) {
    ::close(out[0]);
    ::close(err[0]);
    throw SystemError("fork " + command[0]);
  }
  std::string stdout_text;
  std::string stderr_text;
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  int open_fds = 2;
  const auto deadline = Clock::now() + timeout;
  bool timed_out = false;
  while (open_fds > 0) {
    auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    int ready = ::poll(fds, 2, static_cast<int>(left));
    if (ready < 0 && errno != EINTR) {
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) {
        continue;
      }
      char buf[4096];
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        (i == 0 ? stdout_text : stderr_text).append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  for (pollfd& p : fds) {
    if (p.fd >= 0) {
      ::close(p.fd);
    }
  }
  if (timed_out) {
    ::kill(pid, SIGKILL);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(command[0] + " " + (command.size() > 1 ? command[1] : "") + ": " +
                             (timed_out ? "timed out" : Describe(status)) + ": " + stderr_text);
  }
  return stdout_text;
}

std::string FileTail(const std::string& path, size_t max_lines) {
  std::ifstream in(path);
  std::deque<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    lines.push_back(std::move(line));
    if (lines.size() > max_lines) {
      lines.pop_front();
    }
  }
  std::string out;
  for (const auto& l : lines) {
    out += l;
    out += '\n';
  }
  return out;
}

}  // namespace lapor::e2e
