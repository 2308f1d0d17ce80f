#pragma once

#include "app/config.hpp"
#include "cases/calendar.hpp"
#include "casework/case_desk.hpp"
#include "common/clock.hpp"
#include "common/live.hpp"
#include "conversation/conversation.hpp"
#include "dialog/engine.hpp"
#include "dialog/engine_shelf.hpp"
#include "metrics/registry.hpp"
#include "store/budget_store.hpp"
#include "store/case_store.hpp"
#include "store/dialog_store.hpp"
#include "store/outbox_store.hpp"
#include "store/redis_client.hpp"

namespace lapor::app {

// What every StepStack of a process shares: read-only, or safe from any thread.
struct StackShared {
  const Config& config;
  const Clock& clock;
  metrics::Registry& metrics;
  const cases::Calendar& calendar;
  const Live<dialog::Engine>& engine;      // with the officials' edits
  const Live<dialog::EngineShelf>& shelf;  // dialog versions recently in force
};

// How long a step's keys live, from the dialog's config.
store::StepTtls StepTtlsFor(const Config& config);

// The stores, case desk and conversation bound to one Redis client: everything a webhook step
// runs through. The service has one for its background loops and officials; each web shard has
// its own, on its own client, so a step's Redis calls stay on the shard's thread.
struct StepStack {
  StepStack(store::RedisClient& redis, const StackShared& shared);

  store::DialogStore dialogs;
  store::BudgetStore budgets;
  store::CaseStore cases;
  store::OutboxStore outbox;
  casework::CaseDesk desk;
  conversation::Conversation conversation;
};

}  // namespace lapor::app
