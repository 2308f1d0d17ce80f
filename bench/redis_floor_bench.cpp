// The floor of a USSD step's Redis contract: what one pipelined read (the number's budget count,
// the citizen's USSD state, the case sequence) and one EVALSHA of dialog_step.lua (the new state,
// compare-and-set on its version) cost Redis, and the client, when nothing else runs: no HTTP, no
// dialog, only the server's own store code (DialogStore::Read and Commit) and Redis client on one
// thread, as a web shard runs them. Three phases of N steps, S sessions at a time: the read
// alone, the write alone, both. Measures and prints; it asserts nothing (a step whose read fails
// or whose write does not land is counted and printed, and makes the exit status 1).
//
//   bench/run_store_bench.sh redis_floor_bench [N] [S]   (its own redis-server; bench/README.md)
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <limits>
#include <string>
#include <thread>

#include "app/config.hpp"
#include "app/service.hpp"
#include "dialog/ussd_state.hpp"
#include "redis_cpu.hpp"
#include "store/budget_store.hpp"
#include "store/dialog_store.hpp"
#include "store/redis_client.hpp"
#include "support/run_sync.hpp"

using namespace lapor;
namespace asio = boost::asio;

namespace {

enum class Phase { kRead, kWrite, kBoth };
constexpr const char* kPhaseNames[] = {"read alone ", "write alone", "read + write"};

struct Bench {
  store::DialogStore& dialogs;
  const store::BudgetStore& budget;
  TimeMs now = 1795827600000;  // 2026-11-28 08:00 WIB
  size_t failed = 0;  // steps whose read failed or whose write did not land (conflict, seen, error)
};

// A session in the middle of a report, as the dialog leaves it after choosing a type: its
// record and screen are about as long as a live one's.
dialog::StepResult MidReport(TimeMs now) {
  dialog::Session session;
  session.node = "category";
  session.answers = {{"type", "pengaduan"}};
  session.trail = {"start", "type"};
  session.started_at = now - 20000;
  session.updated_at = now;
  session.ussd_text = "3:0123456789ab";
  return dialog::StepResult{
      .session = std::move(session),
      .screen =
          "CON Pilih kategori laporan:\n1. Infrastruktur\n2. Kesehatan\n3. Pendidikan\n"
          "4. Administrasi kependudukan\n5. Lainnya\n0. Kembali",
      .replayable = true};
}

// One citizen's steps: `steps` messages of one call, each read and (or) written as `phase` says.
asio::awaitable<void> Citizen(Bench& bench, Phase phase, size_t citizen, size_t steps) {
  char msisdn[32];
  std::snprintf(msisdn, sizeof msisdn, "+62812%08zu", citizen);
  store::StepAddress a{.provider = "at-ussd",
                       .channel = dialog::Channel::kUssd,
                       .msisdn = msisdn,
                       .ussd_session_id = "ATUid_" + std::to_string(citizen) + "_bench",
                       .budget = &bench.budget,
                       .now = bench.now};
  const dialog::StepResult step = MidReport(bench.now);
  // The write alone goes on from the state as it was read once, outside the counted steps.
  store::StepSnapshot snapshot;
  if (phase == Phase::kWrite) {
    a.message_id = a.ussd_session_id + "-first";
    auto read = co_await bench.dialogs.Read(a);
    snapshot = read ? std::move(*read) : store::StepSnapshot{};
  }
  for (size_t i = 0; i < steps; ++i) {
    a.message_id = a.ussd_session_id + "-" + std::to_string(i);
    if (phase != Phase::kWrite) {
      auto read = co_await bench.dialogs.Read(a);
      if (!read) {
        ++bench.failed;
        continue;
      }
      if (phase == Phase::kRead) {
        continue;
      }
      snapshot = std::move(*read);
    } else {
      snapshot.ussd_seen = dialog::UssdShortId(a.message_id);
    }
    auto written = co_await bench.dialogs.Commit(a, snapshot, step, nullptr, bench.now);
    if (!written || written->outcome != store::CommitOutcome::kDone) {
      ++bench.failed;
      continue;
    }
    ++snapshot.version;
  }
}

// `sessions` citizens at a time, `steps` in all; returns when every one has finished.
asio::awaitable<void> Run(Bench& bench, Phase phase, size_t steps, size_t sessions) {
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer done(executor, asio::steady_timer::time_point::max());
  size_t running = sessions;
  for (size_t c = 0; c < sessions; ++c) {
    asio::co_spawn(executor, Citizen(bench, phase, c, steps / sessions), [&](std::exception_ptr) {
      if (--running == 0) {
        done.cancel();
      }
    });
  }
  boost::system::error_code ignored;
  co_await done.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
}

}  // namespace

int main(int argc, char** argv) {
  const size_t n = argc > 1 ? std::stoul(argv[1]) : 200000;
  const size_t sessions = argc > 2 ? std::stoul(argv[2]) : 16;
  const char* url = std::getenv("REDIS_URL");
  if (url == nullptr || sessions == 0 || n < sessions) {
    std::cerr << "usage: REDIS_URL=redis://... redis_floor_bench [steps] [sessions]\n";
    return 2;
  }
  app::Config config =
      app::LoadConfig(std::string(LAPOR_SOURCE_DIR) + "/config/default.json", {{"REDIS_URL", url}});
  config.redis.prefix = "bench:";
  asio::io_context io;
  store::RedisClient redis(io, app::BuildRedisOptions(config), RunBy::kOneThread);
  const store::Keys keys(config.redis.prefix);
  // Every message is counted as the server counts it; the limit is out of reach, so each step
  // goes on to its write.
  store::Budgets budgets = config.limits;
  budgets.messages_per_number = std::numeric_limits<int64_t>::max();
  const store::BudgetStore budget(redis, keys, budgets);
  store::DialogStore dialogs(redis, keys, store::StepTtls{});
  redis.Start();
  auto guard = asio::make_work_guard(io);
  // One thread runs the client and the steps, as one web shard does.
  std::thread thread([&] { io.run(); });
  while (!redis.connected()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  test::RunSync(io, redis.Command({"FLUSHDB"}));

  Bench bench{.dialogs = dialogs, .budget = budget};
  std::cout << n << " steps per phase, " << sessions << " sessions at a time, one client thread\n";
  for (Phase phase : {Phase::kRead, Phase::kWrite, Phase::kBoth}) {
    const double redis_before = bench::RedisCpuSeconds(io, redis);
    const double reads_before = bench::RedisStat(io, redis, "total_reads_processed");
    const bench::OwnCpu own_before = bench::OwnCpuSeconds();
    const auto started = std::chrono::steady_clock::now();
    test::RunSync(io, Run(bench, phase, n, sessions));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const bench::OwnCpu own = bench::OwnCpuSeconds();
    const double redis_cpu = bench::RedisCpuSeconds(io, redis) - redis_before;
    const double reads = bench::RedisStat(io, redis, "total_reads_processed") - reads_before;
    const double steps = static_cast<double>(n / sessions * sessions);
    std::printf(
        "%s: %7.0f steps/s, redis %5.1f us/step (%4.2f reads), client %5.1f us/step "
        "(user %4.1f, kernel %4.1f)\n",
        kPhaseNames[static_cast<size_t>(phase)], steps / seconds, redis_cpu * 1e6 / steps,
        reads / steps, (own.total() - own_before.total()) * 1e6 / steps,
        (own.user - own_before.user) * 1e6 / steps, (own.system - own_before.system) * 1e6 / steps);
  }
  if (bench.failed > 0) {
    std::cout << bench.failed << " steps failed\n";
  }
  redis.Stop();
  guard.reset();
  thread.join();
  return bench.failed == 0 ? 0 : 1;
}
