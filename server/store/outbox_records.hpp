#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "store/redis_client.hpp"
#include "store/redis_reply.hpp"

// The outbox's records as Redis holds them: stream entries, retry members, dead letters. Read
// and written here only (outbox_store.cpp and the scripts it runs).
namespace lapor::store {

// Which stream a message waits on: replies to a citizen's SMS are read before the notices.
enum class OutboxLane { kNotices, kReplies };

// One outbound SMS as the scripts queue it on an outbox stream.
struct OutboxMessage {
  std::string id;       // our message id (INCR seq:outbox); also in the DLR url
  std::string to;       // E.164
  std::string text;     // final UTF-8 text
  std::string kind;     // template key, for logs and metrics ("reply" for a dialog's reply)
  std::string case_no;  // tracking number (field "case"); may be empty
  int64_t attempt = 0;  // sends tried before this one
  TimeMs queued_at = 0;
  std::string via;         // the gateway that must send it (a reply); "" = route by purpose
  int64_t parts_done = 0;  // numbered SMS of a split text the gateway took already
  OutboxLane lane = OutboxLane::kNotices;
};

// A message a sender read from a stream and has not settled yet.
struct OutboxEntry {
  std::string stream_id;  // "<ms>-<n>", what XACK needs
  OutboxMessage message;
  // Not empty when the entry's fields cannot be read (no id, to or text, a bad number): such an
  // entry can only go to the dead letters. `fields` keeps what was there.
  std::string problem;
  std::map<std::string, std::string> fields;
};

// A message parked after its last failed try (outbox:dead), newest first.
struct DeadLetter {
  OutboxMessage message;  // attempt = sends tried
  std::string error;      // why the last try failed
  TimeMs failed_at = 0;
};

Error ReplyError(const RedisReply& reply);
Error Unexpected(std::string_view what);

// Runs one of our scripts (`call`, RedisCommand::EvalSha) that answers an integer: kInternal,
// naming `script`, for an error reply or anything else.
boost::asio::awaitable<Result<int64_t>> IntegerScript(RedisClient& redis, RedisCommand call,
                                                      std::string_view script);

// A message id: 1 to 19 digits, no sign.
bool IsMessageId(std::string_view text);

// XAUTOCLAIM's and XREADGROUP's entries appended to `out`, each marked with its lane.
// XAUTOCLAIM's count of claimed entries gone from the stream (trimmed while pending) returned.
Result<size_t> AppendClaimed(const RedisReply& reply, OutboxLane lane,
                             std::vector<OutboxEntry>& out);
Result<Ok> AppendRead(const RedisReply& reply, OutboxLane lane, std::vector<OutboxEntry>& out);

// The message as a retry member (JSON, every value a string, as the stream holds it), with
// `attempt`, its parts done and its lane.
std::string RetryMember(const OutboxMessage& m, int64_t attempt);

// A dead letter: {id, to, text, kind, case, attempts, queued_at, error, failed_at[, fields]}.
std::string DeadLetterJson(const OutboxEntry& entry, int64_t attempts, const std::string& error,
                           TimeMs now);
std::optional<DeadLetter> ParseDeadLetter(const std::string& text);

}  // namespace lapor::store
