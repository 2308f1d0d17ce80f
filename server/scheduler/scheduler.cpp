#include "scheduler/scheduler.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <map>

#include "common/log.hpp"
#include "outbox/notice_text.hpp"

namespace lapor::scheduler {
namespace {

// A case that keeps changing under the scheduler is retried this often in one pass; after that
// the claim stays and its lease brings it back.
constexpr int kMaxAttempts = 5;
// Deadlines applied at once within a pass.
constexpr size_t kWorkers = 16;

}  // namespace

Scheduler::Scheduler(boost::asio::io_context& io, store::CaseStore& cases,
                     const cases::Policy& policy, const cases::Calendar& calendar,
                     const text::TemplateSet& templates, const Clock& clock,
                     SchedulerOptions options)
    : io_(io),
      cases_(cases),
      policy_(policy),
      calendar_(calendar),
      templates_(templates),
      clock_(clock),
      options_(options) {}

Scheduler::~Scheduler() { Stop(); }

void Scheduler::Start() {
  stopped_ = false;
  timer_ = std::make_shared<boost::asio::steady_timer>(io_);
  boost::asio::co_spawn(io_, Loop(), boost::asio::detached);
}

void Scheduler::Stop() {
  if (stopped_.exchange(true)) {
    return;
  }
  if (auto timer = timer_) {
    boost::asio::post(io_, [timer] { timer->cancel(); });
  }
}

boost::asio::awaitable<void> Scheduler::Loop() {
  auto timer = timer_;
  while (!stopped_) {
    auto applied = co_await RunOnce();
    if (!applied) {
      log::Warn("scheduler_pass_failed", {{"error", applied.error().message}});
    }
    timer->expires_after(std::chrono::milliseconds(options_.tick_ms));
    boost::system::error_code ec;
    co_await timer->async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
  }
}

boost::asio::awaitable<Result<size_t>> Scheduler::RunOnce() {
  TimeMs now = clock_.Now();
  auto claimed = co_await cases_.ClaimDue(now, options_.lease_ms, options_.batch);
  if (!claimed) {
    co_return claimed.error();
  }
  // Deadlines of different cases are independent: a few workers apply them side by side, so a
  // pass costs a few round trips' time per worker instead of two per deadline. One case's
  // deadlines stay together and in due order (a warning before the answer deadline it warns of).
  Pass pass{.now = now};
  std::map<std::string_view, size_t> group_of;
  for (const auto& member : *claimed) {
    std::string_view no = std::string_view(member).substr(0, member.find(':'));
    auto [it, fresh] = group_of.emplace(no, pass.groups.size());
    if (fresh) {
      pass.groups.emplace_back();
    }
    pass.groups[it->second].push_back(member);
  }
  co_await Workers(pass, std::min(kWorkers, pass.groups.size()));
  applied_ += pass.changed;
  co_return pass.changed.load();
}

boost::asio::awaitable<void> Scheduler::Workers(Pass& pass, size_t count) {
  using namespace boost::asio::experimental::awaitable_operators;
  if (count <= 1) {
    co_await Worker(pass);
  } else {
    co_await (Worker(pass) && Workers(pass, count - 1));
  }
}

boost::asio::awaitable<void> Scheduler::Worker(Pass& pass) {
  for (size_t i = pass.next++; i < pass.groups.size(); i = pass.next++) {
    for (const std::string& member : pass.groups[i]) {
      auto applied = co_await ApplyOne(member, pass.now);
      if (!applied) {
        // Stays claimed: the lease brings it back.
        log::Warn("deadline_not_applied",
                  {{"deadline", member}, {"error", applied.error().message}});
        continue;
      }
      pass.changed += *applied ? 1 : 0;
    }
  }
}

boost::asio::awaitable<Result<bool>> Scheduler::ApplyOne(const std::string& member, TimeMs now) {
  auto entry = store::ParseDueMember(member);
  if (!entry) {
    log::Error("deadline_unreadable", {{"deadline", member}});
    co_await cases_.Release(member);
    co_return false;
  }
  cases::Action action{
      .kind = cases::ActionKind::kDeadline, .deadline = entry->kind, .deadline_due = entry->due};
  cases::Actor actor{.name = "scheduler", .role = cases::Role::kSystem};
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto loaded = co_await cases_.Load(entry->tracking_no);
    if (!loaded) {
      co_return loaded.error();
    }
    if (!*loaded) {
      co_await cases_.Release(member);
      co_return false;
    }
    const cases::Case& before = **loaded;
    auto transition = cases::Apply(before, action, actor, now, policy_, calendar_);
    if (!transition || !transition->changed) {
      if (!transition) {
        log::Warn("deadline_refused",
                  {{"deadline", member}, {"error", transition.error().message}});
      }
      co_await cases_.Release(member);
      co_return false;
    }
    auto sms = outbox::RenderNotices(transition->notices, templates_);
    auto written = co_await cases_.Commit(before, *transition, sms, member, now);
    if (!written) {
      co_return written.error();
    }
    if (*written == store::CaseWrite::kConflict) {
      continue;
    }
    co_return *written == store::CaseWrite::kOk;
  }
  co_return Error{Errc::kConflict, "case kept changing"};
}

}  // namespace lapor::scheduler
