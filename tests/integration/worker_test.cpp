// Background loops under watch: a loop that throws is logged, marked down and started again; a
// stopped loop ends; lapor1708_worker_up says which.
#include "worker/worker.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "metrics/registry.hpp"
#include "scheduler/scheduler.hpp"
#include "support/io_threads.hpp"
#include "support/redis_process.hpp"
#include "support/test_server.hpp"

namespace lapor {
namespace {

using namespace std::chrono_literals;
using test::Eventually;

double Up(metrics::Registry& registry, const std::string& worker) {
  return registry
      .AddGauge("lapor1708_worker_up",
                "1 while a background loop runs, 0 while it is down or stopped.",
                {{"worker", worker}})
      .value();
}

uint64_t Restarts(metrics::Registry& registry, const std::string& worker) {
  return registry
      .AddCounter("lapor1708_worker_restarts_total",
                  "Background loops started again after a crash.", {{"worker", worker}})
      .value();
}

// Polls until `worker` is seen down and then up again after one restart.
bool SeenDownThenUp(metrics::Registry& registry, const std::string& worker) {
  bool seen_down = false;
  return Eventually([&] {
    seen_down = seen_down || Up(registry, worker) == 0;
    return seen_down && Restarts(registry, worker) >= 1 && Up(registry, worker) == 1;
  });
}

TEST(Worker, ALoopThatThrowsIsRestartedAndMarkedDownMeanwhile) {
  test::IoThreads io;
  metrics::Registry registry;
  std::atomic<int> runs{0};
  worker::Worker w(io.io(), "flaky",
                   [&](worker::WorkerContext& ctx) -> boost::asio::awaitable<void> {
                     if (++runs == 1) {
                       throw std::runtime_error("first run fails");
                     }
                     while (co_await ctx.Sleep(5ms)) {
                     }
                   },
                   registry, {.first_delay = 300ms, .max_delay = 1000ms});
  w.Start();
  ASSERT_TRUE(SeenDownThenUp(registry, "flaky"));
  EXPECT_EQ(runs.load(), 2);
  EXPECT_TRUE(w.running());
  w.Stop();
  ASSERT_TRUE(Eventually([&] { return !w.running(); }));
  EXPECT_EQ(Up(registry, "flaky"), 0);
}

TEST(Worker, ALoopThatReturnsIsDoneAndNotRestarted) {
  test::IoThreads io;
  metrics::Registry registry;
  std::atomic<int> runs{0};
  worker::Worker w(
      io.io(), "once",
      [&](worker::WorkerContext&) -> boost::asio::awaitable<void> {
        ++runs;
        co_return;
      },
      registry);
  w.Start();
  ASSERT_TRUE(Eventually([&] { return !w.running(); }));
  EXPECT_EQ(runs.load(), 1);
  EXPECT_EQ(Restarts(registry, "once"), 0u);
}

TEST(Worker, StopEndsASleepAtOnce) {
  test::IoThreads io;
  metrics::Registry registry;
  worker::Worker w(
      io.io(), "sleeper",
      [](worker::WorkerContext& ctx) -> boost::asio::awaitable<void> {
        while (co_await ctx.Sleep(std::chrono::hours(1))) {
        }
      },
      registry);
  w.Start();
  ASSERT_TRUE(Eventually([&] { return Up(registry, "sleeper") == 1; }));
  w.Stop();
  EXPECT_TRUE(Eventually([&] { return !w.running(); }, 2s));
}

// A clock that fails its first reads, as a bug deep in a pass would: the pass throws.
class FailingClock final : public Clock {
 public:
  explicit FailingClock(int failures) : failures_(failures) {}
  TimeMs Now() const override {
    if (failures_.fetch_sub(1) > 0) {
      throw std::runtime_error("clock failed");
    }
    return test::kTestEpochMs;
  }

 private:
  mutable std::atomic<int> failures_;
};

TEST(Worker, ACrashingSchedulerLoopIsRestartedAndItsUpGaugeGoesBackToOne) {
  test::TestServer server(test::TestRedisUrl(),
                          [](app::Config& c) { c.roles.scheduler = c.roles.sender = false; });
  auto& s = server.service();
  metrics::Registry registry;
  FailingClock clock(1);
  scheduler::Scheduler scheduler(s.io(), s.cases(), s.desk(), clock,
                                 {.tick_ms = 5, .lease_ms = 60000, .batch = 10}, registry,
                                 {.first_delay = 300ms, .max_delay = 1000ms});
  scheduler.Start();
  ASSERT_TRUE(SeenDownThenUp(registry, "scheduler"));
  EXPECT_EQ(Restarts(registry, "scheduler"), 1u);
  scheduler.Stop();
  ASSERT_TRUE(Eventually([&] { return !scheduler.running(); }));
}

}  // namespace
}  // namespace lapor
