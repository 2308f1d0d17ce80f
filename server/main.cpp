// lapor1708: serve | check-config | simulate. See README.md.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <csignal>
#include <future>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "admin/tokens.hpp"
#include "app/config.hpp"
#include "app/references.hpp"
#include "app/service.hpp"
#include "app/simulate.hpp"
#include "common/config_error.hpp"
#include "store/outbox_store.hpp"
#include "store/redis_client.hpp"
#include "store/redis_url.hpp"
#include "text/citizen_text.hpp"
#include "text/phone.hpp"

namespace {

using lapor::app::Config;

constexpr const char* kUsage = R"(usage: lapor1708 <command> [options]

commands:
  serve          serve the webhooks, health and metrics (the default)
  check-config   load the config, dialog and templates; print every problem; exit 1 if any
  simulate       chat with the dialog in this terminal, through the real engine, under a scratch
                 Redis key prefix, with no scheduler or sender: no real case, nothing sent
  outbox requeue ID... | --all
                 send dead letters again from a first try (GET /admin/v1/outbox/dead lists them)
  token add      make an official's bearer token: --role ROLE --name NAME; prints it once and
                 keeps only its SHA-256 in admin.tokens_file (roles: verifier, ombudsman,
                 auditor, region_admin:<region>, inspectorate:<region>, regent:<region>,
                 opd:<region>/<opd>; a region is its code, e.g. 19.04)

options:
  --config PATH  config file (default: $LAPOR1708_CONFIG or config/default.json)
  --phone NUMBER simulate: the citizen's number (default +6281200000001)
  --ussd         simulate: a USSD session (default: SMS)

environment: REDIS_URL, LAPOR1708_LISTEN, LAPOR1708_REDIS_PREFIX, LAPOR1708_KANNEL_SECRET,
             LAPOR1708_HTTP_THREADS override the config.
)";

struct Options {
  std::string command = "serve";
  std::string config_path;
  std::string phone = "+6281200000001";
  bool ussd = false;
  std::string role;              // token add
  std::string name;              // token add
  std::vector<std::string> ids;  // outbox requeue
  bool all = false;              // outbox requeue --all
};

bool ParseArgs(int argc, char** argv, Options& options) {
  const char* env_config = std::getenv("LAPOR1708_CONFIG");
  options.config_path = env_config != nullptr ? env_config : "config/default.json";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--config") {
      options.config_path = value();
    } else if (arg == "--phone") {
      options.phone = value();
    } else if (arg == "--ussd") {
      options.ussd = true;
    } else if (arg == "--role") {
      options.role = value();
    } else if (arg == "--name") {
      options.name = value();
    } else if (options.command == "token" && arg == "add") {
      options.command = "token add";
    } else if (options.command == "outbox" && arg == "requeue") {
      options.command = "outbox requeue";
    } else if (options.command == "outbox requeue" && arg == "--all") {
      options.all = true;
    } else if (options.command == "outbox requeue" && arg[0] != '-') {
      options.ids.push_back(arg);
    } else if (arg == "-h" || arg == "--help" || arg == "help") {
      return false;
    } else if (i == 1 && arg[0] != '-') {
      options.command = arg;
    } else {
      std::cerr << "unknown argument: " << arg << "\n";
      return false;
    }
  }
  return options.command == "serve" || options.command == "check-config" ||
         options.command == "simulate" || options.command == "token add" ||
         (options.command == "outbox requeue" && (options.all != !options.ids.empty()));
}

int CheckConfig(const Options& options) {
  Config config = lapor::app::LoadConfig(options.config_path, lapor::app::ProcessEnvironment());
  auto places = lapor::app::BuildPlaces(config);
  auto engine = lapor::app::BuildEngine(config, places);
  auto tokens = lapor::admin::TokenSet::Load(config.admin.tokens_file);
  lapor::app::ResolveReferences(config, engine->dialog(), *places, &tokens);
  lapor::app::BuildRedisOptions(config);
  std::cout << options.config_path << ": ok (dialog " << config.dialog.file << ", templates "
            << config.dialog.templates_dir << ", " << places->map().size() << " places in "
            << config.places.dir << ", regions onboarded:";
  for (const auto& region : config.policy.regions) {
    std::cout << " " << region.code << " " << region.name;
  }
  std::cout << ")\n";
  return 0;
}

int Serve(const Options& options) {
  lapor::SystemClock clock;
  lapor::app::Service service(
      lapor::app::LoadConfig(options.config_path, lapor::app::ProcessEnvironment()), clock);
  if (auto started = service.Start(); !started) {
    std::cerr << "cannot listen: " << started.error().message << "\n";
    return 1;
  }
  service.RunUntilSignal();
  return 0;
}

int TokenAdd(const Options& options) {
  Config config = lapor::app::LoadConfig(options.config_path, lapor::app::ProcessEnvironment());
  if (config.admin.tokens_file.empty()) {
    std::cerr << "admin.tokens_file is not set in " << options.config_path << "\n";
    return 1;
  }
  // A role naming a region or an OPD the config does not have would stop the server at start.
  if (auto actor = lapor::cases::ParseRole(options.role, options.name)) {
    lapor::admin::TokenSet one{.entries = {{.sha256 = "", .actor = *actor}}};
    auto problems = lapor::app::TokenProblems(config.policy, one, options.config_path);
    if (!problems.empty()) {
      std::cerr << "token add: " << problems.front() << "\n";
      return 1;
    }
  }
  auto token = lapor::admin::AddToken(config.admin.tokens_file, options.name, options.role);
  if (!token) {
    std::cerr << "token add: " << token.error().message << "\n";
    return 1;
  }
  std::cerr << "token for " << options.name << " (" << options.role << "), kept as a hash in "
            << config.admin.tokens_file << "; it is shown only this once:\n";
  std::cout << *token << "\n";
  return 0;
}

// Dead letters back on the outbox, through the same store the sender reads.
int OutboxRequeue(const Options& options) {
  Config config = lapor::app::LoadConfig(options.config_path, lapor::app::ProcessEnvironment());
  boost::asio::io_context io;
  lapor::store::RedisClient redis(io, lapor::app::BuildRedisOptions(config));
  lapor::store::OutboxStore outbox(redis, lapor::store::Keys(config.redis.prefix));
  redis.Start();
  auto work = boost::asio::make_work_guard(io);
  std::thread thread([&io] { io.run(); });
  // (A promise, not use_future: a Result has no default value for co_spawn to hand back.)
  std::promise<lapor::Result<std::vector<std::string>>> done;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        boost::asio::steady_timer wait(io);
        for (int i = 0; i < 100 && !redis.connected(); ++i) {
          wait.expires_after(std::chrono::milliseconds(20));
          co_await wait.async_wait(boost::asio::use_awaitable);
        }
        done.set_value(co_await outbox.Requeue(options.ids, lapor::SystemClock().Now()));
      },
      boost::asio::detached);
  auto requeued = done.get_future().get();
  redis.Stop();
  work.reset();
  thread.join();
  if (!requeued) {
    std::cerr << "outbox requeue: " << requeued.error().message << "\n";
    return 1;
  }
  for (const auto& id : *requeued) {
    std::cout << id << "\n";
  }
  std::cerr << requeued->size() << " dead letter(s) requeued\n";
  return options.ids.empty() || requeued->size() == options.ids.size() ? 0 : 1;
}

// A terminal chat through the real engine and Redis, under a scratch prefix (app/simulate.hpp).
int Simulate(const Options& options) {
  auto phone = lapor::text::NormalizeMsisdn(options.phone);
  if (!phone) {
    std::cerr << "--phone: not a phone number\n";
    return 2;
  }
  Config config = lapor::app::LoadConfig(options.config_path, lapor::app::ProcessEnvironment());
  return lapor::app::Simulate(std::move(config), {.phone = *phone, .ussd = options.ussd}, std::cin,
                              std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!ParseArgs(argc, argv, options)) {
    std::cerr << kUsage;
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);
  try {
    if (options.command == "check-config") {
      return CheckConfig(options);
    }
    if (options.command == "simulate") {
      return Simulate(options);
    }
    if (options.command == "token add") {
      return TokenAdd(options);
    }
    if (options.command == "outbox requeue") {
      return OutboxRequeue(options);
    }
    return Serve(options);
  } catch (const lapor::ConfigError& e) {
    std::cerr << "configuration problems:\n" << e.what();
    return 1;
  }
}
