#include "support/redis_process.hpp"

#include <arpa/inet.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace lapor::test {
namespace {

constexpr auto kStartDeadline = std::chrono::seconds(10);

std::runtime_error SystemError(const std::string& what) {
  return std::runtime_error(what + ": " + std::strerror(errno));
}

// True once a PING on a fresh blocking connection answers PONG.
bool AnswersPing(int port) {
  timeval timeout{0, 200 * 1000};
  redisContext* context = redisConnectWithTimeout("127.0.0.1", port, timeout);
  if (context == nullptr) {
    return false;
  }
  bool pong = false;
  if (context->err == 0 && redisSetTimeout(context, timeout) == REDIS_OK) {
    auto* reply = static_cast<redisReply*>(redisCommand(context, "PING"));
    if (reply != nullptr) {
      // With --requirepass, PING answers NOAUTH: the server is up all the same.
      pong = reply->type == REDIS_REPLY_STATUS ||
             (reply->type == REDIS_REPLY_ERROR && std::strncmp(reply->str, "NOAUTH", 6) == 0);
      freeReplyObject(reply);
    }
  }
  redisFree(context);
  return pong;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int UnusedPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    throw SystemError("socket");
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw SystemError("bind 127.0.0.1:0");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

std::unique_ptr<RedisProcess> RedisProcess::Start(std::vector<std::string> extra_args) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "lapor1708-redis-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw SystemError("mkdtemp " + pattern);
  }
  std::unique_ptr<RedisProcess> process(
      new RedisProcess(UnusedPort(), std::move(pattern), std::move(extra_args)));
  process->Spawn();
  return process;
}

RedisProcess::RedisProcess(int port, std::string dir, std::vector<std::string> extra_args)
    : port_(port), dir_(std::move(dir)), extra_args_(std::move(extra_args)) {}

RedisProcess::~RedisProcess() {
  Kill();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string RedisProcess::url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

void RedisProcess::Spawn() {
  // No persistence, loopback only, logs in our own directory.
  const std::string port = std::to_string(port_);
  const std::string log = dir_ + "/redis.log";
  std::vector<std::string> args = {
      "redis-server", "--port",      port, "--bind", "127.0.0.1", "--save",    "", "--appendonly",
      "no",           "--daemonize", "no", "--dir",  dir_,        "--logfile", log};
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  // Built before fork(): the child of a threaded process may only make async-signal-safe calls.
  std::vector<char*> argv;
  for (std::string& arg : args) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);

  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    throw SystemError("fork");
  }
  if (pid == 0) {
    // Die with the test (strictly: with the thread that forked, the main thread in our tests),
    // and do not keep the test's sockets open, e.g. a hiredis connection to the old server.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) {
      ::_exit(127);
    }
    ::close_range(3, ~0U, 0);
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  pid_ = pid;

  const auto deadline = std::chrono::steady_clock::now() + kStartDeadline;
  while (!AnswersPing(port_)) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("redis-server exited at start: " + ReadFile(dir_ + "/redis.log"));
    }
    if (std::chrono::steady_clock::now() > deadline) {
      Kill();
      throw std::runtime_error("redis-server did not answer PING on port " + std::to_string(port_));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void RedisProcess::Kill() {
  if (pid_ <= 0) {
    return;
  }
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
}

void RedisProcess::Restart() {
  Kill();
  Spawn();
}

void RedisProcess::Pause() {
  if (pid_ <= 0) {
    return;
  }
  ::kill(pid_, SIGSTOP);
  int status = 0;
  while (::waitpid(pid_, &status, WUNTRACED) < 0 && errno == EINTR) {
  }
}

void RedisProcess::Resume() {
  if (pid_ <= 0) {
    return;
  }
  ::kill(pid_, SIGCONT);
  int status = 0;
  while (::waitpid(pid_, &status, WCONTINUED) < 0 && errno == EINTR) {
  }
}

std::string TestRedisUrl() {
  if (const char* url = std::getenv("LAPOR1708_TEST_REDIS_URL"); url != nullptr && *url != '\0') {
    return url;
  }
  static const std::unique_ptr<RedisProcess> process = RedisProcess::Start();
  return process->url();
}

}  // namespace lapor::test
