#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "metrics/registry.hpp"
#include "store/keys.hpp"
#include "store/outbox_records.hpp"
#include "store/redis_client.hpp"

namespace lapor::store {

// Sizes for /metrics.
struct OutboxCounts {
  int64_t queued = 0;    // on the streams (notices and replies), read or not (XLEN)
  int64_t retrying = 0;  // waiting for their retry time (ZCARD outbox:retry)
  int64_t dead = 0;      // dead letters (LLEN outbox:dead)
};

// What a delivery report did.
enum class DlrRecord {
  kRecorded,
  kStale,    // a final report is recorded already; this earlier one is dropped
  kUnknown,  // no such message of ours
};

// A delivery report in the store's terms: the message by our id, or by the gateway's reference
// the sender recorded when the gateway took it.
struct DlrUpdate {
  std::string id;         // our message id, or ""
  std::string gateway;    // with `reference`
  std::string reference;  // the gateway's id of one of the message's SMS, or ""
  std::string state;      // queued, sent, delivered, failed
  bool final = false;     // delivered, failed
  std::string raw;        // the gateway's own word ("Success", "2")
  std::string reason;     // why it failed, or ""
};

// A reply to a citizen's SMS, sent back through the gateway it came from (Africa's Talking SMS
// answers 200 and expects the reply through its messaging API).
struct ReplySms {
  std::string to;  // E.164
  std::string text;
  std::string via;         // the gateway that sends it
  std::string provider;    // the inbound message's dedupe namespace ...
  std::string message_id;  // ... and id: one reply per inbound message
};

struct OutboxStoreOptions {
  std::string group = "senders";  // the consumer group every sender reads in
  // An entry read by a sender that has not settled it for this long is claimed by the next
  // reader (that sender died mid-send). Must exceed the time a sender takes to send and settle.
  int64_t claim_idle_ms = 60000;
  // outbox:msg:<id> hashes (status, delivery report) expire this long after their last change.
  int64_t message_ttl_s = 30 * 24 * 3600;
  // Dead letters kept: the newest this many, none older than max_dead_age_s; older ones are
  // dropped (counted) when a new one comes. The stream itself is capped in prelude.lua.
  int64_t max_dead_letters = 10000;
  int64_t max_dead_age_s = 30 * 24 * 3600;
};

// The outbox in Redis: two streams read by the consumer group `senders`, `outbox:replies`
// (replies to a citizen's SMS) before `outbox` (notices), the retry set, the dead letters, a
// status hash per message and the gateways' references. The only code that speaks Redis for it.
//
// Delivery is at least once: an entry stays pending in the group until it is settled
// (Delivered, Retry or Dead, each one atomic call that also acknowledges and deletes it), and an
// entry pending longer than claim_idle_ms is claimed by whichever sender reads next. A settle
// that finds the entry no longer pending changes nothing and returns false.
//
// Every call is one round trip. Errors: kUnavailable / kTimeout (Redis), kInternal (an error
// reply or a reply we cannot read; the message says which).
class OutboxStore {
 public:
  // Registers its Lua scripts with the client; call before redis.Start().
  // `registry` (may be null) gets lapor1708_outbox_dead_dropped_total and
  // lapor1708_outbox_trimmed_total.
  OutboxStore(RedisClient& redis, Keys keys, OutboxStoreOptions options = {},
              metrics::Registry* registry = nullptr);

  // Creates the group on both streams (and the streams, MKSTREAM) reading from their start, so
  // notices queued before any sender ran are sent. A group that exists already is fine. Read()
  // does it again by itself if a group went away (a Redis that lost its data).
  boost::asio::awaitable<Result<Ok>> EnsureGroup();

  // From the replies lane, then from the notices: up to `count` entries pending longer than
  // claim_idle_ms claimed for `consumer` (XAUTOCLAIM), then up to `count` new ones (XREADGROUP,
  // never BLOCK: connections are shared). Oldest first within each part; one round trip.
  boost::asio::awaitable<Result<std::vector<OutboxEntry>>> Read(std::string consumer, size_t count);

  // Sent: acknowledged and deleted; outbox:msg:<id> gets status=sent, sent_at, attempts,
  // gateway; each of `references` (the gateway's ids of the message's SMS) names the message for
  // delivery reports (outbox:ref:<gateway>:<reference>) as long as its hash lives.
  boost::asio::awaitable<Result<bool>> Delivered(const OutboxEntry& entry, TimeMs now,
                                                 std::string gateway = "",
                                                 std::vector<std::string> references = {});

  // Failed, to be tried again at `at`: acknowledged and deleted, and the message (attempt set to
  // `next_attempt`, its parts_done and lane kept) added to outbox:retry scored by `at`; its hash
  // gets status=retrying, last_error, retry_at.
  boost::asio::awaitable<Result<bool>> Retry(const OutboxEntry& entry, int64_t next_attempt,
                                             TimeMs at, std::string error, TimeMs now);

  // Given up: acknowledged and deleted, pushed on outbox:dead as JSON {id, to, text, kind, case,
  // attempts, queued_at, error, failed_at}; its hash gets status=dead, last_error, failed_at.
  // `attempts` is the number of sends tried.
  boost::asio::awaitable<Result<bool>> Dead(const OutboxEntry& entry, int64_t attempts,
                                            std::string error, TimeMs now);

  // Moves up to `limit` retries due by `now` back onto the stream, atomically. Returns how many.
  boost::asio::awaitable<Result<size_t>> MoveDueRetries(TimeMs now, size_t limit);

  // Records a delivery report on outbox:msg:<id>: dlr (our state), dlr_raw, dlr_reason, dlr_at,
  // dlr_final. A gateway may report before the sender has marked the message sent, so an id up
  // to seq:outbox counts as ours even before its hash exists; kUnknown for any other id, or a
  // reference no message has (nothing written). kStale: a final report is there already.
  boost::asio::awaitable<Result<DlrRecord>> RecordDlr(DlrUpdate update, TimeMs now);

  // The newest `limit` dead letters, newest first. An unreadable one is skipped.
  boost::asio::awaitable<Result<std::vector<DeadLetter>>> DeadLetters(size_t limit);

  // Puts the dead letters with these ids (all of them when `ids` is empty) back on the stream,
  // each atomically, to be sent again from a first try. Returns the ids requeued.
  boost::asio::awaitable<Result<std::vector<std::string>>> Requeue(std::vector<std::string> ids,
                                                                   TimeMs now);

  boost::asio::awaitable<Result<OutboxCounts>> Counts();

  // Queues one SMS with a new id on the notices stream, as case_apply.lua does (for tests and
  // tools). Returns the id.
  boost::asio::awaitable<Result<std::string>> Enqueue(std::string to, std::string text,
                                                      std::string kind, std::string case_no,
                                                      TimeMs now);

  // Queues a reply on the replies lane, once per inbound message (a gateway's retry of the same
  // message gets the first reply's id back and queues nothing). Returns the id.
  boost::asio::awaitable<Result<std::string>> EnqueueReply(ReplySms reply, TimeMs now,
                                                           int64_t once_ttl_s);

  const Keys& keys() const { return keys_; }
  const OutboxStoreOptions& options() const { return options_; }

 private:
  struct Outcome {
    std::string name;  // sent, retry, dead
    int64_t attempts = 0;
    std::string error;
    std::string payload;  // the retry member or the dead letter
    TimeMs due = 0;
    std::string gateway;
    std::vector<std::string> references;
  };
  boost::asio::awaitable<Result<bool>> Settle(const OutboxEntry& entry, Outcome outcome,
                                              TimeMs now);
  std::string Stream(OutboxLane lane) const;

  RedisClient& redis_;
  Keys keys_;
  OutboxStoreOptions options_;
  LuaScript settle_script_;
  LuaScript retry_due_script_;
  LuaScript dlr_script_;
  LuaScript enqueue_script_;
  LuaScript requeue_script_;
  metrics::Counter* dead_dropped_ = nullptr;
  metrics::Counter* trimmed_ = nullptr;
};

}  // namespace lapor::store
