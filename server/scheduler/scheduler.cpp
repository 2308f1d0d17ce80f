#include "scheduler/scheduler.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <map>

#include "common/log.hpp"

namespace lapor::scheduler {
namespace {

// Deadlines applied at once within a pass.
constexpr size_t kAppliers = 16;

}  // namespace

Scheduler::Scheduler(boost::asio::io_context& io, store::CaseStore& cases, casework::CaseDesk& desk,
                     const Clock& clock, SchedulerOptions options, metrics::Registry& registry,
                     worker::RestartPolicy restart)
    : cases_(cases),
      desk_(desk),
      clock_(clock),
      options_(options),
      applied_(
          registry.AddCounter("lapor1708_deadlines_applied_total", "Deadlines that moved a case.")),
      worker_(
          io, "scheduler", [this](worker::WorkerContext& ctx) { return Loop(ctx); }, registry,
          restart) {}

void Scheduler::Start() { worker_.Start(); }

void Scheduler::Stop() { worker_.Stop(); }

boost::asio::awaitable<void> Scheduler::Loop(worker::WorkerContext& ctx) {
  do {
    auto applied = co_await CatchUp([&ctx] { return ctx.stopping(); });
    if (!applied) {
      log::Warn("scheduler_pass_failed", {{"error", applied.error().message}});
    }
  } while (co_await ctx.Sleep(std::chrono::milliseconds(options_.tick_ms)));
}

boost::asio::awaitable<Result<size_t>> Scheduler::RunOnce() {
  auto pass = co_await Begin();
  if (!pass) {
    co_return pass.error();
  }
  co_await Finish(**pass);
  co_return (*pass)->changed.load();
}

boost::asio::awaitable<Result<size_t>> Scheduler::CatchUp(std::function<bool()> stopping) {
  using namespace boost::asio::experimental::awaitable_operators;
  size_t changed = 0;
  auto pass = co_await Begin();
  while (pass) {
    std::unique_ptr<Pass> current = std::move(*pass);
    if (current->claimed < options_.batch || stopping()) {
      co_await Finish(*current);
      co_return changed + current->changed;
    }
    // The next pass may read a case before this one's write of it lands: its own write then
    // loses the compare-and-set and is redone on the case as it is (CaseDesk::WriteMany), and
    // it starts only after this one ends, so a case's deadlines still apply in due order.
    pass = co_await (Finish(*current) && Begin());
    changed += current->changed;
  }
  co_return pass.error();
}

namespace {

// The desk's request for a claimed `due` member; nullopt when the member cannot be read.
std::optional<casework::MoveRequest> RequestFor(const std::string& member, TimeMs now) {
  auto entry = store::ParseDueMember(member);
  if (!entry) {
    log::Error("deadline_unreadable", {{"deadline", member}});
    return std::nullopt;
  }
  return casework::MoveRequest{.case_no = entry->tracking_no,
                               .action = {.kind = cases::ActionKind::kDeadline,
                                          .deadline = entry->kind,
                                          .deadline_due = entry->due},
                               .actor = {.name = "scheduler", .role = cases::Role::kSystem},
                               .now = now,
                               .claimed = member};
}

}  // namespace

boost::asio::awaitable<Result<std::unique_ptr<Scheduler::Pass>>> Scheduler::Begin() {
  auto pass = std::make_unique<Pass>();
  pass->now = clock_.Now();
  auto claimed = co_await cases_.ClaimDue(pass->now, options_.lease_ms, options_.batch);
  if (!claimed) {
    co_return claimed.error();
  }
  pass->claimed = claimed->size();
  // Deadlines of different cases are independent: the first of each case moves in one batch (a
  // pipelined read and a pipelined write for the whole pass); a case's later deadlines (a
  // warning and the answer deadline it warns of, due in the same pass) follow in due order,
  // a few appliers side by side.
  std::map<std::string_view, size_t> group_of;
  for (const auto& member : *claimed) {
    std::string_view no = std::string_view(member).substr(0, member.find(':'));
    auto [it, fresh] = group_of.emplace(no, pass->groups.size());
    if (fresh) {
      pass->groups.emplace_back();
    }
    pass->groups[it->second].push_back(member);
  }
  std::vector<casework::MoveRequest> requests;
  for (auto& group : pass->groups) {
    auto request = RequestFor(group.front(), pass->now);
    if (request) {
      requests.push_back(std::move(*request));
      pass->firsts.push_back(group.front());
    } else {
      co_await cases_.Release(group.front());
    }
  }
  std::erase_if(pass->groups, [](auto& group) {
    group.erase(group.begin());
    return group.empty();
  });
  pass->firsts_read = co_await desk_.ReadMany(std::move(requests));
  co_return pass;
}

boost::asio::awaitable<void> Scheduler::Finish(Pass& pass) {
  auto outcomes = co_await desk_.WriteMany(std::move(*pass.firsts_read));
  for (size_t i = 0; i < outcomes.size(); ++i) {
    Tally(pass, pass.firsts[i], co_await Settle(pass.firsts[i], outcomes[i]));
  }
  co_await Appliers(pass, std::min(kAppliers, pass.groups.size()));
  applied_.Increment(pass.changed);
  applied_count_ += pass.changed;
}

void Scheduler::Tally(Pass& pass, const std::string& member, const Result<bool>& applied) {
  if (!applied) {
    // Stays claimed: the lease brings it back.
    log::Warn("deadline_not_applied", {{"deadline", member}, {"error", applied.error().message}});
    return;
  }
  pass.changed += *applied ? 1 : 0;
}

boost::asio::awaitable<void> Scheduler::Appliers(Pass& pass, size_t count) {
  using namespace boost::asio::experimental::awaitable_operators;
  if (count <= 1) {
    co_await Applier(pass);
  } else {
    co_await (Applier(pass) && Appliers(pass, count - 1));
  }
}

boost::asio::awaitable<void> Scheduler::Applier(Pass& pass) {
  for (size_t i = pass.next++; i < pass.groups.size(); i = pass.next++) {
    for (const std::string& member : pass.groups[i]) {
      Tally(pass, member, co_await ApplyOne(member, pass.now));
    }
  }
}

boost::asio::awaitable<Result<bool>> Scheduler::ApplyOne(const std::string& member, TimeMs now) {
  auto request = RequestFor(member, now);
  if (!request) {
    co_await cases_.Release(member);
    co_return false;
  }
  auto outcome = co_await desk_.Move(std::move(*request));
  co_return co_await Settle(member, outcome);
}

boost::asio::awaitable<Result<bool>> Scheduler::Settle(const std::string& member,
                                                       const casework::Outcome& outcome) {
  switch (outcome.result) {
    case casework::MoveResult::kMoved:
      co_return true;
    case casework::MoveResult::kRefused:
      log::Warn("deadline_refused", {{"deadline", member}, {"error", outcome.error.message}});
      [[fallthrough]];
    case casework::MoveResult::kNotFound:
    case casework::MoveResult::kUnchanged:
    case casework::MoveResult::kSeen:
      // Nothing to apply: let go of the claim.
      co_await cases_.Release(member);
      co_return false;
    case casework::MoveResult::kBusy:
      break;
  }
  co_return outcome.error;
}

}  // namespace lapor::scheduler
