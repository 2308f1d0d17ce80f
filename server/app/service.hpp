#pragma once

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "admin/template_catalog.hpp"
#include "app/config.hpp"
#include "app/live_edits.hpp"
#include "app/step_stack.hpp"
#include "app/web_shard.hpp"
#include "cases/calendar.hpp"
#include "casework/case_desk.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "conversation/conversation.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "metrics/registry.hpp"
#include "outbox/sender.hpp"
#include "outbox/sms_bill.hpp"
#include "routes/admin_routes.hpp"
#include "routes/dialog_routes.hpp"
#include "routes/ops_routes.hpp"
#include "routes/template_routes.hpp"
#include "routes/token_routes.hpp"
#include "routes/webhook_routes.hpp"
#include "scheduler/scheduler.hpp"
#include "store/budget_store.hpp"
#include "store/case_store.hpp"
#include "store/dialog_store.hpp"
#include "store/outbox_store.hpp"
#include "store/redis_client.hpp"
#include "store/send_rate_store.hpp"

namespace lapor::app {

// The whole server wired from a Config. The webhooks (role web) are served by `http.threads` web
// shards (app/web_shard.hpp), each a thread with its own io_context, listener on the shared port
// and Redis connections, so a step never leaves its thread. The deadline scheduler (role
// scheduler), the outbox sender (role sender), the officials' live edits and scans and the
// admin listener run on one more io_context and thread of their own, so they never add latency to
// a webhook. Wiring only: each part reads its own config section and registers its own metrics.
class Service {
 public:
  // Loads and checks the map, the dialog and templates, the officials' tokens, and what each names
  // of the others (app/references.hpp). Throws ConfigError with every problem found.
  Service(Config config, const Clock& clock);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Starts the threads and the Redis connections, waits (at most redis.connect_timeout_ms) for
  // Redis to be up with its scripts loaded, then listens and starts the loops. Errors: the listen
  // address cannot be bound.
  Result<Ok> Start();
  // Drains: /readyz 503 at once, stops accepting, lets requests in flight and the loops' passes
  // finish (at most http.drain_timeout_ms), then closes Redis and joins the threads.
  void Stop();
  // Blocks until SIGINT or SIGTERM, then Stop().
  void RunUntilSignal();

  uint16_t port() const { return shards_.empty() ? 0 : shards_.front()->port(); }
  // The admin listener's port (config admin_listen); port() when there is none.
  uint16_t admin_port() const { return admin_http_ ? admin_http_->port() : port(); }
  const Config& config() const { return config_; }
  // The background io_context's stack (the web shards have their own, on their own Redis).
  conversation::Conversation& conversation() { return main_->conversation; }
  casework::CaseDesk& desk() { return main_->desk; }
  store::RedisClient& redis() { return *redis_; }
  store::CaseStore& cases() { return main_->cases; }
  store::OutboxStore& outbox() { return main_->outbox; }
  scheduler::Scheduler* scheduler() { return scheduler_.get(); }
  outbox::Sender* sender() { return sender_.get(); }
  metrics::Registry& metrics() { return metrics_; }
  const cases::Calendar& calendar() const { return *calendar_; }
  // The dialog engine in force (its templates change live).
  std::shared_ptr<const dialog::Engine> engine() const { return engine_->Get(); }
  const places::PlaceIndex& places() const { return *places_; }
  boost::asio::io_context& io() { return io_; }
  const std::vector<std::unique_ptr<WebShard>>& shards() const { return shards_; }

 private:
  void BuildStores(const Clock& clock);
  void BuildLoops(const Clock& clock);
  void BuildWeb(const Clock& clock);
  // Every route a listener serves, the webhooks with `webhooks`' stack.
  void FillRouter(http::Router& router, const routes::WebhookParts& webhooks,
                  const routes::OpsParts& ops);
  routes::OpsParts OpsPartsFor();
  routes::WebhookParts WebhookPartsFor(StepStack& stack, const Clock& clock);
  size_t open_connections() const;
  std::vector<std::shared_ptr<const channels::Gateway>> BuildGateways() const;

  Config config_;
  boost::asio::io_context io_;
  metrics::Registry metrics_;
  std::shared_ptr<const places::PlaceIndex> places_;
  std::shared_ptr<const dialog::Engine> shipped_engine_;  // templates/*.json as shipped
  std::unique_ptr<Live<dialog::Engine>> engine_;          // with the officials' edits
  // The dialog versions recently active, for sessions still on them.
  std::unique_ptr<Live<dialog::EngineShelf>> shelf_;
  admin::TokenSet tokens_;                              // admin.tokens_file
  std::unique_ptr<Live<admin::TokenBook>> token_book_;  // with the tokens API's changes
  std::unique_ptr<routes::AdminAuth> auth_;
  admin::TemplateCatalog catalog_;
  std::unique_ptr<cases::Calendar> calendar_;
  std::unique_ptr<store::RedisClient> redis_;
  // Officials' scans (lists, reports) on a connection of their own, so a large reply never
  // delays a citizen's step.
  std::unique_ptr<store::RedisClient> redis_bulk_;
  std::unique_ptr<store::CaseStore> bulk_cases_;
  std::unique_ptr<store::OutboxStore> bulk_outbox_;
  std::unique_ptr<store::TemplateStore> template_store_;
  std::unique_ptr<store::TokenStore> token_store_;
  std::unique_ptr<store::DialogVersionStore> dialog_versions_;
  std::unique_ptr<LiveEdits> live_edits_;
  std::unique_ptr<StackShared> stack_shared_;
  std::unique_ptr<StepStack> main_;  // on io_ and redis_
  std::unique_ptr<store::SendRateStore> rates_;
  std::unique_ptr<outbox::SmsBill> bill_;
  std::unique_ptr<scheduler::Scheduler> scheduler_;
  std::unique_ptr<outbox::Sender> sender_;
  std::unique_ptr<routes::AdminRoutes> admin_;
  std::unique_ptr<routes::TemplateRoutes> template_routes_;
  std::unique_ptr<routes::TokenRoutes> token_routes_;
  std::unique_ptr<routes::DialogRoutes> dialog_routes_;
  std::vector<std::unique_ptr<WebShard>> shards_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::unique_ptr<http::Router> admin_router_;
  std::unique_ptr<http::Server> admin_http_;  // admin_listen: the officials' API and /metrics
  std::thread background_;                    // runs io_
  bool stopped_ = true;
  std::atomic<bool> draining_{false};  // Stop() has begun: /readyz says 503
};

// The map of Indonesia the config names, its onboarded regions ranking first. Throws ConfigError.
std::shared_ptr<const places::PlaceIndex> BuildPlaces(const Config& config);
// Builds the dialog engine the config describes. Throws ConfigError.
std::shared_ptr<const dialog::Engine> BuildEngine(const Config& config,
                                                  std::shared_ptr<const places::PlaceIndex> places);

// RedisOptions from the config's url and limits. Throws ConfigError for a bad url.
store::RedisOptions BuildRedisOptions(const Config& config);

}  // namespace lapor::app
