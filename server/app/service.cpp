#include "app/service.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/signal_set.hpp>
#include <future>
#include <set>

#include "app/descriptors.hpp"
#include "app/references.hpp"
#include "common/config_error.hpp"
#include "common/json_reader.hpp"
#include "common/log.hpp"
#include "outbox/outbox_gauges.hpp"
#include "routes/console_routes.hpp"
#include "routes/ops_routes.hpp"
#include "routes/webhook_routes.hpp"

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

std::shared_ptr<const places::PlaceIndex> BuildPlaces(const Config& config) {
  std::vector<std::string> onboarded;
  for (const auto& region : config.policy.regions) {
    onboarded.push_back(region.code);
  }
  return places::BuildPlaceIndex(config.places, onboarded);
}

std::shared_ptr<const dialog::Engine> BuildEngine(
    const Config& config, std::shared_ptr<const places::PlaceIndex> places) {
  return dialog::BuildEngine(config.dialog, {}, std::move(places));
}

store::RedisOptions BuildRedisOptions(const Config& config) {
  auto options = store::ToRedisOptions(config.redis);
  if (!options) {
    throw ConfigError({config.path + ": /redis/url (or $REDIS_URL): " + options.error().message});
  }
  return *options;
}

Service::Service(Config config, const Clock& clock) : config_(std::move(config)) {
  log::SetMinLevel(LevelFromName(config_.log_level));
  places_ = BuildPlaces(config_);
  shipped_engine_ = BuildEngine(config_, places_);
  engine_ = std::make_unique<Live<dialog::Engine>>(shipped_engine_);
  shelf_ = std::make_unique<Live<dialog::EngineShelf>>(
      std::make_shared<const dialog::EngineShelf>(dialog::EngineShelf{{0, shipped_engine_}}));
  catalog_ = admin::TemplateCatalog::Build(shipped_engine_->templates(), shipped_engine_->dialog());
  tokens_ = admin::TokenSet::Load(config_.admin.tokens_file);
  token_book_ = std::make_unique<Live<admin::TokenBook>>(
      std::make_shared<const admin::TokenBook>(admin::TokenBook{.file = tokens_}));
  ResolveReferences(config_, shipped_engine_->dialog(), *places_, &tokens_);
  calendar_ = std::make_unique<cases::Calendar>(cases::BuildCalendar(config_.calendar));
  BuildStores(clock);
  BuildLoops(clock);
  if (config_.roles.web) {
    BuildWeb(clock);
  }
}

void Service::BuildStores(const Clock& clock) {
  redis_ = std::make_unique<store::RedisClient>(io_, BuildRedisOptions(config_));
  store::RedisOptions bulk = BuildRedisOptions(config_);
  bulk.connections = 1;
  redis_bulk_ = std::make_unique<store::RedisClient>(io_, bulk);
  constexpr int64_t kMinute = 60;
  const auto& d = config_.dialog;
  store::StepTtls ttls{
      // The stored session outlives the idle limit a little: the engine, on the injected clock,
      // decides expiry; Redis's TTL only collects what is left behind.
      .sms_session_s = (static_cast<int64_t>(d.sms_idle_minutes) + 5) * kMinute,
      // A USSD session lives a few minutes at the telco; keep it as long as it can be resumed.
      .ussd_session_s = std::max<int64_t>(static_cast<int64_t>(d.ussd_resume_minutes), 5) * kMinute,
      .resume_s = std::max<int64_t>(static_cast<int64_t>(d.ussd_resume_minutes), 1) * kMinute,
      .dedupe_s = static_cast<int64_t>(d.dedupe_hours) * 3600};
  store::Keys keys(config_.redis.prefix);
  dialogs_ = std::make_unique<store::DialogStore>(*redis_, keys, ttls);
  cases_ = std::make_unique<store::CaseStore>(*redis_, keys);
  const store::OutboxStoreOptions outbox_options{.claim_idle_ms =
                                                     outbox::ClaimIdleMs(config_.outbox)};
  outbox_ = std::make_unique<store::OutboxStore>(*redis_, keys, outbox_options, &metrics_);
  bulk_cases_ = std::make_unique<store::CaseStore>(*redis_bulk_, keys);
  bulk_outbox_ = std::make_unique<store::OutboxStore>(*redis_bulk_, keys, outbox_options);
  template_store_ = std::make_unique<store::TemplateStore>(
      *redis_bulk_, keys, shipped_engine_->templates().languages());
  token_store_ = std::make_unique<store::TokenStore>(*redis_bulk_, keys);
  dialog_versions_ = std::make_unique<store::DialogVersionStore>(*redis_bulk_, keys);
  live_edits_ = std::make_unique<LiveEdits>(io_,
                                            LiveEditsParts{.templates = *template_store_,
                                                           .tokens = *token_store_,
                                                           .dialogs = *dialog_versions_,
                                                           .engine = *engine_,
                                                           .shelf = *shelf_,
                                                           .shipped = shipped_engine_,
                                                           .book = *token_book_,
                                                           .file = tokens_},
                                            metrics_);
  // Notices are rendered with the texts in force at each move.
  auto templates = [this] {
    auto engine = engine_->Get();
    return std::shared_ptr<const text::TemplateSet>(engine, &engine->templates());
  };
  desk_ = std::make_unique<casework::CaseDesk>(*cases_, config_.policy, *calendar_, templates,
                                               metrics_);
  conversation_ = std::make_unique<conversation::Conversation>(conversation::ConversationParts{
      .engine = *engine_,
      .dialogs = *dialogs_,
      .desk = *desk_,
      .clock = clock,
      .registry = metrics_,
      .shelf = shelf_.get(),
      .dedupe_ttl_s = ttls.dedupe_s,
      .resolve_window = std::chrono::milliseconds(config_.redis.command_timeout_ms)});
}

void Service::BuildLoops(const Clock& clock) {
  if (config_.roles.scheduler) {
    scheduler_ = std::make_unique<scheduler::Scheduler>(io_, *cases_, *desk_, clock,
                                                        config_.scheduler, metrics_);
  }
  if (config_.roles.sender && !config_.kannel.sendsms_url.empty()) {
    const auto& o = config_.outbox;
    sender_ = std::make_unique<outbox::Sender>(
        io_, *outbox_, clock,
        outbox::SenderOptions{.sendsms_url = config_.kannel.sendsms_url,
                              .username = config_.kannel.username,
                              .password = config_.kannel.password,
                              .from = o.from,
                              .dlr_url = config_.kannel.dlr_url,
                              .max_attempts = static_cast<int64_t>(o.max_attempts),
                              .backoff_ms = static_cast<int64_t>(o.backoff_ms),
                              .max_backoff_ms = static_cast<int64_t>(o.max_backoff_ms),
                              .send_timeout_ms = static_cast<int64_t>(o.send_timeout_ms),
                              .poll_ms = static_cast<int64_t>(o.poll_ms)},
        metrics_);
  }
}

void Service::BuildWeb(const Clock& clock) {
  router_ = std::make_unique<http::Router>(metrics_);
  routes::WebhookParts webhooks{.conversation = *conversation_,
                                .outbox = *outbox_,
                                .clock = clock,
                                .kannel = config_.kannel,
                                .africastalking = config_.africastalking};
  routes::AddAfricasTalkingRoutes(*router_, webhooks);
  routes::AddKannelRoutes(*router_, webhooks);
  auth_ = std::make_unique<routes::AdminAuth>(
      routes::AdminAuth{.tokens = *token_book_, .store = token_store_.get(), .clock = clock});
  admin_ = std::make_unique<routes::AdminRoutes>(routes::AdminParts{.store = *bulk_cases_,
                                                                    .desk = *desk_,
                                                                    .clock = clock,
                                                                    .auth = *auth_,
                                                                    .outbox = bulk_outbox_.get()});
  admin_->Register(*router_);
  template_routes_ =
      std::make_unique<routes::TemplateRoutes>(routes::TemplateParts{.store = *template_store_,
                                                                     .engine = *engine_,
                                                                     .shipped = shipped_engine_,
                                                                     .catalog = catalog_,
                                                                     .clock = clock,
                                                                     .auth = *auth_});
  template_routes_->Register(*router_);
  token_routes_ = std::make_unique<routes::TokenRoutes>(routes::TokenParts{.store = *token_store_,
                                                                           .book = *token_book_,
                                                                           .file = tokens_,
                                                                           .clock = clock,
                                                                           .auth = *auth_});
  token_routes_->Register(*router_);
  dialog_routes_ = std::make_unique<routes::DialogRoutes>(
      routes::DialogParts{.engine = *engine_,
                          .versions = *dialog_versions_,
                          .shipped_doc = ReadJsonFile(config_.dialog.file),
                          .clock = clock,
                          .auth = *auth_});
  dialog_routes_->Register(*router_);
  routes::AddConsoleRoutes(*router_);
  http::Limits limits = config_.http.limits;
  const size_t cap =
      ConnectionCap(static_cast<size_t>(limits.max_connections), RaiseOpenFileLimit());
  if (cap < static_cast<size_t>(limits.max_connections)) {
    log::Warn("http_connections_capped",
              {{"configured", limits.max_connections}, {"cap", cap}, {"why", "open-file limit"}});
    limits.max_connections = static_cast<int>(cap);
  }
  http_ = std::make_unique<http::Server>(
      io_, limits,
      [this](http::Request& req, const http::Peer& peer) { return router_->Handle(req, peer); });
  auto gauges = std::make_shared<outbox::OutboxGauges>(*outbox_, metrics_);
  auto& redis_up =
      metrics_.AddGauge("lapor1708_redis_up", "1 when Redis answers, 0 when it does not.");
  auto& connections = metrics_.AddGauge("lapor1708_open_connections", "HTTP connections open now.");
  routes::AddOpsRoutes(
      *router_, {.redis = *redis_,
                 .registry = metrics_,
                 .refreshes = {[gauges]() { return gauges->Refresh(); },
                               [this, &redis_up, &connections]() -> boost::asio::awaitable<void> {
                                 redis_up.Set(redis_->connected() ? 1 : 0);
                                 connections.Set(static_cast<double>(http_->open_connections()));
                                 co_return;
                               }}});
}

Service::~Service() { Stop(); }

}  // namespace lapor::app
