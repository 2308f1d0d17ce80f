#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "store/outbox_store.hpp"
#include "store/redis_reply.hpp"

// How outbox messages look in Redis: stream entries as XAUTOCLAIM and XREADGROUP give them,
// retry members and dead letters as JSON (outbox_store.cpp; the Lua prelude's message_fields
// reads the same JSON).
namespace lapor::store {

// A whole positive decimal number, nothing around it.
bool IsDigits(std::string_view text);

// Appends the entries of an XAUTOCLAIM reply ([cursor, [entry...], [deleted id...]]); returns
// how many claimed entries were gone from the stream (trimmed while pending).
Result<size_t> AppendClaimed(const RedisReply& reply, std::vector<OutboxEntry>& out);
// Appends the entries of an XREADGROUP reply (nil, or [[stream, [entry...]]]).
Result<Ok> AppendRead(const RedisReply& reply, std::vector<OutboxEntry>& out);

// The message as a retry member: every value a string, as the stream holds it.
std::string RetryMember(const OutboxMessage& m, int64_t attempt);
// A dead letter: {id, to, text, kind, case, attempts, queued_at, error, failed_at} (and the raw
// fields of an entry that could not be read).
std::string DeadLetterJson(const OutboxEntry& entry, int64_t attempts, const std::string& error,
                           TimeMs now);
std::optional<DeadLetter> ParseDeadLetter(const std::string& text);

// kInternal "redis: unexpected reply to <what>".
Error Unexpected(std::string_view what);

}  // namespace lapor::store
