#include "worker/worker.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>

#include "common/log.hpp"

namespace lapor::worker {

namespace asio = boost::asio;
using std::chrono::milliseconds;

struct Worker::State : WorkerContext {
  State(asio::io_context& io, std::string worker_name, LoopBody loop, metrics::Registry& registry,
        RestartPolicy restart)
      : strand(asio::make_strand(io)),
        name(std::move(worker_name)),
        body(std::move(loop)),
        policy(restart),
        up(registry.AddGauge("lapor1708_worker_up",
                             "1 while a background loop runs, 0 while it is down or stopped.",
                             {{"worker", name}})),
        restarts(registry.AddCounter("lapor1708_worker_restarts_total",
                                     "Background loops started again after a crash.",
                                     {{"worker", name}})) {}

  bool stopping() const override { return stop.load(); }

  asio::awaitable<bool> Sleep(milliseconds delay) override {
    if (stop.load()) {
      co_return false;
    }
    asio::steady_timer timer(co_await asio::this_coro::executor, delay);
    auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    (void)ec;  // cancelled by Stop(): the flag says so
    co_return !stop.load();
  }

  // Runs the body again after each crash until Stop() or until it returns.
  static asio::awaitable<void> Supervise(std::shared_ptr<State> s) {
    // Stop() cancels what the loop waits on; that must come back as a value, not throw.
    co_await asio::this_coro::throw_if_cancelled(false);
    milliseconds delay = s->policy.first_delay;
    while (!s->stop.load()) {
      s->up.Set(1);
      const auto began = std::chrono::steady_clock::now();
      std::string crash;
      try {
        co_await s->body(*s);
      } catch (const std::exception& e) {
        crash = e.what();
      } catch (...) {
        crash = "unknown exception";
      }
      if (crash.empty() || s->stop.load()) {
        break;  // done, or stopped while it was failing
      }
      s->up.Set(0);
      // A loop that ran well for a while before it crashed starts again soon.
      if (std::chrono::steady_clock::now() - began > s->policy.max_delay) {
        delay = s->policy.first_delay;
      }
      log::Error("worker_crashed",
                 {{"worker", s->name}, {"what", crash}, {"restart_in_ms", delay.count()}});
      if (!co_await s->Sleep(delay)) {
        break;
      }
      s->restarts.Increment();
      log::Info("worker_restarted", {{"worker", s->name}});
      delay = std::min(delay * 2, s->policy.max_delay);
    }
    s->up.Set(0);
  }

  asio::strand<asio::io_context::executor_type> strand;
  const std::string name;
  const LoopBody body;
  const RestartPolicy policy;
  metrics::Gauge& up;
  metrics::Counter& restarts;
  asio::cancellation_signal cancel;  // emitted on `strand` only
  std::atomic<bool> started{false};
  std::atomic<bool> stop{false};
  std::atomic<bool> running{false};
};

Worker::Worker(asio::io_context& io, std::string name, LoopBody body, metrics::Registry& registry,
               RestartPolicy policy)
    : state_(std::make_shared<State>(io, std::move(name), std::move(body), registry, policy)) {}

Worker::~Worker() { Stop(); }

void Worker::Start() {
  if (state_->started.exchange(true)) {
    return;
  }
  state_->running.store(true);
  auto s = state_;
  asio::co_spawn(s->strand, State::Supervise(s),
                 asio::bind_cancellation_slot(s->cancel.slot(), [s](std::exception_ptr error) {
                   // Supervise catches what the body throws; only a bug of its own lands here.
                   if (error) {
                     log::Error("worker_supervisor_failed", {{"worker", s->name}});
                   }
                   s->up.Set(0);
                   s->running.store(false);
                 }));
}

void Worker::Stop() {
  if (state_->stop.exchange(true) || !state_->started.load()) {
    return;
  }
  asio::post(state_->strand, [s = state_] { s->cancel.emit(asio::cancellation_type::terminal); });
}

bool Worker::running() const { return state_->running.load(); }

const std::string& Worker::name() const { return state_->name; }

}  // namespace lapor::worker
