#include "app/step_stack.hpp"

#include <algorithm>

#include "outbox/outbox_config.hpp"

namespace lapor::app {

store::StepTtls StepTtlsFor(const Config& config) {
  constexpr int64_t kMinute = 60;
  const auto& d = config.dialog;
  return store::StepTtls{
      // The stored session outlives the idle limit a little: the engine, on the injected clock,
      // decides expiry; Redis's TTL only collects what is left behind.
      .sms_session_s = (static_cast<int64_t>(d.sms_idle_minutes) + 5) * kMinute,
      // A USSD session lives a few minutes at the telco; keep it as long as it can be resumed.
      .ussd_session_s = std::max<int64_t>(static_cast<int64_t>(d.ussd_resume_minutes), 5) * kMinute,
      .resume_s = std::max<int64_t>(static_cast<int64_t>(d.ussd_resume_minutes), 1) * kMinute,
      .dedupe_s = static_cast<int64_t>(d.dedupe_hours) * 3600};
}

namespace {

// Notices are rendered with the texts in force at each move.
casework::TemplateSource TemplatesInForce(const Live<dialog::Engine>& engine) {
  return [&engine] {
    auto current = engine.Get();
    return std::shared_ptr<const text::TemplateSet>(current, &current->templates());
  };
}

}  // namespace

StepStack::StepStack(store::RedisClient& redis, const StackShared& shared)
    : dialogs(redis, store::Keys(shared.config.redis.prefix), StepTtlsFor(shared.config),
              shared.config.limits.reports_per_day),
      budgets(redis, store::Keys(shared.config.redis.prefix), shared.config.limits),
      cases(redis, store::Keys(shared.config.redis.prefix)),
      outbox(redis, store::Keys(shared.config.redis.prefix),
             store::OutboxStoreOptions{.claim_idle_ms = outbox::ClaimIdleMs(shared.config.outbox)},
             &shared.metrics),
      desk(cases, shared.config.policy, shared.calendar, TemplatesInForce(shared.engine),
           shared.metrics),
      conversation(conversation::ConversationParts{
          .engine = shared.engine,
          .dialogs = dialogs,
          .desk = desk,
          .clock = shared.clock,
          .registry = shared.metrics,
          .shelf = &shared.shelf,
          .dedupe_ttl_s = StepTtlsFor(shared.config).dedupe_s,
          .resolve_window = std::chrono::milliseconds(shared.config.redis.command_timeout_ms),
          .budgets = &budgets}) {}

}  // namespace lapor::app
