#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>

#include "cases/calendar.hpp"
#include "cases/filing.hpp"
#include "cases/workflow.hpp"
#include "casework/case_desk.hpp"
#include "channels/inbound.hpp"
#include "common/clock.hpp"
#include "common/live.hpp"
#include "dialog/engine.hpp"
#include "dialog/engine_shelf.hpp"
#include "dialog/sms_keywords.hpp"
#include "metrics/registry.hpp"
#include "store/budget_store.hpp"
#include "store/dialog_store.hpp"

namespace lapor::conversation {

// The parts a conversation needs; all outlive it.
struct ConversationParts {
  // The engine in force: a step takes the current one and keeps it to the end, so a template
  // change made meanwhile never changes a step half-way.
  const Live<dialog::Engine>& engine;
  store::DialogStore& dialogs;
  casework::CaseDesk& desk;
  const Clock& clock;
  metrics::Registry& registry;
  // The engines of dialog versions recently in force: a session started on one of them finishes
  // on it (dialog::ChooseEngine). Null: every session runs on `engine`.
  const Live<dialog::EngineShelf>* shelf = nullptr;
  int64_t dedupe_ttl_s = 24 * 3600;
  // How long a step whose write timed out keeps trying to read whether it committed.
  std::chrono::milliseconds resolve_window{1000};
  store::BudgetStore* budgets = nullptr;  // per-number and per-address limits; null: none
};

// One citizen message: first counted against the number's and the address's budgets (over
// budget: one polite answer saying when to try again, then silence, and nothing stored); then a
// dialog step (read in one pipelined round trip ▶ pure engine step ▶ one atomic write; a lost
// compare-and-set redoes the step on fresh state, so concurrent messages of one session are
// applied one after the other and none is lost), or, for INFO / PUAS / TIDAK, a move of the
// citizen's case through the case desk, deduped the same way.
class Conversation {
 public:
  explicit Conversation(ConversationParts parts);

  // Never fails: when Redis cannot be reached the reply is busy, with a text the citizen can
  // read, and nothing was changed (the provider may retry; dedupe makes that safe). A reply with
  // an empty text says nothing (an SMS gateway sends no SMS).
  boost::asio::awaitable<channels::DialogReply> Handle(const channels::InboundMessage& message);

 private:
  struct Counters {
    metrics::Counter& completions;
    metrics::Counter& filed;
    metrics::Counter& redis_errors;
    metrics::Counter& dedupe_hits;
    metrics::Counter& conflicts;
    metrics::Counter& ambiguous_resolved;
    metrics::Counter& over_told;
    metrics::Counter& over_silent;
  };

  boost::asio::awaitable<channels::DialogReply> DialogStep(const channels::InboundMessage& message);
  // One try of a step; nullopt when its write lost the compare-and-set. `count`: the read
  // counts the message against its budgets (the first try only).
  boost::asio::awaitable<std::optional<channels::DialogReply>> TryStep(
      const channels::InboundMessage& message, store::StepAddress address, bool count);
  // The reply to a step after its write: nullopt when the write lost the compare-and-set.
  std::optional<channels::DialogReply> Committed(const store::CommitResult& commit,
                                                 const channels::InboundMessage& message,
                                                 const dialog::StepResult& step, TimeMs now);
  boost::asio::awaitable<channels::DialogReply> CaseAction(const channels::InboundMessage& message,
                                                           const dialog::SmsCommand& command);
  // The case the confirmed report becomes (cases::FileReport), its number still to allocate.
  cases::Filing FileCase(const dialog::FiledCase& report, const channels::InboundMessage& message,
                         TimeMs now) const;
  // A step whose write timed out: answered from its dedupe record when the write committed
  // after all, else busy.
  boost::asio::awaitable<channels::DialogReply> AfterTimeout(const store::StepAddress& address,
                                                             const Error& timeout);
  channels::DialogReply Busy(const Error& error);
  // The answer a read found this message given already: stored, or the screen of the session
  // it left (USSD); nullopt when the message is new.
  std::optional<channels::DialogReply> AnsweredBefore(store::StepSnapshot& snapshot) const;
  // The answer for a message over its budget; nullopt when it is within.
  std::optional<channels::DialogReply> Refused(const channels::InboundMessage& message,
                                               const store::Admission& admission);
  // The answer to a message over a budget: `key`'s text the first time (and always on USSD,
  // which must answer), nothing after.
  channels::DialogReply OverBudget(const channels::InboundMessage& message, bool tell,
                                   std::string_view key, TimeMs until, std::string_view lang);

  ConversationParts p_;
  Counters counters_;
};

}  // namespace lapor::conversation
