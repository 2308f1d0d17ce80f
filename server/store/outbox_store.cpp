#include "store/outbox_store.hpp"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <utility>

#include "store/lua_library.hpp"
#include "store/outbox_records.hpp"

namespace lapor::store {
namespace {

Error ReplyError(const RedisReply& reply) { return Error{Errc::kInternal, "redis: " + reply.str}; }

}  // namespace

OutboxStore::OutboxStore(RedisClient& redis, Keys keys, OutboxStoreOptions options,
                         metrics::Registry* registry)
    : redis_(redis),
      keys_(std::move(keys)),
      options_(std::move(options)),
      settle_script_(LibraryScript("outbox_settle")),
      retry_due_script_(LibraryScript("outbox_retry_due")),
      dlr_script_(LibraryScript("outbox_dlr")),
      enqueue_script_(LibraryScript("outbox_enqueue")),
      requeue_script_(LibraryScript("outbox_requeue")) {
  if (registry != nullptr) {
    dead_dropped_ = &registry->AddCounter(
        "lapor1708_outbox_dead_dropped_total",
        "Dead letters dropped to keep the list within its count and age limits.");
    trimmed_ = &registry->AddCounter(
        "lapor1708_outbox_trimmed_total",
        "Queued SMS trimmed from a full outbox stream before any sender took them.");
  }
  redis_.RegisterScript(requeue_script_);
  redis_.RegisterScript(settle_script_);
  redis_.RegisterScript(retry_due_script_);
  redis_.RegisterScript(dlr_script_);
  redis_.RegisterScript(enqueue_script_);
}

boost::asio::awaitable<Result<Ok>> OutboxStore::EnsureGroup() {
  // (Commands are built before co_await: GCC 12 miscompiles braced lists inside co_await.)
  std::vector<std::string> command = {"XGROUP",       "CREATE", keys_.Outbox(),
                                      options_.group, "0",      "MKSTREAM"};
  auto reply = co_await redis_.Command(std::move(command));
  if (!reply) {
    co_return reply.error();
  }
  if (reply->is_error() && !reply->is_error_kind("BUSYGROUP")) {
    co_return ReplyError(*reply);
  }
  co_return Ok{};
}

boost::asio::awaitable<Result<std::vector<OutboxEntry>>> OutboxStore::Read(std::string consumer,
                                                                           size_t count) {
  const std::string n = std::to_string(count);
  Result<std::vector<RedisReply>> replies = Error{Errc::kInternal, "not read"};
  // Twice at most: when the group is gone, create it and read again.
  for (int tries = 0; tries < 2; ++tries) {
    std::vector<std::vector<std::string>> commands = {
        {"XAUTOCLAIM", keys_.Outbox(), options_.group, consumer,
         std::to_string(options_.claim_idle_ms), "0-0", "COUNT", n},
        {"XREADGROUP", "GROUP", options_.group, consumer, "COUNT", n, "STREAMS", keys_.Outbox(),
         ">"},
    };
    replies = co_await redis_.Pipeline(std::move(commands));
    if (!replies) {
      co_return replies.error();
    }
    if (replies->size() != 2) {
      co_return Unexpected("XAUTOCLAIM + XREADGROUP");
    }
    const bool no_group =
        (*replies)[0].is_error_kind("NOGROUP") || (*replies)[1].is_error_kind("NOGROUP");
    if (!no_group) {
      break;
    }
    // The stream or the group is gone: never created, Redis lost its data, or a key deleted.
    auto created = co_await EnsureGroup();
    if (!created) {
      co_return created.error();
    }
    if (tries == 1) {
      co_return std::vector<OutboxEntry>{};
    }
  }
  for (const RedisReply& reply : *replies) {
    if (reply.is_error()) {
      co_return ReplyError(reply);
    }
  }
  std::vector<OutboxEntry> entries;
  auto claimed = AppendClaimed((*replies)[0], entries);
  if (!claimed) {
    co_return claimed.error();
  }
  if (*claimed > 0 && trimmed_ != nullptr) {
    trimmed_->Increment(*claimed);
  }
  if (auto read = AppendRead((*replies)[1], entries); !read) {
    co_return read.error();
  }
  co_return entries;
}

boost::asio::awaitable<Result<bool>> OutboxStore::Settle(const OutboxEntry& entry,
                                                         std::string outcome, int64_t attempts,
                                                         std::string error, std::string payload,
                                                         TimeMs due, TimeMs now) {
  const OutboxMessage& m = entry.message;
  const bool has_id = IsDigits(m.id);
  std::vector<std::string> call = RedisClient::EvalSha(
      settle_script_,
      {keys_.Outbox(), keys_.OutboxRetry(), keys_.OutboxDead(),
       keys_.OutboxMessage(has_id ? m.id : "invalid")},
      {options_.group, entry.stream_id, std::move(outcome), std::to_string(now),
       std::to_string(attempts), std::to_string(options_.message_ttl_s), m.case_no, m.kind,
       std::move(error), std::move(payload), std::to_string(due), has_id ? "1" : "0",
       std::to_string(options_.max_dead_letters), std::to_string(options_.max_dead_age_s * 1000)});
  auto reply = co_await IntegerScript(std::move(call), "outbox_settle");
  if (!reply) {
    co_return reply.error();
  }
  if (*reply > 1 && dead_dropped_ != nullptr) {
    dead_dropped_->Increment(static_cast<uint64_t>(*reply - 1));
  }
  co_return *reply >= 1;
}

boost::asio::awaitable<Result<int64_t>> OutboxStore::IntegerScript(std::vector<std::string> call,
                                                                   std::string_view script) {
  auto reply = co_await redis_.Command(std::move(call));
  if (!reply) {
    co_return reply.error();
  }
  if (reply->is_error()) {
    co_return ReplyError(*reply);
  }
  if (!reply->is_integer()) {
    co_return Unexpected(script);
  }
  co_return reply->integer;
}

boost::asio::awaitable<Result<bool>> OutboxStore::Delivered(const OutboxEntry& entry, TimeMs now) {
  co_return co_await Settle(entry, "sent", entry.message.attempt + 1, "", "", 0, now);
}

boost::asio::awaitable<Result<bool>> OutboxStore::Retry(const OutboxEntry& entry,
                                                        int64_t next_attempt, TimeMs at,
                                                        std::string error, TimeMs now) {
  std::string member = RetryMember(entry.message, next_attempt);
  co_return co_await Settle(entry, "retry", next_attempt, std::move(error), std::move(member), at,
                            now);
}

boost::asio::awaitable<Result<bool>> OutboxStore::Dead(const OutboxEntry& entry, int64_t attempts,
                                                       std::string error, TimeMs now) {
  std::string letter = DeadLetterJson(entry, attempts, error, now);
  co_return co_await Settle(entry, "dead", attempts, std::move(error), std::move(letter), 0, now);
}

boost::asio::awaitable<Result<size_t>> OutboxStore::MoveDueRetries(TimeMs now, size_t limit) {
  std::vector<std::string> call =
      RedisClient::EvalSha(retry_due_script_, {keys_.OutboxRetry(), keys_.Outbox()},
                           {std::to_string(now), std::to_string(limit)});
  auto reply = co_await IntegerScript(std::move(call), "outbox_retry_due");
  if (!reply) {
    co_return reply.error();
  }
  if (*reply < 0) {
    co_return Unexpected("outbox_retry_due");
  }
  co_return static_cast<size_t>(*reply);
}

boost::asio::awaitable<Result<DlrRecord>> OutboxStore::RecordDlr(std::string id, std::string status,
                                                                 bool final, TimeMs now) {
  if (!IsDigits(id)) {
    co_return DlrRecord::kUnknown;
  }
  std::vector<std::string> call =
      RedisClient::EvalSha(dlr_script_, {keys_.OutboxMessage(id), keys_.OutboxSequence()},
                           {id, std::move(status), final ? "1" : "0", std::to_string(now),
                            std::to_string(options_.message_ttl_s)});
  auto reply = co_await IntegerScript(std::move(call), "outbox_dlr");
  if (!reply) {
    co_return reply.error();
  }
  switch (*reply) {
    case 1:
      co_return DlrRecord::kRecorded;
    case 2:
      co_return DlrRecord::kStale;
    default:
      co_return DlrRecord::kUnknown;
  }
}

boost::asio::awaitable<Result<std::vector<DeadLetter>>> OutboxStore::DeadLetters(size_t limit) {
  std::vector<DeadLetter> letters;
  if (limit == 0) {
    co_return letters;
  }
  std::vector<std::string> command = {"LRANGE", keys_.OutboxDead(), "0",
                                      std::to_string(static_cast<int64_t>(limit) - 1)};
  auto reply = co_await redis_.Command(std::move(command));
  if (!reply) {
    co_return reply.error();
  }
  if (reply->is_error()) {
    co_return ReplyError(*reply);
  }
  if (!reply->is_array()) {
    co_return Unexpected("LRANGE");
  }
  for (const RedisReply& item : reply->elements) {
    if (auto letter = ParseDeadLetter(item.str)) {
      letters.push_back(std::move(*letter));
    }
  }
  co_return letters;
}

boost::asio::awaitable<Result<std::vector<std::string>>> OutboxStore::Requeue(
    std::vector<std::string> ids, TimeMs now) {
  std::vector<std::string> command = {"LRANGE", keys_.OutboxDead(), "0", "-1"};
  auto listed = co_await redis_.Command(std::move(command));
  if (!listed) {
    co_return listed.error();
  }
  if (!listed->is_array()) {
    co_return Unexpected("LRANGE");
  }
  std::vector<std::string> requeued;
  for (const RedisReply& item : listed->elements) {
    auto letter = ParseDeadLetter(item.str);
    if (!letter ||
        (!ids.empty() && std::find(ids.begin(), ids.end(), letter->message.id) == ids.end())) {
      continue;
    }
    std::vector<std::string> call = RedisClient::EvalSha(
        requeue_script_, {keys_.OutboxDead(), keys_.Outbox()}, {item.str, std::to_string(now)});
    auto moved = co_await IntegerScript(std::move(call), "outbox_requeue");
    if (!moved) {
      co_return moved.error();
    }
    if (*moved == 1) {
      requeued.push_back(letter->message.id);
    }
  }
  co_return requeued;
}

boost::asio::awaitable<Result<OutboxCounts>> OutboxStore::Counts() {
  std::vector<std::vector<std::string>> commands = {
      {"XLEN", keys_.Outbox()}, {"ZCARD", keys_.OutboxRetry()}, {"LLEN", keys_.OutboxDead()}};
  auto replies = co_await redis_.Pipeline(std::move(commands));
  if (!replies) {
    co_return replies.error();
  }
  if (replies->size() != 3) {
    co_return Unexpected("XLEN + ZCARD + LLEN");
  }
  for (const RedisReply& reply : *replies) {
    if (reply.is_error()) {
      co_return ReplyError(reply);
    }
    if (!reply.is_integer()) {
      co_return Unexpected("XLEN + ZCARD + LLEN");
    }
  }
  co_return OutboxCounts{.queued = (*replies)[0].integer,
                         .retrying = (*replies)[1].integer,
                         .dead = (*replies)[2].integer};
}

boost::asio::awaitable<Result<std::string>> OutboxStore::Enqueue(std::string to, std::string text,
                                                                 std::string kind,
                                                                 std::string case_no, TimeMs now) {
  std::vector<std::string> call = RedisClient::EvalSha(
      enqueue_script_, {keys_.Outbox(), keys_.OutboxSequence()},
      {std::move(to), std::move(text), std::move(kind), std::move(case_no), std::to_string(now)});
  auto reply = co_await IntegerScript(std::move(call), "outbox_enqueue");
  if (!reply) {
    co_return reply.error();
  }
  co_return std::to_string(*reply);
}

}  // namespace lapor::store
