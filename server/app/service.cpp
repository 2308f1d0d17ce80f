#include "app/service.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/signal_set.hpp>
#include <future>
#include <set>

#include "common/config_error.hpp"
#include "common/log.hpp"
#include "dialog/load.hpp"

namespace lapor::app {
namespace {

log::Level LevelFromName(const std::string& name) {
  if (name == "debug") {
    return log::Level::kDebug;
  }
  if (name == "warn") {
    return log::Level::kWarn;
  }
  if (name == "error") {
    return log::Level::kError;
  }
  return log::Level::kInfo;
}

}  // namespace

std::shared_ptr<const dialog::Engine> BuildEngine(const Config& config) {
  dialog::OptionSources sources{{"kecamatan", dialog::PlaceOptions(config.kecamatan)}};
  dialog::EngineOptions options{
      .screen_limit = config.screen_limit,
      .sms_idle_ms = static_cast<TimeMs>(config.sms_idle_minutes) * 60 * 1000,
      .ussd_resume_ms = static_cast<TimeMs>(config.ussd_resume_minutes) * 60 * 1000};
  return dialog::LoadEngine(config.dialog_file, config.templates_dir, config.languages, sources,
                            options);
}

cases::Calendar BuildCalendar(const Config& config) {
  std::set<cases::Calendar::Date> holidays;
  if (!config.holidays_file.empty()) {
    holidays = cases::Calendar::LoadHolidays(config.holidays_file);
  }
  return cases::Calendar(config.working_days, std::move(holidays),
                         static_cast<int64_t>(config.day_seconds));
}

store::RedisOptions BuildRedisOptions(const Config& config) {
  auto parsed = store::ParseRedisUrl(config.redis_url);
  if (!parsed) {
    throw ConfigError({config.path + ": /redis/url (or $REDIS_URL): " + parsed.error().message});
  }
  store::RedisOptions options = *parsed;
  options.connections = static_cast<int>(config.redis_connections);
  options.connect_timeout_ms = static_cast<int>(config.redis_connect_timeout_ms);
  options.command_timeout_ms = static_cast<int>(config.redis_command_timeout_ms);
  options.reconnect_delay_ms = static_cast<int>(config.redis_reconnect_delay_ms);
  return options;
}

Service::Service(Config config, const Clock& clock) : config_(std::move(config)) {
  log::SetMinLevel(LevelFromName(config_.log_level));
  engine_ = BuildEngine(config_);
  redis_ = std::make_unique<store::RedisClient>(io_, BuildRedisOptions(config_));
  int64_t minute = 60;
  store::StepTtls ttls{
      .sms_session_s = static_cast<int64_t>(config_.sms_idle_minutes) * minute,
      // A USSD session lives a few minutes at the telco; keep it as long as it can be resumed.
      .ussd_session_s =
          std::max<int64_t>(static_cast<int64_t>(config_.ussd_resume_minutes), 5) * minute,
      .resume_s = std::max<int64_t>(static_cast<int64_t>(config_.ussd_resume_minutes), 1) * minute,
      .dedupe_s = static_cast<int64_t>(config_.dedupe_hours) * 3600};
  // The stored session outlives the idle limit a little: the engine, on the injected clock,
  // decides expiry; Redis's TTL only collects what is left behind.
  ttls.sms_session_s += 5 * minute;
  store::Keys keys(config_.redis_prefix);
  store_ = std::make_unique<store::DialogStore>(*redis_, keys, ttls, config_.region_code);
  cases_ = std::make_unique<store::CaseStore>(*redis_, keys);
  outbox_ = std::make_unique<store::OutboxStore>(
      *redis_, keys,
      store::OutboxStoreOptions{.claim_idle_ms = static_cast<int64_t>(
                                    std::max<size_t>(60000, 3 * config_.outbox_send_timeout_ms))});
  calendar_ = std::make_unique<cases::Calendar>(BuildCalendar(config_));
  conversation_ = std::make_unique<Conversation>(ConversationParts{.engine = *engine_,
                                                                   .dialogs = *store_,
                                                                   .cases = *cases_,
                                                                   .policy = config_.policy,
                                                                   .calendar = *calendar_,
                                                                   .clock = clock,
                                                                   .metrics = metrics_,
                                                                   .dedupe_ttl_s = ttls.dedupe_s});
  admin_ = std::make_unique<admin::AdminRoutes>(
      *cases_, config_.policy, *calendar_, engine_->templates(), clock,
      admin::TokenSet::Load(config_.admin_tokens_file), outbox_.get());
  routes_ = std::make_unique<WebRoutes>(
      WebParts{.config = config_,
               .conversation = *conversation_,
               .redis = *redis_,
               .metrics = metrics_,
               .admin = *admin_,
               .outbox = *outbox_,
               .clock = clock,
               .open_connections = [this] { return http_ ? http_->open_connections() : 0; },
               .sender = [this] { return sender_.get(); },
               .scheduler = [this] { return scheduler_.get(); }});
  if (config_.role_scheduler) {
    scheduler_ = std::make_unique<scheduler::Scheduler>(
        io_, *cases_, config_.policy, *calendar_, engine_->templates(), clock,
        scheduler::SchedulerOptions{.tick_ms = static_cast<TimeMs>(config_.scheduler_tick_ms),
                                    .lease_ms = static_cast<TimeMs>(config_.scheduler_lease_ms),
                                    .batch = config_.scheduler_batch});
  }
  if (config_.role_sender && !config_.kannel_sendsms_url.empty()) {
    sender_ = std::make_unique<outbox::Sender>(
        io_, *outbox_, clock,
        outbox::SenderOptions{
            .sendsms_url = config_.kannel_sendsms_url,
            .username = config_.kannel_username,
            .password = config_.kannel_password,
            .from = config_.outbox_from,
            .dlr_url = config_.kannel_dlr_url,
            .max_attempts = static_cast<int64_t>(config_.outbox_max_attempts),
            .backoff_ms = static_cast<int64_t>(config_.outbox_backoff_ms),
            .max_backoff_ms = static_cast<int64_t>(config_.outbox_max_backoff_ms),
            .send_timeout_ms = static_cast<int64_t>(config_.outbox_send_timeout_ms),
            .poll_ms = static_cast<int64_t>(config_.outbox_poll_ms),
            .claim_idle_ms =
                static_cast<int64_t>(std::max<size_t>(60000, 3 * config_.outbox_send_timeout_ms))});
  }
  if (!config_.role_web) {
    return;
  }
  http::Limits limits{.max_header_bytes = config_.max_header_bytes,
                      .max_body_bytes = config_.max_body_bytes,
                      .read_timeout_ms = static_cast<int>(config_.read_timeout_ms),
                      .idle_timeout_ms = static_cast<int>(config_.idle_timeout_ms),
                      .max_connections = static_cast<int>(config_.max_connections)};
  http_ = std::make_unique<http::Server>(
      io_, limits,
      [this](http::Request& req, const http::Peer& peer) { return routes_->Handle(req, peer); });
}

Service::~Service() { Stop(); }

Result<Ok> Service::Start() {
  redis_->Start();
  if (http_) {
    auto listening = http_->Listen(config_.listen_address, config_.listen_port);
    if (!listening) {
      redis_->Stop();
      return listening.error();
    }
  }
  if (scheduler_) {
    scheduler_->Start();
  }
  if (sender_) {
    sender_->Start();
  }
  size_t threads = config_.http_threads;
  if (threads == 0) {
    threads = std::max(1u, std::thread::hardware_concurrency());
  }
  stopped_ = false;
  for (size_t i = 0; i < threads; ++i) {
    threads_.emplace_back([this] { io_.run(); });
  }
  log::Info("started", {{"address", config_.listen_address},
                        {"port", port()},
                        {"threads", threads},
                        {"web", http_ != nullptr},
                        {"scheduler", scheduler_ != nullptr},
                        {"sender", sender_ != nullptr},
                        {"config", config_.path}});
  return Ok{};
}

void Service::Stop() {
  if (stopped_) {
    return;
  }
  stopped_ = true;
  // Stop on the io_context's own threads, then let the queued work drain.
  std::promise<void> done;
  boost::asio::post(io_, [&] {
    if (http_) {
      http_->Stop();
    }
    if (scheduler_) {
      scheduler_->Stop();
    }
    if (sender_) {
      sender_->Stop();
    }
    done.set_value();
  });
  done.get_future().wait();
  // Redis goes last: the loops may still be finishing a write.
  std::promise<void> redis_done;
  boost::asio::post(io_, [&] {
    redis_->Stop();
    redis_done.set_value();
  });
  redis_done.get_future().wait();
  for (auto& thread : threads_) {
    thread.join();
  }
  threads_.clear();
  log::Info("stopped");
}

void Service::RunUntilSignal() {
  boost::asio::signal_set signals(io_, SIGINT, SIGTERM);
  std::promise<int> caught;
  signals.async_wait(
      [&](const boost::system::error_code& ec, int signal) { caught.set_value(ec ? 0 : signal); });
  int signal = caught.get_future().get();
  log::Info("signal", {{"signal", signal}});
  Stop();
}

}  // namespace lapor::app
