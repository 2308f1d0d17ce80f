#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cases/notice_text.hpp"
#include "cases/workflow.hpp"
#include "common/result.hpp"
#include "store/dedupe_record.hpp"
#include "store/keys.hpp"
#include "store/redis_client.hpp"

namespace lapor::store {

enum class CaseWrite { kOk, kConflict, kMissing, kSeen };

// A citizen's SMS that moves a case is deduped like a dialog step: its reply is kept under the
// provider's message id in the same atomic write.
struct CaseDedupe {
  std::string provider;
  std::string message_id;
  std::string reply;
  int64_t ttl_s = 24 * 3600;
};

// What Commit did.
struct CaseWriteResult {
  CaseWrite status = CaseWrite::kOk;
  int64_t version = 0;               // kOk: the case's version now
  std::optional<DedupeRecord> seen;  // kSeen: what that message was answered with
};

// A case and, when asked, the dedupe record of the message that moves it, read together.
struct CaseSnapshot {
  std::optional<cases::Case> c;      // nullopt: no such case
  std::optional<DedupeRecord> seen;  // the message was answered already
};

// One transition to commit (see CaseStore::Commit); the references must outlive the call.
struct CaseCommit {
  const cases::Case& before;
  const cases::Transition& transition;
  const std::vector<cases::OutboundSms>& sms;
  std::string_view claimed;
  TimeMs now = 0;
};

// Cases in Redis: load, write a transition atomically, list, claim due deadlines.
class CaseStore {
 public:
  // Registers its Lua scripts with the client; call before redis.Start().
  CaseStore(RedisClient& redis, Keys keys);

  // nullopt when there is no such case. Errors: kUnavailable/kTimeout, kInternal (unreadable).
  boost::asio::awaitable<Result<std::optional<cases::Case>>> Load(std::string tracking_no);
  // The case and the dedupe record of `dedupe`'s message (when given), in one pipelined read.
  boost::asio::awaitable<Result<CaseSnapshot>> LoadForMove(std::string tracking_no,
                                                           const CaseDedupe* dedupe);
  // One page of the audit trail: the entries at positions [before - limit, before) of the list
  // (oldest is 0), oldest first; `before` nullopt for the newest page. The list grows with every
  // move and every citizen INFO, so it is never read whole.
  struct LogPage {
    std::vector<nlohmann::json> entries;
    int64_t first = 0;  // the position of entries.front(); 0: nothing older
  };
  boost::asio::awaitable<Result<LogPage>> Log(std::string tracking_no,
                                              std::optional<int64_t> before, size_t limit);

  // One atomic call: the case (compare-and-set on before.version), `due` synced to the
  // transition's deadlines, the audit entries, the SMS queued on the outbox (a citizen's
  // non-essential ones skipped after STOP), and `claimed` (a scheduler's claim) released.
  // kConflict: the case changed meanwhile; load it again and redo the action. With `dedupe`,
  // kSeen when that message id was answered already (nothing written), else its reply is kept.
  boost::asio::awaitable<Result<CaseWriteResult>> Commit(const cases::Case& before,
                                                         const cases::Transition& transition,
                                                         const std::vector<cases::OutboundSms>& sms,
                                                         std::string claimed, TimeMs now,
                                                         const CaseDedupe* dedupe = nullptr);

  // Several Commit()s without dedupe in one pipelined round trip, their commands built ahead
  // (CommitCommand), so a caller can build one batch's while Redis writes the one before: each
  // is still its own atomic compare-and-set, and its result is given in the order asked. The
  // outer error is Redis's (nothing is known of what was written: each claim stays until its
  // lease runs out).
  RedisCommand CommitCommand(const CaseCommit& commit) const;
  boost::asio::awaitable<Result<std::vector<Result<CaseWriteResult>>>> CommitMany(
      std::vector<RedisCommand> commands);

  // Claims up to `batch` deadlines due by `now` for `lease_ms` (see due_claim.lua).
  boost::asio::awaitable<Result<std::vector<std::string>>> ClaimDue(TimeMs now, TimeMs lease_ms,
                                                                    size_t batch);
  // Lets go of a claimed member without applying it (the case is gone).
  boost::asio::awaitable<Result<Ok>> Release(std::string claimed);

  // Case numbers filed in [from, to], newest first, starting after `after` (a cursor: the
  // last number of the previous page), at most `limit`.
  boost::asio::awaitable<Result<std::vector<std::string>>> ListNumbers(TimeMs from, TimeMs to,
                                                                       std::string after,
                                                                       size_t limit);
  // Several cases in one pipelined round trip, in the order asked (missing ones left out).
  boost::asio::awaitable<Result<std::vector<cases::Case>>> LoadMany(
      std::vector<std::string> numbers);
  // The same, one entry per number asked (nullopt: no such case).
  boost::asio::awaitable<Result<std::vector<std::optional<cases::Case>>>> LoadEach(
      std::vector<std::string> numbers);

  const Keys& keys() const { return keys_; }

 private:
  // The EVALSHA of case_apply.lua for Commit.
  RedisCommand ApplyCommand(const cases::Case& before, const cases::Transition& transition,
                            const std::vector<cases::OutboundSms>& sms, std::string_view claimed,
                            TimeMs now, const CaseDedupe* dedupe) const;

  RedisClient& redis_;
  Keys keys_;
  LuaScript apply_script_;
  LuaScript claim_script_;
};

}  // namespace lapor::store
