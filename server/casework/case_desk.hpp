#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "cases/calendar.hpp"
#include "cases/case.hpp"
#include "cases/workflow.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "metrics/registry.hpp"
#include "store/case_store.hpp"
#include "text/template_set.hpp"

namespace lapor::casework {

// A citizen's SMS that moves their case (INFO, PUAS, TIDAK): deduped by the provider's message
// id, and the citizen's own notices are the reply to it rather than SMS of their own.
struct CitizenMessage {
  std::string provider;
  std::string message_id;
  int64_t dedupe_ttl_s = 24 * 3600;
};

// One move of one case, by anyone: an official (admin API), the scheduler (a deadline), a
// citizen (SMS).
struct MoveRequest {
  std::string case_no;
  cases::Action action;
  cases::Actor actor;
  TimeMs now = 0;
  std::optional<CitizenMessage> message;  // a citizen's SMS
  std::string claimed;  // the scheduler's claimed `due` member, released by the same write
};

enum class MoveResult {
  kMoved,      // written, with its notices: `after`
  kUnchanged,  // nothing to write (a deadline no longer pending): `before`
  kSeen,       // the citizen's message was answered already: `reply` as it was
  kNotFound,   // no such case, or one the actor may not see
  kRefused,    // the workflow said no: `error` (kForbidden, kConflict, kUnprocessable)
  kBusy,       // Redis could not be reached, or the case kept changing: `error`
};

// The cases are shared, not held: an outcome is moved through a batch and its vectors several
// times, and most callers (the scheduler) never look at them.
struct Outcome {
  MoveResult result = MoveResult::kBusy;
  std::shared_ptr<const cases::Case> before;  // as loaded, for every result after the load
  std::shared_ptr<const cases::Case> after;   // kMoved: as written, its version the new one
  std::string reply;                          // citizen message: their notices' texts, one per line
  size_t queued = 0;                          // kMoved: SMS queued on the outbox
  Error error{Errc::kInternal, ""};           // kRefused, kBusy
};

// The case desk: the one place where a case is loaded, checked against who asks, moved through
// the pure workflow (cases::Apply), its notices rendered, and the result committed in one atomic
// write, redone on the case as it is now when another writer got there first. Every actor calls
// Move and only translates the Outcome into its medium (an HTTP status, an SMS reply, a released
// claim). Thread-safe; every reference must outlive the desk.
// The texts in force now; each call may give a newer set.
using TemplateSource = std::function<std::shared_ptr<const text::TemplateSet>()>;
// A source that always gives `templates` (which must outlive it).
TemplateSource FixedTemplates(const text::TemplateSet& templates);

class CaseDesk {
 public:
  // `templates` gives the texts in force when a move renders its notices (they change live).
  CaseDesk(store::CaseStore& store, const cases::Policy& policy, const cases::Calendar& calendar,
           TemplateSource templates, metrics::Registry& registry);

  boost::asio::awaitable<Outcome> Move(MoveRequest request);

  // Several Move()s of different cases, none a citizen's message (the scheduler's deadlines), in
  // two halves so that a caller can read and work out the next batch while this one is written.
  // ReadMany: one pipelined read of every case, then the workflow, the notices and the write of
  // each (all the CPU work, so that WriteMany sends at once). WriteMany: one pipelined write (each
  // case its own compare-and-set); a move whose write lost (another writer got there in between, or
  // a batch read before this one was written), or whose round trip failed, is redone alone through
  // Move(). Outcomes in the order asked.
  class Batch;
  boost::asio::awaitable<Batch> ReadMany(std::vector<MoveRequest> requests);
  boost::asio::awaitable<std::vector<Outcome>> WriteMany(Batch batch);

  const cases::Policy& policy() const { return policy_; }
  const cases::Calendar& calendar() const { return calendar_; }

 private:
  // What the workflow makes of a loaded case: an outcome at once (not found, refused,
  // unchanged), or a transition and its notices to commit.
  struct Prepared {
    std::optional<Outcome> done;
    std::optional<cases::Transition> transition;
    std::vector<cases::OutboundSms> sms;
    std::string reply;  // a citizen's own notices, the answer to their message
  };
  Prepared Prepare(const MoveRequest& request, const std::optional<cases::Case>& c,
                   bool citizen) const;
  // The outcome of a committed write; nullopt when it lost the compare-and-set.
  static std::optional<Outcome> Written(cases::Case&& before, Prepared& prepared,
                                        const store::CaseWriteResult& written);

  // One try: load, apply, commit. nullopt: the compare-and-set lost; try again.
  boost::asio::awaitable<std::optional<Outcome>> Attempt(const MoveRequest& request,
                                                         const store::CaseDedupe* dedupe);
  metrics::Counter& Count(MoveResult result);

  store::CaseStore& store_;
  const cases::Policy& policy_;
  const cases::Calendar& calendar_;
  TemplateSource templates_;
  std::vector<metrics::Counter*> by_result_;
};

// What CaseDesk::ReadMany read and worked out, for WriteMany.
class CaseDesk::Batch {
 public:
  size_t size() const { return requests_.size(); }

 private:
  friend class CaseDesk;
  std::vector<MoveRequest> requests_;
  std::vector<std::optional<cases::Case>> loaded_;  // empty when the read failed
  std::vector<Prepared> prepared_;
  std::vector<store::RedisCommand> commands_;  // the writes, built
  std::vector<size_t> committed_;              // the request of each write
};

}  // namespace lapor::casework
