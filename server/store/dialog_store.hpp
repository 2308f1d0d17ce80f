#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>

#include "cases/filing.hpp"
#include "cases/notice_text.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "dialog/engine.hpp"
#include "store/budget_store.hpp"
#include "store/keys.hpp"
#include "store/redis_client.hpp"

namespace lapor::store {

// Which conversation a step belongs to, and what to read for it.
struct StepAddress {
  std::string provider;    // dedupe namespace: "kannel", "at-ussd", ...
  std::string message_id;  // the provider's id of this message (dedupe)
  dialog::Channel channel = dialog::Channel::kSms;
  std::string msisdn;           // E.164
  std::string ussd_session_id;  // USSD only
  bool want_resume = false;     // USSD dial: a dropped call's session may be resumed
  std::string lookup_no;        // a valid tracking number in the input: read that case too
  // The message counted against its budgets in the same pipeline (a step's first read only).
  const BudgetStore* budget = nullptr;
  std::string peer;  // the address it came through (budget)
  TimeMs now = 0;    // (budget)
};

// All a step needs from Redis, read in one pipelined round trip.
struct StepSnapshot {
  std::optional<Admission> admission;     // StepAddress::budget: what the budgets said
  std::optional<std::string> seen_reply;  // this message id was answered already
  bool seen_end = false;                  // ... and that answer ended the session
  // USSD: this message id was answered already, with the screen of this session
  // (Engine::ScreenOf); the store kept the session instead of the screen.
  std::optional<dialog::Session> seen_session;
  std::optional<dialog::Session> session;
  int64_t version = 0;  // 0 = no session stored
  std::optional<dialog::Session> resume;
  std::optional<dialog::CaseView> lookup;
  int64_t case_sequence = 0;  // the last tracking number's sequence, for the next ones
  // USSD: this step's call and message ids as the state keeps them (dialog::UssdShortId), made
  // once by the read and written by the commit.
  std::string ussd_call;
  std::string ussd_seen;
};

struct StepTtls {
  int64_t sms_session_s = 30 * 60;
  int64_t ussd_session_s = 10 * 60;  // and an ended call's last answer (dialog/ussd_state.hpp)
  int64_t resume_s = 10 * 60;
  int64_t dedupe_s = 24 * 3600;  // a message id's record (SMS; USSD keeps its own in the state)
};

// A case the step files, built by cases::FileReport, and the SMS it queues ("received", with
// cases::kTrackingPlaceholder for the number), rendered.
struct FilingWrite {
  const cases::Filing& filing;
  const std::vector<cases::OutboundSms>& sms;
};

enum class CommitOutcome {
  kDone,
  kConflict,
  kSeen,
  kOverBudget,  // the step would file more cases than the day's budget: nothing written
};

struct CommitResult {
  CommitOutcome outcome = CommitOutcome::kDone;
  std::string reply;        // final text, the tracking number put in
  bool end = false;         // (kSeen) whether the stored answer ended the session
  std::string tracking_no;  // the case filed by this step, if any
  bool tell = false;        // kOverBudget: the first time today (answer once, then silence)
};

// Dialog state in Redis: the only code that knows how a step is read and written.
class DialogStore {
 public:
  // Registers its Lua script with the client; call before redis.Start(). `reports_per_day`: the
  // cases one number may file in a WIB day (0: no limit).
  DialogStore(RedisClient& redis, Keys keys, StepTtls ttls, int64_t reports_per_day = 0);

  // One pipelined round trip: (when asked) the budget count; the dedupe record and the session
  // (SMS) or the citizen's USSD state (dialog/ussd_state.hpp: the session, the last answer and,
  // on a dial, what a dropped call left to resume); (when asked) a case. Over budget, only
  // `admission` is set. Errors: kUnavailable / kTimeout (Redis), kInternal (a stored value we
  // cannot read).
  boost::asio::awaitable<Result<StepSnapshot>> Read(const StepAddress& address);

  // One atomic EVALSHA: dedupe record + session compare-and-set on the snapshot's version (USSD:
  // both in the one state string) + the case the step files (`filing`: its record, deadlines, audit
  // entry and SMS, under the next tracking number) + the citizen's opt-out. kConflict when another
  // step got there first (read again and redo the step); kSeen when the same message id was
  // answered meanwhile; kOverBudget when filing would pass the day's report budget (nothing
  // written). Errors: as Read; kUnavailable when the tracking numbers ran out.
  boost::asio::awaitable<Result<CommitResult>> Commit(const StepAddress& address,
                                                      const StepSnapshot& snapshot,
                                                      const dialog::StepResult& step,
                                                      const FilingWrite* filing, TimeMs now);

  const Keys& keys() const { return keys_; }

 private:
  // The step script's EVALSHA for Commit.
  Result<RedisCommand> StepCommand(const StepAddress& address, const StepSnapshot& snapshot,
                                   const dialog::StepResult& step, const FilingWrite* filing,
                                   TimeMs now) const;

  RedisClient& redis_;
  Keys keys_;
  StepTtls ttls_;
  int64_t reports_per_day_;
  LuaScript step_script_;
};

}  // namespace lapor::store
