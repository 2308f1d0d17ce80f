// Scheduler benchmark: N dispatched cases whose answer deadline has passed, all due at once; the
// real Scheduler applies them through the workflow and queues their notices. Prints deadlines
// applied per second and notices queued. Measures and prints; it asserts nothing.
//
//   bench/run_scheduler_bench.sh [N]     (starts its own redis-server; see bench/README.md)
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <iostream>
#include <string_view>
#include <thread>

#include "app/config.hpp"
#include "app/references.hpp"
#include "app/service.hpp"
#include "cases/tracking_number.hpp"
#include "cases/workflow.hpp"
#include "redis_cpu.hpp"
#include "scheduler/scheduler.hpp"
#include "store/case_store.hpp"
#include "store/redis_client.hpp"
#include "support/run_sync.hpp"

using namespace lapor;
using bench::Info;
using bench::InfoValue;
using bench::OwnCpuSeconds;
using bench::RedisCpuSeconds;

namespace {

// "<command> <usec per call> us/call" for the commands a deadline costs Redis most, from INFO
// commandstats (which counts since the bench's Redis started: the seeding's HSETs and ZADDs too,
// so only the commands the seeding does not use are shown).
std::string RedisCommandCosts(boost::asio::io_context& io, store::RedisClient& redis) {
  const std::string info = Info(io, redis, "commandstats");
  std::string costs;
  for (const char* command : {"evalsha", "hgetall", "xadd"}) {
    // "calls=..,usec=..,usec_per_call=12.34,..."
    const std::string stats = InfoValue(info, std::string("cmdstat_") + command);
    const auto at = stats.find("usec_per_call=");
    if (at != std::string::npos) {
      const auto from = at + std::string_view("usec_per_call=").size();
      costs += std::string(costs.empty() ? "" : ", ") + command + " " +
               stats.substr(from, stats.find(',', from) - from) + " us/call";
    }
  }
  return costs;
}

}  // namespace

int main(int argc, char** argv) {
  const size_t n = argc > 1 ? std::stoul(argv[1]) : 100000;
  const char* url = std::getenv("REDIS_URL");
  if (url == nullptr) {
    std::cerr << "set REDIS_URL\n";
    return 2;
  }
  app::Config config =
      app::LoadConfig(std::string(LAPOR_SOURCE_DIR) + "/config/default.json", {{"REDIS_URL", url}});
  config.redis.prefix = "bench:";
  boost::asio::io_context io;
  auto options = app::BuildRedisOptions(config);
  options.command_timeout_ms = 30000;
  store::RedisClient redis(io, options);
  store::Keys keys(config.redis.prefix);
  store::CaseStore cases(redis, keys);
  auto places = app::BuildPlaces(config);
  auto engine = app::BuildEngine(config, places);
  app::ResolveReferences(config, engine->dialog(), *places, nullptr);
  auto calendar = cases::BuildCalendar(config.calendar);
  ManualClock clock(1795827600000);  // 2026-11-28 08:00 WIB
  redis.Start();
  auto guard = boost::asio::make_work_guard(io);
  // One thread, as the server runs its background loops (scheduler, sender, officials' edits).
  std::vector<std::thread> threads;
  threads.emplace_back([&] { io.run(); });
  while (!redis.connected()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  test::RunSync(io, redis.Command({"FLUSHDB"}));

  // Seed: N dispatched cases, each with its answer deadline a minute ago, stored as the dialog
  // files a case (cases::NewCaseFields: the fields that hold something, labels too) after the
  // two transitions that dispatched it (version 2).
  auto seed_started = std::chrono::steady_clock::now();
  TimeMs due = clock.Now() - 60000;
  const size_t chunk = 1000;
  for (size_t from = 0; from < n; from += chunk) {
    std::vector<store::RedisCommand> commands;
    for (size_t i = from; i < std::min(n, from + chunk); ++i) {
      cases::Case c;
      c.tracking_no = *cases::MakeTrackingNumber(i + 1);
      c.status = cases::Status::kDispatched;
      c.type = "pengaduan";
      c.category = "kesehatan";
      c.subcategory = "puskesmas";
      c.channel = "ussd";
      c.place = "19.04.01";
      c.kecamatan = "19.04.01";
      c.region = "19.04";
      c.forwarded_to = "19.04";
      c.details = "Antrean puskesmas lama sekali";
      c.identity = "biasa";
      c.phone = "+62812" + std::to_string(10000000 + i);
      c.lang = "id";
      c.opd = "dinkes";
      c.created_at = c.updated_at = c.dispatched_at = due - 5 * 86400000LL;
      c.deadlines[cases::DeadlineKind::kAnswerDue] = due;
      c.labels = {{"category", "Kesehatan"},
                  {"subcategory", "Puskesmas"},
                  {"type", "Pengaduan"},
                  {"identity", "Biasa"},
                  {"kecamatan", "Koba"},
                  {"place", "Kec. Koba, Bangka Tengah"},
                  {"region", "Kabupaten Bangka Tengah"}};
      c.version = 2;
      store::RedisCommand hset = {"HSET", keys.Case(c.tracking_no)};
      for (const auto& [field, value] : cases::NewCaseFields(c)) {
        hset.Arg(field).Arg(value);
      }
      hset.Arg("v").Number(c.version);
      commands.push_back(std::move(hset));
      commands.push_back({"ZADD", keys.Due()});
      commands.back().Number(due).Arg(
          store::DueMember(c.tracking_no, cases::DeadlineKind::kAnswerDue, due));
    }
    auto seeded = test::RunSync(io, redis.Pipeline(std::move(commands)));
    if (!seeded) {
      std::cerr << "seeding failed: " << seeded.error().message << "\n";
      return 1;
    }
  }
  double seed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - seed_started).count();

  metrics::Registry registry;
  casework::CaseDesk desk(cases, config.policy, calendar,
                          casework::FixedTemplates(engine->templates()), registry);
  scheduler::Scheduler scheduler(io, cases, desk, clock,
                                 {.tick_ms = 1, .lease_ms = 600000, .batch = 1000}, registry);
  const double redis_cpu_before = RedisCpuSeconds(io, redis);
  const bench::OwnCpu own_cpu_before = OwnCpuSeconds();
  auto started = std::chrono::steady_clock::now();
  size_t applied = 0;
  while (applied < n) {
    auto pass = test::RunSync(io, scheduler.CatchUp());
    if (!pass) {
      std::cerr << "pass failed: " << pass.error().message << "\n";
      return 1;
    }
    if (*pass == 0) {
      break;
    }
    applied += *pass;
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const double own_cpu = OwnCpuSeconds().total() - own_cpu_before.total();
  const double redis_cpu = RedisCpuSeconds(io, redis) - redis_cpu_before;
  auto queued = test::RunSync(io, redis.Command({"XLEN", keys.Outbox()}));
  std::cout << "seeded " << n << " dispatched cases in " << seed_s << " s\n"
            << "applied " << applied << " answer deadlines in " << seconds
            << " s: " << static_cast<long>(applied / seconds) << " deadlines/s\n"
            << "notices queued: " << (queued ? queued->integer : -1) << " ("
            << static_cast<long>((queued ? queued->integer : 0) / seconds) << " SMS/s)\n"
            << "CPU per deadline: scheduler " << static_cast<long>(own_cpu * 1e6 / applied)
            << " us, redis " << static_cast<long>(redis_cpu * 1e6 / applied) << " us\n"
            << "redis commands: " << RedisCommandCosts(io, redis) << "\n";
  redis.Stop();
  guard.reset();
  for (auto& t : threads) {
    t.join();
  }
  return applied == n ? 0 : 1;
}
