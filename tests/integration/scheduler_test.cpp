// The deadline scheduler against a real Redis: claims are atomic, so schedulers running at once
// apply each deadline exactly once, and a scheduler that dies after claiming loses nothing.
#include "scheduler/scheduler.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <set>
#include <tuple>

#include "cases/tracking_number.hpp"
#include "cases/workflow.hpp"
#include "store/case_store.hpp"
#include "support/case_driver.hpp"
#include "support/io_threads.hpp"
#include "support/redis_process.hpp"
#include "support/redis_sync.hpp"
#include "support/run_sync.hpp"
#include "support/test_server.hpp"

namespace lapor {
namespace {

using test::RunSync;

using test::kDay;

class SchedulerTest : public ::testing::Test {
 protected:
  SchedulerTest()
      : server_(test::TestRedisUrl(),
                [](app::Config& c) { c.roles.scheduler = c.roles.sender = false; }),
        redis_(test::TestRedisUrl()) {}

  std::string FileAndDispatch(const std::string& phone) { return cases_.FileAndDispatch(phone); }
  cases::Case Load(const std::string& no) { return cases_.Load(no); }

  std::unique_ptr<scheduler::Scheduler> MakeScheduler(size_t batch = 7, TimeMs tick_ms = 10) {
    auto& s = server_.service();
    return std::make_unique<scheduler::Scheduler>(
        s.io(), s.cases(), s.desk(), server_.clock(),
        scheduler::SchedulerOptions{.tick_ms = tick_ms, .lease_ms = 60000, .batch = batch},
        s.metrics());
  }

  // The actions of the case's audit log, oldest first.
  std::vector<std::string> History(const std::string& no) {
    std::vector<std::string> actions;
    for (const auto& line : redis_.LRange(server_.prefix() + "case:" + no + ":log")) {
      actions.push_back(nlohmann::json::parse(line).value("action", ""));
    }
    return actions;
  }

  // How often each action appears in the case's audit log.
  std::multiset<std::string> Actions(const std::string& no) {
    auto history = History(no);
    return {history.begin(), history.end()};
  }

  // One pass of each scheduler, started together.
  static boost::asio::awaitable<std::tuple<Result<size_t>, Result<size_t>>> PassesTogether(
      scheduler::Scheduler& a, scheduler::Scheduler& b) {
    using namespace boost::asio::experimental::awaitable_operators;
    co_return co_await (a.RunOnce() && b.RunOnce());
  }

  test::TestServer server_;
  test::RedisSync redis_;
  test::CaseDriver cases_{server_};
};

TEST_F(SchedulerTest, TwoSchedulersAtOnceApplyEachDeadlineExactlyOnce) {
  constexpr int kCases = 12;
  std::vector<std::string> numbers;
  for (int i = 0; i < kCases; ++i) {
    numbers.push_back(FileAndDispatch("+62812000" + std::to_string(10000 + i)));
  }
  auto a = MakeScheduler();
  auto b = MakeScheduler();
  auto& io = server_.service().io();
  // In each round both schedulers run one pass together, and neither starts another before both
  // end: whichever claim Redis runs first takes 7 of the 12 due deadlines and the other the 5
  // left. (Two threads each draining on their own left the split to the thread scheduler: now
  // and then one of them took every deadline.)
  auto both = [&] {
    size_t total = 0;
    for (int round = 0; round < 20; ++round) {
      auto [from_a, from_b] = RunSync(io, PassesTogether(*a, *b));
      EXPECT_TRUE(from_a) << from_a.error().message;
      EXPECT_TRUE(from_b) << from_b.error().message;
      total += (from_a ? *from_a : 0) + (from_b ? *from_b : 0);
    }
    return total;
  };
  // First the warnings fall due, a working day before the answers; then the answers.
  auto deadlines = Load(numbers.front()).deadlines;
  server_.clock().Set(deadlines.at(cases::DeadlineKind::kAnswerWarn) + 1);
  EXPECT_EQ(both(), size_t{kCases});
  server_.clock().Set(deadlines.at(cases::DeadlineKind::kAnswerDue) + 1);
  EXPECT_EQ(both(), size_t{kCases});
  EXPECT_GT(a->applied(), 0u);
  EXPECT_GT(b->applied(), 0u);
  for (const auto& no : numbers) {
    auto actions = Actions(no);
    EXPECT_EQ(actions.count("answer_warn"), 1u) << no;
    EXPECT_EQ(actions.count("answer_due"), 1u) << no;
    EXPECT_EQ(Load(no).status, cases::Status::kExtended) << no;
  }
  EXPECT_FALSE(redis_.Exists(server_.prefix() + "due:claimed"));
}

TEST_F(SchedulerTest, ASchedulerKilledAfterClaimingLosesNothing) {
  std::string no = FileAndDispatch("+6281200020000");
  server_.clock().Advance(10 * kDay);
  auto& io = server_.service().io();
  // A scheduler claims both deadlines and dies before applying them.
  auto claimed = RunSync(io, server_.service().cases().ClaimDue(server_.clock().Now(), 60000, 10));
  ASSERT_TRUE(claimed);
  ASSERT_EQ(claimed->size(), 2u);

  auto survivor = MakeScheduler();
  auto nothing = RunSync(io, survivor->RunOnce());
  ASSERT_TRUE(nothing);
  EXPECT_EQ(*nothing, 0u) << "claimed deadlines are not taken while the lease runs";
  EXPECT_EQ(Load(no).status, cases::Status::kDispatched);

  server_.clock().Advance(60001);  // the dead scheduler's lease runs out
  auto applied = RunSync(io, survivor->RunOnce());
  ASSERT_TRUE(applied);
  EXPECT_EQ(*applied, 2u);
  EXPECT_EQ(Load(no).status, cases::Status::kExtended);
  auto again = RunSync(io, survivor->RunOnce());
  EXPECT_EQ(*again, 0u);
  EXPECT_EQ(Actions(no).count("answer_due"), 1u);
}

TEST_F(SchedulerTest, ADeadlineMadeStaleByAnAnswerChangesNothing) {
  std::string no = FileAndDispatch("+6281200030000");
  cases_.Act(no, {.kind = cases::ActionKind::kRespond, .text = "Dokter tambahan mulai Senin."},
             test::CaseDriver::Dinkes());
  server_.clock().Advance(10 * kDay);
  auto applied = RunSync(server_.service().io(), MakeScheduler()->RunOnce());
  ASSERT_TRUE(applied);
  EXPECT_EQ(*applied, 0u);
  EXPECT_EQ(Load(no).status, cases::Status::kResponded);
}

// due_claim.lua moves claimed members a thousand per ZREM/ZADD: a batch of several thousands
// (the configuration allows up to 10,000) is claimed whole, and nothing else.
TEST_F(SchedulerTest, ABatchOfThousandsIsClaimedWhole) {
  auto& service = server_.service();
  auto count = [&](store::RedisCommand command) {
    auto reply = RunSync(service.io(), service.redis().Command(std::move(command)));
    EXPECT_TRUE(reply) << reply.error().message;
    return reply ? reply->integer : -1;
  };
  const std::string due = server_.prefix() + "due";
  const std::string claimed = server_.prefix() + "due:claimed";
  const TimeMs now = server_.clock().Now();
  store::RedisCommand add = {"ZADD", due};
  for (int i = 0; i < 2600; ++i) {  // 2,500 due now, 100 later
    const TimeMs at = i < 2500 ? now - 1000 : now + kDay;
    add.Number(at).Arg(store::DueMember(*cases::MakeTrackingNumber(900000 + i),
                                        cases::DeadlineKind::kAnswerDue, at));
  }
  ASSERT_EQ(count(add), 2600);
  auto taken = RunSync(service.io(), service.cases().ClaimDue(now, 60000, 10000));
  ASSERT_TRUE(taken) << taken.error().message;
  EXPECT_EQ(taken->size(), 2500u);
  EXPECT_EQ(count({"ZCARD", due}), 100);
  EXPECT_EQ(count({"ZCARD", claimed}), 2500);
  const std::string lease_end = std::to_string(now + 60000);
  EXPECT_EQ(count({"ZCOUNT", claimed, lease_end, lease_end}), 2500)
      << "every claim is leased until now + lease";
  count({"DEL", due, claimed});
}

// Thousands of deadlines fall due at the same midnight (they are counted in whole days): the
// loop takes pass after pass until it has caught up, not one batch per tick.
TEST_F(SchedulerTest, ABacklogIsAppliedPassAfterPassNotOneBatchPerTick) {
  constexpr int kCases = 10;
  std::vector<std::string> numbers;
  for (int i = 0; i < kCases; ++i) {
    numbers.push_back(FileAndDispatch("+62812000" + std::to_string(40000 + i)));
  }
  server_.clock().Advance(10 * kDay);  // each case's warning and answer deadline are due
  auto s = MakeScheduler(/*batch=*/3, /*tick_ms=*/3600000);
  s->Start();
  // One batch a tick would apply 3 now and the rest over the next six hours.
  EXPECT_TRUE(test::Eventually([&] { return s->applied() == 2 * kCases; }))
      << s->applied() << " applied";
  s->Stop();
  ASSERT_TRUE(test::Eventually([&] { return !s->running(); }));
  for (const auto& no : numbers) {
    EXPECT_EQ(Load(no).status, cases::Status::kExtended) << no;
  }
  EXPECT_FALSE(redis_.Exists(server_.prefix() + "due:claimed"));
}

// While one pass is written the next is read: a case whose warning and answer deadline fall in
// neighbouring passes is read by the second before the first's write lands. The second write
// then loses its compare-and-set and is redone, after the first: the deadlines apply once each,
// in due order.
TEST_F(SchedulerTest, CatchingUpAppliesACasesDeadlinesOnceAndInDueOrderAcrossPasses) {
  std::vector<std::string> numbers;
  for (int i = 0; i < 3; ++i) {
    numbers.push_back(FileAndDispatch("+62812000" + std::to_string(50000 + i)));
  }
  server_.clock().Advance(10 * kDay);
  // Two a pass, in due order: the warnings of the first two cases, then the third's warning
  // with the first's answer deadline, then the other two answer deadlines.
  auto applied = RunSync(server_.service().io(), MakeScheduler(/*batch=*/2)->CatchUp());
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ(*applied, 6u);
  for (const auto& no : numbers) {
    auto history = History(no);
    auto warned = std::find(history.begin(), history.end(), "answer_warn");
    auto overdue = std::find(history.begin(), history.end(), "answer_due");
    ASSERT_NE(warned, history.end()) << no;
    ASSERT_NE(overdue, history.end()) << no;
    EXPECT_LT(warned, overdue) << no;
    EXPECT_EQ(Actions(no).count("answer_due"), 1u) << no;
    EXPECT_EQ(Load(no).status, cases::Status::kExtended) << no;
  }
  EXPECT_FALSE(redis_.Exists(server_.prefix() + "due:claimed"));
}

}  // namespace
}  // namespace lapor
