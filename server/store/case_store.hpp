#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cases/workflow.hpp"
#include "common/result.hpp"
#include "store/keys.hpp"
#include "store/redis_client.hpp"

namespace lapor::store {

// A member of the `due` set: "<no>:<kind>:<due ms>". The due time is part of the member so a
// deadline set again for another time is another member, and a stale one is recognisable.
std::string DueMember(std::string_view tracking_no, cases::DeadlineKind kind, TimeMs due);
struct DueEntry {
  std::string tracking_no;
  cases::DeadlineKind kind;
  TimeMs due;
};
std::optional<DueEntry> ParseDueMember(std::string_view member);

// An SMS ready to queue: a Notice rendered in its language.
struct OutboundSms {
  std::string to;  // E.164
  std::string text;
  std::string kind;  // the template key, for logs and metrics
  bool to_citizen = false;
  bool essential = false;  // sent even after STOP
};

enum class CaseWrite { kOk, kConflict, kMissing, kSeen };

// A citizen's SMS that moves a case is deduped like a dialog step: its reply is kept under the
// provider's message id in the same atomic write.
struct CaseDedupe {
  std::string provider;
  std::string message_id;
  std::string reply;
  int64_t ttl_s = 24 * 3600;
};

// Cases in Redis: load, write a transition atomically, list, claim due deadlines.
class CaseStore {
 public:
  // Registers its Lua scripts with the client; call before redis.Start().
  CaseStore(RedisClient& redis, Keys keys);

  // nullopt when there is no such case. Errors: kUnavailable/kTimeout, kInternal (unreadable).
  boost::asio::awaitable<Result<std::optional<cases::Case>>> Load(std::string tracking_no);
  // The audit trail, oldest first.
  boost::asio::awaitable<Result<std::vector<nlohmann::json>>> Log(std::string tracking_no);

  // One atomic call: the case (compare-and-set on before.version), `due` synced to the
  // transition's deadlines, the audit entries, the SMS queued on the outbox (a citizen's
  // non-essential ones skipped after STOP), and `claimed` (a scheduler's claim) released.
  // kConflict: the case changed meanwhile; load it again and redo the action. With `dedupe`,
  // kSeen when that message id was answered already (nothing written; its reply in
  // `seen_reply`).
  boost::asio::awaitable<Result<CaseWrite>> Commit(const cases::Case& before,
                                                   const cases::Transition& transition,
                                                   const std::vector<OutboundSms>& sms,
                                                   std::string claimed, TimeMs now,
                                                   const CaseDedupe* dedupe = nullptr,
                                                   std::string* seen_reply = nullptr);

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

  const Keys& keys() const { return keys_; }

 private:
  RedisClient& redis_;
  Keys keys_;
  LuaScript apply_script_;
  LuaScript claim_script_;
};

}  // namespace lapor::store
