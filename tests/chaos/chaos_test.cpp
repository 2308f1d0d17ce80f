// Nothing accepted is lost, proven under faults: the real binary and a real Redis (AOF, fsync
// always) under a load of citizens filing reports by SMS, while the server is killed -9, Redis is
// killed, and the server is stopped with SIGTERM. The figures each run prints go to
// docs/RELIABILITY.md.
#include <gtest/gtest.h>

#include <iostream>
#include <random>
#include <thread>

#include "chaos/chaos_stack.hpp"
#include "support/http_client.hpp"

namespace lapor::chaos {
namespace {

using namespace std::chrono_literals;

constexpr int kCitizens = 16;
constexpr int kMinReports = 6;

// Citizens filing reports while `fault` runs; returns their logs once `fault` is over and each
// has filed at least kMinReports.
std::vector<CitizenLog> UnderLoad(ChaosStack& stack, const std::function<void()>& fault) {
  std::vector<CitizenLog> logs(kCitizens);
  std::atomic<bool> stop{false};
  std::vector<std::thread> citizens;
  for (int i = 0; i < kCitizens; ++i) {
    citizens.emplace_back([&, i] { FileReports(stack, i, kMinReports, stop, logs[i]); });
  }
  fault();
  stop = true;
  for (auto& citizen : citizens) {
    citizen.join();
  }
  return logs;
}

struct Totals {
  int busy = 0;
  int slow_busy = 0;
  int cut_off = 0;
  int unexpected = 0;
};

Totals Sum(const std::vector<CitizenLog>& logs) {
  Totals t;
  for (const auto& log : logs) {
    t.busy += log.busy;
    t.slow_busy += log.slow_busy;
    t.cut_off += log.cut_off;
    t.unexpected += log.unexpected;
    EXPECT_EQ(log.unexpected, 0) << log.phone << ": " << log.first_unexpected;
  }
  return t;
}

void Print(const std::string& name, const Audit& a, const Totals& t) {
  std::cout << "chaos " << name << ": reports told " << a.told << ", cases filed " << a.filed
            << ", lost " << a.lost << ", duplicates " << a.duplicates << ", reused " << a.reused
            << ", busy answers " << t.busy << " (over 2 s: " << t.slow_busy << "), cut off "
            << t.cut_off << "\n";
}

// Every citizen told a number has exactly one case under it, theirs, and no number serves two.
void ExpectEveryReportFiledOnce(const Audit& audit) {
  EXPECT_EQ(audit.lost, 0);
  EXPECT_EQ(audit.duplicates, 0);
  EXPECT_EQ(audit.reused, 0);
}

TEST(Chaos, ServerKilledTenTimesUnderLoadLosesNothingAndNeverAnswersBusy) {
  ChaosStack stack;
  stack.StartServer();
  std::mt19937 random(std::random_device{}());
  auto logs = UnderLoad(stack, [&] {
    for (int kill = 0; kill < 10; ++kill) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100 + random() % 300));
      stack.KillServer();
      stack.StartServer();  // the citizens' retries reach it as soon as it listens
    }
  });
  Audit audit = Check(stack, logs);
  Totals totals = Sum(logs);
  Print("kill -9 x10", audit, totals);
  EXPECT_GE(audit.told, kCitizens * kMinReports);
  ExpectEveryReportFiledOnce(audit);
  // Redis was up all along: a restarted server listens only once it can serve.
  EXPECT_EQ(totals.busy, 0);
}

TEST(Chaos, RedisKilledTwiceUnderLoadIsBusyForAWhileThenLosesNothing) {
  ChaosStack stack;
  stack.StartServer();
  std::vector<int> readiness;  // /readyz statuses seen, in order, without repeats
  std::atomic<bool> polling{true};
  std::thread poller([&] {
    while (polling) {
      test::HttpReply reply;
      try {
        reply = test::HttpGet(stack.port(), "/readyz");
      } catch (const std::exception&) {
        continue;
      }
      if (readiness.empty() || readiness.back() != reply.status) {
        readiness.push_back(reply.status);
      }
      std::this_thread::sleep_for(20ms);
    }
  });
  auto logs = UnderLoad(stack, [&] {
    for (int kill = 0; kill < 2; ++kill) {
      std::this_thread::sleep_for(400ms);
      stack.KillRedis();
      std::this_thread::sleep_for(800ms);
      stack.StartRedis();  // no restart of the server: it reconnects by itself
    }
    std::this_thread::sleep_for(400ms);
  });
  polling = false;
  poller.join();
  Audit audit = Check(stack, logs);
  Totals totals = Sum(logs);
  Print("redis kill x2", audit, totals);
  ExpectEveryReportFiledOnce(audit);
  EXPECT_GT(totals.busy, 0) << "Redis was away and nobody noticed?";
  EXPECT_EQ(totals.slow_busy, 0) << "a busy answer took more than 2 s";
  // Ready, not ready while Redis was away, ready again: twice.
  EXPECT_EQ(readiness, (std::vector<int>{200, 503, 200, 503, 200}));
}

TEST(Chaos, SigtermUnderLoadAnswersEveryRequestInFlightForReal) {
  ChaosStack stack;
  stack.StartServer();
  auto logs = UnderLoad(stack, [&] {
    for (int stop = 0; stop < 3; ++stop) {
      std::this_thread::sleep_for(300ms);
      stack.TermServer();  // drains: what it accepted, it answers
      stack.StartServer();
    }
  });
  Audit audit = Check(stack, logs);
  Totals totals = Sum(logs);
  Print("sigterm x3", audit, totals);
  ExpectEveryReportFiledOnce(audit);
  EXPECT_EQ(totals.busy, 0);
  EXPECT_EQ(totals.cut_off, 0);
}

}  // namespace
}  // namespace lapor::chaos
