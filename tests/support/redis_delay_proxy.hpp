#pragma once

#include <chrono>
#include <memory>
#include <string>

namespace lapor::test {

// A TCP proxy in front of a Redis, for tests of a slow Redis: it passes bytes both ways on
// 127.0.0.1, and can hold back the next reply that holds given bytes for a while, as a Redis
// busy with a slow command would (the replies behind it on that connection wait too). Runs on a
// thread of its own.
class RedisDelayProxy {
 public:
  explicit RedisDelayProxy(int redis_port);
  ~RedisDelayProxy();
  RedisDelayProxy(const RedisDelayProxy&) = delete;
  RedisDelayProxy& operator=(const RedisDelayProxy&) = delete;

  int port() const;
  std::string url() const;  // redis://127.0.0.1:<port>

  // The next chunk Redis sends that holds `bytes` reaches the client `delay` later.
  void HoldNext(std::string bytes, std::chrono::milliseconds delay);
  // How many chunks were held so far.
  int held() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace lapor::test
