#include "app/service.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/signal_set.hpp>
#include <future>
#include <set>

#include "app/descriptors.hpp"
#include "app/references.hpp"
#include "channels/africastalking/messaging.hpp"
#include "channels/generic/json_sms.hpp"
#include "channels/kannel/gateway.hpp"
#include "channels/twilio/messages.hpp"
#include "common/config_error.hpp"
#include "common/json_reader.hpp"
#include "common/log.hpp"
#include "outbox/outbox_gauges.hpp"
#include "routes/console_routes.hpp"
#include "routes/ops_routes.hpp"
#include "routes/webhook_routes.hpp"
#include "store/redis_memory.hpp"
#include "text/url_encoding.hpp"

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

// With an admin listener, the webhooks' address answers only the webhooks and the health
// checks, and the admin listener everything but the webhooks.
bool ServedOnWebhookPort(std::string_view path) {
  return path.starts_with("/webhooks/") || path == "/healthz" || path == "/readyz";
}

http::Handler Only(http::Router& router, bool webhook_port) {
  return [&router, webhook_port](http::Request& req, const http::Peer& peer) {
    const std::string_view path = text::SplitTarget(req.target()).first;
    const bool healthcheck = path == "/healthz" || path == "/readyz";
    if (ServedOnWebhookPort(path) != webhook_port && !healthcheck) {
      auto refuse = [](http::Request& r) -> boost::asio::awaitable<http::Response> {
        co_return http::JsonError(r, {Errc::kNotFound, "no such path"});
      };
      return refuse(req);
    }
    return router.Handle(req, peer);
  };
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
  store::Keys keys(config_.redis.prefix);
  stack_shared_ = std::make_unique<StackShared>(StackShared{.config = config_,
                                                            .clock = clock,
                                                            .metrics = metrics_,
                                                            .calendar = *calendar_,
                                                            .engine = *engine_,
                                                            .shelf = *shelf_});
  main_ = std::make_unique<StepStack>(*redis_, *stack_shared_);
  rates_ = std::make_unique<store::SendRateStore>(*redis_, keys);
  bill_ = std::make_unique<outbox::SmsBill>(metrics_);
  const store::OutboxStoreOptions outbox_options{.claim_idle_ms =
                                                     outbox::ClaimIdleMs(config_.outbox)};
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
}

std::vector<std::shared_ptr<const channels::Gateway>> Service::BuildGateways() const {
  std::vector<std::shared_ptr<const channels::Gateway>> gateways;
  const Config& c = config_;
  if (c.kannel.enabled && !c.kannel.sendsms_url.empty()) {
    gateways.push_back(std::make_shared<channels::kannel::KannelGateway>(c.kannel, c.outbox.from));
  }
  if (c.africastalking.enabled && !c.africastalking.username.empty()) {
    gateways.push_back(
        std::make_shared<channels::africastalking::AfricasTalkingGateway>(c.africastalking));
  }
  if (c.twilio.enabled) {
    gateways.push_back(std::make_shared<channels::twilio::TwilioGateway>(c.twilio));
  }
  if (c.generic.enabled && !c.generic.send_url.empty()) {
    gateways.push_back(std::make_shared<channels::generic::GenericGateway>(c.generic));
  }
  return gateways;
}

void Service::BuildLoops(const Clock& clock) {
  if (config_.roles.scheduler) {
    scheduler_ = std::make_unique<scheduler::Scheduler>(io_, main_->cases, main_->desk, clock,
                                                        config_.scheduler, metrics_);
  }
  auto gateways = BuildGateways();
  if (config_.roles.sender && !gateways.empty()) {
    const auto& o = config_.outbox;
    sender_ = std::make_unique<outbox::Sender>(
        io_, main_->outbox, clock,
        outbox::SenderOptions{.max_attempts = static_cast<int64_t>(o.max_attempts),
                              .backoff_ms = static_cast<int64_t>(o.backoff_ms),
                              .max_backoff_ms = static_cast<int64_t>(o.max_backoff_ms),
                              .send_timeout_ms = static_cast<int64_t>(o.send_timeout_ms),
                              .poll_ms = static_cast<int64_t>(o.poll_ms)},
        outbox::SenderGateways{.gateways = std::move(gateways),
                               .routes = {.citizen = o.citizen_route, .official = o.official_route},
                               .rates = rates_.get()},
        metrics_);
  }
}

void Service::BuildWeb(const Clock& clock) {
  auth_ = std::make_unique<routes::AdminAuth>(
      routes::AdminAuth{.tokens = *token_book_, .store = token_store_.get(), .clock = clock});
  admin_ = std::make_unique<routes::AdminRoutes>(
      routes::AdminParts{.store = *bulk_cases_,
                         .desk = main_->desk,
                         .clock = clock,
                         .auth = *auth_,
                         .outbox = bulk_outbox_.get(),
                         .max_text_sms = config_.admin.max_text_sms});
  template_routes_ =
      std::make_unique<routes::TemplateRoutes>(routes::TemplateParts{.store = *template_store_,
                                                                     .engine = *engine_,
                                                                     .shipped = shipped_engine_,
                                                                     .catalog = catalog_,
                                                                     .clock = clock,
                                                                     .auth = *auth_});
  token_routes_ = std::make_unique<routes::TokenRoutes>(routes::TokenParts{.store = *token_store_,
                                                                           .book = *token_book_,
                                                                           .file = tokens_,
                                                                           .clock = clock,
                                                                           .auth = *auth_});
  dialog_routes_ = std::make_unique<routes::DialogRoutes>(
      routes::DialogParts{.engine = *engine_,
                          .versions = *dialog_versions_,
                          .shipped_doc = ReadJsonFile(config_.dialog.file),
                          .clock = clock,
                          .auth = *auth_});
  http::Limits limits = config_.http.limits;
  const size_t cap =
      ConnectionCap(static_cast<size_t>(limits.max_connections), RaiseOpenFileLimit());
  if (cap < static_cast<size_t>(limits.max_connections)) {
    log::Warn("http_connections_capped",
              {{"configured", limits.max_connections}, {"cap", cap}, {"why", "open-file limit"}});
    limits.max_connections = static_cast<int>(cap);
  }
  const bool separate = config_.http.separate_admin;
  size_t shards = config_.http.threads;
  if (shards == 0) {
    shards = std::max(1u, std::thread::hardware_concurrency());
  }
  // Each shard gets its share of the configured Redis connections (at least one).
  store::RedisOptions redis = BuildRedisOptions(config_);
  redis.connections =
      std::max(1, (redis.connections + static_cast<int>(shards) - 1) / static_cast<int>(shards));
  // One set of health checks and gauges, whichever listener serves /metrics.
  const routes::OpsParts ops = OpsPartsFor();
  const RouterInputs inputs{.fill =
                                [this, &clock, ops](http::Router& router, StepStack& stack) {
                                  FillRouter(router, WebhookPartsFor(stack, clock), ops);
                                },
                            .serve = [separate](http::Router& router) -> http::Handler {
                              if (separate) {
                                return Only(router, true);
                              }
                              return [&router](http::Request& req, const http::Peer& peer) {
                                return router.Handle(req, peer);
                              };
                            },
                            .limits = limits,
                            .connections = http::NewConnectionShare()};
  for (size_t i = 0; i < shards; ++i) {
    shards_.push_back(std::make_unique<WebShard>(*stack_shared_, redis, inputs));
  }
  if (separate) {
    admin_router_ = std::make_unique<http::Router>(metrics_);
    FillRouter(*admin_router_, WebhookPartsFor(*main_, clock), ops);
    admin_http_ = std::make_unique<http::Server>(io_, limits, Only(*admin_router_, false));
  }
}

routes::WebhookParts Service::WebhookPartsFor(StepStack& stack, const Clock& clock) {
  return routes::WebhookParts{
      .conversation = stack.conversation,
      .outbox = stack.outbox,
      .clock = clock,
      .registry = metrics_,
      .bill = *bill_,
      .kannel = config_.kannel,
      .africastalking = config_.africastalking,
      .twilio = config_.twilio,
      .generic = config_.generic,
      .reply_once_ttl_s = static_cast<int64_t>(config_.dialog.dedupe_hours) * 3600};
}

void Service::FillRouter(http::Router& router, const routes::WebhookParts& webhooks,
                         const routes::OpsParts& ops) {
  routes::AddAfricasTalkingRoutes(router, webhooks);
  routes::AddKannelRoutes(router, webhooks);
  routes::AddTwilioRoutes(router, webhooks);
  routes::AddGenericRoutes(router, webhooks);
  admin_->Register(router);
  template_routes_->Register(router);
  token_routes_->Register(router);
  dialog_routes_->Register(router);
  routes::AddConsoleRoutes(router);
  routes::AddOpsRoutes(router, ops);
}

size_t Service::open_connections() const {
  size_t open = admin_http_ ? admin_http_->open_connections() : 0;
  for (const auto& shard : shards_) {
    open += shard->open_connections();
  }
  return open;
}

routes::OpsParts Service::OpsPartsFor() {
  auto gauges = std::make_shared<outbox::OutboxGauges>(main_->outbox, metrics_);
  auto& redis_up =
      metrics_.AddGauge("lapor1708_redis_up", "1 when Redis answers, 0 when it does not.");
  auto& connections = metrics_.AddGauge("lapor1708_open_connections", "HTTP connections open now.");
  auto& used = metrics_.AddGauge("lapor1708_redis_memory_used_bytes", "Memory Redis uses.");
  auto& max = metrics_.AddGauge("lapor1708_redis_maxmemory_bytes",
                                "Redis's maxmemory (0: no limit, which nothing should run with).");
  auto& alert = metrics_.AddGauge(
      "lapor1708_redis_memory_alert",
      "1 when Redis uses redis.memory_alert_percent of its maxmemory or more (writes fail at "
      "100%), or has no maxmemory; 0 otherwise.");
  const double alert_share = static_cast<double>(config_.redis.memory_alert_percent) / 100;
  auto memory = [this, &used, &max, &alert, alert_share]() -> boost::asio::awaitable<void> {
    auto use = co_await store::ReadMemoryUse(*redis_);
    if (use) {
      used.Set(static_cast<double>(use->used_bytes));
      max.Set(static_cast<double>(use->max_bytes));
      const bool near = use->max_bytes == 0 ||
                        static_cast<double>(use->used_bytes) >= alert_share * use->max_bytes;
      alert.Set(near ? 1 : 0);
    }
  };
  return routes::OpsParts{
      .redis =
          [this] {
            std::vector<const store::RedisClient*> clients{redis_.get()};
            for (const auto& shard : shards_) {
              clients.push_back(&shard->redis());
            }
            return clients;
          },
      .draining = [this] { return draining_.load(); },
      .registry = metrics_,
      .refreshes = {[gauges]() { return gauges->Refresh(); }, memory,
                    [this, &redis_up, &connections]() -> boost::asio::awaitable<void> {
                      redis_up.Set(redis_->connected() ? 1 : 0);
                      connections.Set(static_cast<double>(open_connections()));
                      co_return;
                    }}};
}

Service::~Service() { Stop(); }

}  // namespace lapor::app
