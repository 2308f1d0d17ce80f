#pragma once

#include <boost/asio/awaitable.hpp>

#include "cases/calendar.hpp"
#include "cases/workflow.hpp"
#include "channels/inbound.hpp"
#include "common/clock.hpp"
#include "dialog/engine.hpp"
#include "dialog/sms_keywords.hpp"
#include "http/metrics.hpp"
#include "store/case_store.hpp"
#include "store/dialog_store.hpp"

namespace lapor::app {

// The parts a conversation needs; all outlive it.
struct ConversationParts {
  const dialog::Engine& engine;
  store::DialogStore& dialogs;
  store::CaseStore& cases;
  const cases::Policy& policy;
  const cases::Calendar& calendar;
  const Clock& clock;
  http::Metrics& metrics;
  int64_t dedupe_ttl_s = 24 * 3600;
};

// One citizen message: a dialog step (read in one pipelined round trip ▶ pure engine step ▶ one
// atomic write; a lost compare-and-set redoes the step on fresh state, so concurrent messages of
// one session are applied one after the other and none is lost), or, for INFO / PUAS / TIDAK, a
// case action through the workflow, deduped the same way.
class Conversation {
 public:
  explicit Conversation(ConversationParts parts) : p_(parts) {}

  // Never fails: when Redis cannot be reached the reply is busy, with a text the citizen can
  // read, and nothing was changed (the provider may retry; dedupe makes that safe).
  boost::asio::awaitable<channels::DialogReply> Handle(const channels::InboundMessage& message);

 private:
  boost::asio::awaitable<channels::DialogReply> DialogStep(const channels::InboundMessage& message);
  boost::asio::awaitable<channels::DialogReply> CaseAction(const channels::InboundMessage& message,
                                                           const dialog::SmsCommand& command);
  store::FilingExtras Filing(const dialog::StepResult& step, dialog::Channel channel,
                             TimeMs now) const;
  channels::DialogReply Busy(const Error& error);

  ConversationParts p_;
};

}  // namespace lapor::app
