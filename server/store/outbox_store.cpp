#include "store/outbox_store.hpp"

#include <algorithm>
#include <utility>

#include "store/lua_library.hpp"

namespace lapor::store {

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

std::string OutboxStore::Stream(OutboxLane lane) const {
  return lane == OutboxLane::kReplies ? keys_.OutboxReplies() : keys_.Outbox();
}

boost::asio::awaitable<Result<Ok>> OutboxStore::EnsureGroup() {
  // (Commands are built before co_await: GCC 12 miscompiles braced lists inside co_await.)
  std::vector<RedisCommand> commands;
  for (const std::string& stream : {keys_.OutboxReplies(), keys_.Outbox()}) {
    commands.push_back({"XGROUP", "CREATE", stream, options_.group, "0", "MKSTREAM"});
  }
  auto replies = co_await redis_.Pipeline(std::move(commands));
  if (!replies) {
    co_return replies.error();
  }
  for (const RedisReply& reply : *replies) {
    if (reply.is_error() && !reply.is_error_kind("BUSYGROUP")) {
      co_return ReplyError(reply);
    }
  }
  co_return Ok{};
}

boost::asio::awaitable<Result<std::vector<OutboxEntry>>> OutboxStore::Read(std::string consumer,
                                                                           size_t count) {
  const std::string n = std::to_string(count);
  constexpr OutboxLane kLanes[] = {OutboxLane::kReplies, OutboxLane::kNotices};
  Result<std::vector<RedisReply>> replies = Error{Errc::kInternal, "not read"};
  // Twice at most: when a group is gone, create it and read again.
  for (int tries = 0; tries < 2; ++tries) {
    std::vector<RedisCommand> commands;
    for (OutboxLane lane : kLanes) {
      commands.push_back({"XAUTOCLAIM", Stream(lane), options_.group, consumer,
                          std::to_string(options_.claim_idle_ms), "0-0", "COUNT", n});
      commands.push_back({"XREADGROUP", "GROUP", options_.group, consumer, "COUNT", n, "STREAMS",
                          Stream(lane), ">"});
    }
    replies = co_await redis_.Pipeline(std::move(commands));
    if (!replies) {
      co_return replies.error();
    }
    if (replies->size() != 4) {
      co_return Unexpected("XAUTOCLAIM + XREADGROUP");
    }
    const bool no_group = std::any_of(replies->begin(), replies->end(), [](const RedisReply& r) {
      return r.is_error_kind("NOGROUP");
    });
    if (!no_group) {
      break;
    }
    // A stream or a group is gone: never created, Redis lost its data, or a key deleted.
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
  for (size_t i = 0; i < 2; ++i) {
    auto claimed = AppendClaimed((*replies)[2 * i], kLanes[i], entries);
    if (!claimed) {
      co_return claimed.error();
    }
    if (*claimed > 0 && trimmed_ != nullptr) {
      trimmed_->Increment(*claimed);
    }
    if (auto read = AppendRead((*replies)[2 * i + 1], kLanes[i], entries); !read) {
      co_return read.error();
    }
  }
  co_return entries;
}

boost::asio::awaitable<Result<bool>> OutboxStore::Settle(const OutboxEntry& entry, Outcome outcome,
                                                         TimeMs now) {
  const OutboxMessage& m = entry.message;
  const bool has_id = IsMessageId(m.id);
  RedisCommand call =
      RedisCommand::EvalSha(settle_script_,
                            {Stream(m.lane), keys_.OutboxRetry(), keys_.OutboxDead(),
                             keys_.OutboxMessage(has_id ? m.id : "invalid")},
                            {options_.group, entry.stream_id, outcome.name});
  call.Number(now)
      .Number(outcome.attempts)
      .Number(options_.message_ttl_s)
      .Arg(m.case_no)
      .Arg(m.kind)
      .Arg(outcome.error)
      .Arg(outcome.payload)
      .Number(outcome.due)
      .Arg(has_id ? "1" : "0")
      .Number(options_.max_dead_letters)
      .Number(options_.max_dead_age_s * 1000)
      .Arg(outcome.gateway)
      .Arg(keys_.OutboxRefPrefix())
      .Args(outcome.references);
  auto reply = co_await IntegerScript(redis_, std::move(call), "outbox_settle");
  if (!reply) {
    co_return reply.error();
  }
  if (*reply > 1 && dead_dropped_ != nullptr) {
    dead_dropped_->Increment(static_cast<uint64_t>(*reply - 1));
  }
  co_return *reply >= 1;
}

boost::asio::awaitable<Result<bool>> OutboxStore::Delivered(const OutboxEntry& entry, TimeMs now,
                                                            std::string gateway,
                                                            std::vector<std::string> references) {
  // (Built before co_await: GCC 12 miscompiles a braced list inside one.)
  Outcome outcome{.name = "sent",
                  .attempts = entry.message.attempt + 1,
                  .gateway = std::move(gateway),
                  .references = std::move(references)};
  co_return co_await Settle(entry, std::move(outcome), now);
}

boost::asio::awaitable<Result<bool>> OutboxStore::Retry(const OutboxEntry& entry,
                                                        int64_t next_attempt, TimeMs at,
                                                        std::string error, TimeMs now) {
  std::string member = RetryMember(entry.message, next_attempt);
  Outcome outcome{.name = "retry",
                  .attempts = next_attempt,
                  .error = std::move(error),
                  .payload = std::move(member),
                  .due = at};
  co_return co_await Settle(entry, std::move(outcome), now);
}

boost::asio::awaitable<Result<bool>> OutboxStore::Dead(const OutboxEntry& entry, int64_t attempts,
                                                       std::string error, TimeMs now) {
  std::string letter = DeadLetterJson(entry, attempts, error, now);
  Outcome outcome{.name = "dead",
                  .attempts = attempts,
                  .error = std::move(error),
                  .payload = std::move(letter)};
  co_return co_await Settle(entry, std::move(outcome), now);
}

boost::asio::awaitable<Result<size_t>> OutboxStore::MoveDueRetries(TimeMs now, size_t limit) {
  RedisCommand call = RedisCommand::EvalSha(
      retry_due_script_, {keys_.OutboxRetry(), keys_.Outbox(), keys_.OutboxReplies()},
      {std::to_string(now), std::to_string(limit)});
  auto reply = co_await IntegerScript(redis_, std::move(call), "outbox_retry_due");
  if (!reply) {
    co_return reply.error();
  }
  if (*reply < 0) {
    co_return Unexpected("outbox_retry_due");
  }
  co_return static_cast<size_t>(*reply);
}

boost::asio::awaitable<Result<DlrRecord>> OutboxStore::RecordDlr(DlrUpdate update, TimeMs now) {
  const bool by_id = IsMessageId(update.id);
  if (!by_id && (update.reference.empty() || update.gateway.empty())) {
    co_return DlrRecord::kUnknown;
  }
  RedisCommand call =
      RedisCommand::EvalSha(dlr_script_,
                            {by_id ? keys_.OutboxMessage(update.id) : "", keys_.OutboxSequence(),
                             by_id ? "" : keys_.OutboxRef(update.gateway, update.reference)},
                            {by_id ? update.id : "", update.state, update.final ? "1" : "0",
                             std::to_string(now), std::to_string(options_.message_ttl_s),
                             update.raw, update.reason, keys_.OutboxMessagePrefix()});
  auto reply = co_await IntegerScript(redis_, std::move(call), "outbox_dlr");
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
  RedisCommand command = {"LRANGE", keys_.OutboxDead(), "0",
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
  RedisCommand command = {"LRANGE", keys_.OutboxDead(), "0", "-1"};
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
    RedisCommand call = RedisCommand::EvalSha(requeue_script_, {keys_.OutboxDead(), keys_.Outbox()},
                                              {item.str, std::to_string(now)});
    auto moved = co_await IntegerScript(redis_, std::move(call), "outbox_requeue");
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
  std::vector<RedisCommand> commands = {{"XLEN", keys_.Outbox()},
                                        {"XLEN", keys_.OutboxReplies()},
                                        {"ZCARD", keys_.OutboxRetry()},
                                        {"LLEN", keys_.OutboxDead()}};
  auto replies = co_await redis_.Pipeline(std::move(commands));
  if (!replies) {
    co_return replies.error();
  }
  if (replies->size() != 4) {
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
  co_return OutboxCounts{.queued = (*replies)[0].integer + (*replies)[1].integer,
                         .retrying = (*replies)[2].integer,
                         .dead = (*replies)[3].integer};
}

boost::asio::awaitable<Result<std::string>> OutboxStore::Enqueue(std::string to, std::string text,
                                                                 std::string kind,
                                                                 std::string case_no, TimeMs now) {
  RedisCommand call =
      RedisCommand::EvalSha(enqueue_script_, {keys_.Outbox(), keys_.OutboxSequence(), ""},
                            {to, text, kind, case_no, std::to_string(now), "", "0"});
  auto reply = co_await IntegerScript(redis_, std::move(call), "outbox_enqueue");
  if (!reply) {
    co_return reply.error();
  }
  co_return std::to_string(*reply);
}

boost::asio::awaitable<Result<std::string>> OutboxStore::EnqueueReply(ReplySms reply, TimeMs now,
                                                                      int64_t once_ttl_s) {
  RedisCommand call =
      RedisCommand::EvalSha(enqueue_script_,
                            {keys_.OutboxReplies(), keys_.OutboxSequence(),
                             keys_.OutboxReplyOnce(reply.provider, reply.message_id)},
                            {reply.to, reply.text, "reply", "", std::to_string(now), reply.via,
                             std::to_string(once_ttl_s)});
  auto id = co_await IntegerScript(redis_, std::move(call), "outbox_enqueue");
  if (!id) {
    co_return id.error();
  }
  co_return std::to_string(*id);
}

}  // namespace lapor::store
