#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "casework/case_desk.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "metrics/registry.hpp"
#include "store/case_store.hpp"
#include "worker/worker.hpp"

namespace lapor::scheduler {

struct SchedulerOptions {
  TimeMs tick_ms = 1000;    // how often due deadlines are claimed
  TimeMs lease_ms = 30000;  // a claim not applied within this long is claimed again
  size_t batch = 200;       // deadlines claimed per pass
};

// Applies deadlines as they fall due: claims them atomically from `due` (so any number of
// schedulers can run), moves each case through the case desk as the system actor, and the desk's
// one atomic write also releases the claim. A scheduler that dies between claim and write loses
// nothing: the lease runs out and the claim is taken again. The loop runs as a supervised
// worker ("scheduler"): a crash is logged and the loop starts again.
class Scheduler {
 public:
  Scheduler(boost::asio::io_context& io, store::CaseStore& cases, casework::CaseDesk& desk,
            const Clock& clock, SchedulerOptions options, metrics::Registry& registry,
            worker::RestartPolicy restart = {});

  // Runs CatchUp every tick_ms until Stop().
  void Start();
  void Stop();
  bool running() const { return worker_.running(); }

  // One pass: claims up to `batch` deadlines due by the clock's now and applies them. Returns
  // how many changed a case. Errors: Redis unreachable (what was claimed stays claimed until its
  // lease runs out).
  boost::asio::awaitable<Result<size_t>> RunOnce();
  // Passes back to back while each claims a full batch (a backlog: after downtime, or the
  // thousands of deadlines that fall due at the same midnight), until one claims less or
  // `stopping()` says so; each pass's claim, read and workflow overlap the write of the pass
  // before it, so Redis writes one while this thread works out the next. Returns how many
  // deadlines changed a case; errors as RunOnce (what the passes before applied stays applied).
  boost::asio::awaitable<Result<size_t>> CatchUp(std::function<bool()> stopping = [] {
    return false;
  });

  // Deadlines this scheduler applied (the registry counts the process's). Thread-safe.
  uint64_t applied() const { return applied_count_.load(); }

 private:
  // One pass's claimed deadlines, grouped by case, shared by the workers applying them.
  struct Pass {
    std::vector<std::vector<std::string>> groups;
    TimeMs now = 0;
    size_t claimed = 0;
    // The first deadline of every case (its member, and the case read and worked out), moved in
    // one batch; `groups` keep only what is left to apply one by one after it.
    std::vector<std::string> firsts;
    std::optional<casework::CaseDesk::Batch> firsts_read;
    std::atomic<size_t> next{0};
    std::atomic<size_t> changed{0};
  };
  boost::asio::awaitable<void> Loop(worker::WorkerContext& ctx);
  // Claims what is due by now and reads the first deadline of each case (CaseDesk::ReadMany).
  boost::asio::awaitable<Result<std::unique_ptr<Pass>>> Begin();
  // Writes the firsts (CaseDesk::WriteMany), then applies the rest one by one.
  boost::asio::awaitable<void> Finish(Pass& pass);
  // Counts a deadline that changed its case; logs one that could not be written.
  static void Tally(Pass& pass, const std::string& member, const Result<bool>& applied);
  boost::asio::awaitable<void> Appliers(Pass& pass, size_t count);
  boost::asio::awaitable<void> Applier(Pass& pass);
  boost::asio::awaitable<Result<bool>> ApplyOne(const std::string& member, TimeMs now);
  // What a move of `member` means for its claim: true when it changed the case; the claim is let
  // go when there was nothing to apply; an error (the claim kept) when it could not be written.
  boost::asio::awaitable<Result<bool>> Settle(const std::string& member,
                                              const casework::Outcome& outcome);

  store::CaseStore& cases_;
  casework::CaseDesk& desk_;
  const Clock& clock_;
  SchedulerOptions options_;
  metrics::Counter& applied_;
  std::atomic<uint64_t> applied_count_{0};
  worker::Worker worker_;
};

}  // namespace lapor::scheduler
