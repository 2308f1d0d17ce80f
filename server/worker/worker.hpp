#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "metrics/registry.hpp"

namespace lapor::worker {

// What a loop sees of its worker.
class WorkerContext {
 public:
  virtual ~WorkerContext() = default;
  // Stop() was called: finish what is in hand and return.
  virtual bool stopping() const = 0;
  // Waits `delay`, or less when the worker is stopped meanwhile: then false.
  virtual boost::asio::awaitable<bool> Sleep(std::chrono::milliseconds delay) = 0;
};

// A loop's body: runs until ctx.stopping(), then returns. Started again after a crash, so it
// keeps no state of its own between runs that a restart could leave half-done.
using LoopBody = std::function<boost::asio::awaitable<void>(WorkerContext& ctx)>;

struct RestartPolicy {
  std::chrono::milliseconds first_delay{200};  // after the first crash
  std::chrono::milliseconds max_delay{30000};  // the delay doubles per crash up to this
};

// The one background-worker pattern (the scheduler, the outbox sender, later loops): a named
// loop run on its own strand of `io`, watched. A body that throws is logged
// ("worker_crashed"), marked down (lapor1708_worker_up{worker} 0) and run again after a delay
// that doubles with each crash in a row; lapor1708_worker_restarts_total{worker} counts the
// restarts. A body that returns is done. Stop() cancels what the body waits on (its Sleep and
// any operation that honours Asio cancellation) and the loop ends soon after; running() turns
// false. Start, Stop and running are thread-safe. The io_context must run until running() is
// false, as with any Asio operation; the Worker may be destroyed before that.
class Worker {
 public:
  Worker(boost::asio::io_context& io, std::string name, LoopBody body, metrics::Registry& registry,
         RestartPolicy policy = {});
  ~Worker();  // Stop()
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  void Start();  // once
  void Stop();
  bool running() const;
  const std::string& name() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace lapor::worker
