#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <string>
#include <vector>

#include "cases/calendar.hpp"
#include "cases/workflow.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "store/case_store.hpp"
#include "text/template_set.hpp"

namespace lapor::scheduler {

struct SchedulerOptions {
  TimeMs tick_ms = 1000;    // how often due deadlines are claimed
  TimeMs lease_ms = 30000;  // a claim not applied within this long is claimed again
  size_t batch = 200;       // deadlines claimed per pass
};

// Applies deadlines as they fall due: claims them atomically from `due` (so any number of
// schedulers can run), applies each through the pure workflow, and writes the case, its new
// deadlines and its notices in one atomic call that also releases the claim. A scheduler that
// dies between claim and write loses nothing: the lease runs out and the claim is taken again.
class Scheduler {
 public:
  Scheduler(boost::asio::io_context& io, store::CaseStore& cases, const cases::Policy& policy,
            const cases::Calendar& calendar, const text::TemplateSet& templates, const Clock& clock,
            SchedulerOptions options);
  ~Scheduler();

  // Runs RunOnce every tick_ms on the io_context until Stop().
  void Start();
  void Stop();

  // One pass: claims what is due by the clock's now and applies it. Returns how many deadlines
  // changed a case. Errors: Redis unreachable (what was claimed stays claimed until its lease
  // runs out).
  boost::asio::awaitable<Result<size_t>> RunOnce();

  uint64_t applied() const { return applied_.load(); }

 private:
  // One pass's claimed deadlines, grouped by case, shared by the workers applying them.
  struct Pass {
    std::vector<std::vector<std::string>> groups;
    TimeMs now = 0;
    std::atomic<size_t> next{0};
    std::atomic<size_t> changed{0};
  };
  boost::asio::awaitable<void> Workers(Pass& pass, size_t count);
  boost::asio::awaitable<void> Worker(Pass& pass);
  boost::asio::awaitable<Result<bool>> ApplyOne(const std::string& member, TimeMs now);
  boost::asio::awaitable<void> Loop();

  boost::asio::io_context& io_;
  store::CaseStore& cases_;
  const cases::Policy& policy_;
  const cases::Calendar& calendar_;
  const text::TemplateSet& templates_;
  const Clock& clock_;
  SchedulerOptions options_;
  std::shared_ptr<boost::asio::steady_timer> timer_;
  std::atomic<bool> stopped_{true};
  std::atomic<uint64_t> applied_{0};
};

}  // namespace lapor::scheduler
