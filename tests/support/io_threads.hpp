#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <thread>
#include <type_traits>
#include <vector>

#include "support/run_sync.hpp"

namespace lapor::test {

// An io_context run by `threads` threads until the object goes; declare it before what uses it,
// so that is stopped first and the threads then run out of work.
class IoThreads {
 public:
  explicit IoThreads(int threads = 2) : guard_(boost::asio::make_work_guard(io_)) {
    for (int i = 0; i < threads; ++i) {
      threads_.emplace_back([this] { io_.run(); });
    }
  }
  ~IoThreads() {
    guard_.reset();
    for (std::thread& thread : threads_) {
      thread.join();
    }
  }
  IoThreads(const IoThreads&) = delete;
  IoThreads& operator=(const IoThreads&) = delete;

  boost::asio::io_context& io() { return io_; }

  // Starts `awaitable` on the io_context; see Spawn in run_sync.hpp.
  template <typename T>
  std::future<T> Spawn(boost::asio::awaitable<T> awaitable) {
    return test::Spawn(io_, std::move(awaitable));
  }

  // Runs `awaitable` on the io_context and waits here for its result.
  template <typename T>
  T Run(boost::asio::awaitable<T> awaitable) {
    return RunSync(io_, std::move(awaitable));
  }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
  std::vector<std::thread> threads_;
};

// Polls `condition` until it holds or `timeout` passes; no fixed sleeps in tests.
inline bool Eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

}  // namespace lapor::test
