#include "store/outbox_store.hpp"

#include <charconv>
#include <nlohmann/json.hpp>
#include <utility>

#include "store/lua_library.hpp"

namespace lapor::store {
namespace {

Error ReplyError(const RedisReply& reply) { return Error{Errc::kInternal, "redis: " + reply.str}; }

Error Unexpected(std::string_view what) {
  return Error{Errc::kInternal, "redis: unexpected reply to " + std::string(what)};
}

bool ParseInt(std::string_view text, int64_t& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size() && !text.empty();
}

bool IsDigits(std::string_view text) {
  int64_t value = 0;
  return ParseInt(text, value) && value > 0 && text.front() != '+' && text.front() != '-';
}

std::string Field(const std::map<std::string, std::string>& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

// One stream entry as XREADGROUP and XAUTOCLAIM give it: [id, [field, value, ...]].
OutboxEntry ToEntry(const RedisReply& item) {
  OutboxEntry entry;
  entry.stream_id = item.elements[0].str;
  const RedisReply& flat = item.elements[1];
  for (size_t i = 0; i + 1 < flat.elements.size(); i += 2) {
    entry.fields.emplace(flat.elements[i].str, flat.elements[i + 1].str);
  }
  OutboxMessage& m = entry.message;
  m.id = Field(entry.fields, "id");
  m.to = Field(entry.fields, "to");
  m.text = Field(entry.fields, "text");
  m.kind = Field(entry.fields, "kind");
  m.case_no = Field(entry.fields, "case");
  const std::string attempt = Field(entry.fields, "attempt");
  const std::string queued_at = Field(entry.fields, "queued_at");
  if (entry.fields.count("raw") != 0) {
    entry.problem = "unreadable retry entry";
  } else if (!IsDigits(m.id)) {
    entry.problem = "no message id";
  } else if (m.to.empty()) {
    entry.problem = "no recipient";
  } else if (m.text.empty()) {
    entry.problem = "no text";
  } else if (!attempt.empty() && (!ParseInt(attempt, m.attempt) || m.attempt < 0)) {
    entry.problem = "bad attempt count";
  } else if (!queued_at.empty() && !ParseInt(queued_at, m.queued_at)) {
    entry.problem = "bad queued_at";
  }
  return entry;
}

bool IsEntry(const RedisReply& item) {
  return item.is_array() && item.elements.size() == 2 && item.elements[0].is_string() &&
         item.elements[1].is_array();
}

// XAUTOCLAIM: [next cursor, [entry, ...], [deleted id, ...]] (Redis 7; 6.2 has no third part and
// shows a deleted entry as nil).
Result<Ok> AppendClaimed(const RedisReply& reply, std::vector<OutboxEntry>& out) {
  if (!reply.is_array() || reply.elements.size() < 2 || !reply.elements[1].is_array()) {
    return Unexpected("XAUTOCLAIM");
  }
  for (const RedisReply& item : reply.elements[1].elements) {
    if (IsEntry(item)) {
      out.push_back(ToEntry(item));
    }
  }
  return Ok{};
}

// XREADGROUP: nil, or [[stream, [entry, ...]]].
Result<Ok> AppendRead(const RedisReply& reply, std::vector<OutboxEntry>& out) {
  if (reply.is_nil()) {
    return Ok{};
  }
  if (!reply.is_array()) {
    return Unexpected("XREADGROUP");
  }
  for (const RedisReply& stream : reply.elements) {
    if (!stream.is_array() || stream.elements.size() != 2 || !stream.elements[1].is_array()) {
      return Unexpected("XREADGROUP");
    }
    for (const RedisReply& item : stream.elements[1].elements) {
      if (IsEntry(item)) {
        out.push_back(ToEntry(item));
      }
    }
  }
  return Ok{};
}

// The message as a retry member: every value a string, as the stream holds it.
std::string RetryMember(const OutboxMessage& m, int64_t attempt) {
  nlohmann::json j = {{"id", m.id},
                      {"to", m.to},
                      {"text", m.text},
                      {"kind", m.kind},
                      {"case", m.case_no},
                      {"attempt", std::to_string(attempt)},
                      {"queued_at", std::to_string(m.queued_at)}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string DeadLetterJson(const OutboxEntry& entry, int64_t attempts, const std::string& error,
                           TimeMs now) {
  const OutboxMessage& m = entry.message;
  nlohmann::json j = {
      {"id", m.id},        {"to", m.to},           {"text", m.text},           {"kind", m.kind},
      {"case", m.case_no}, {"attempts", attempts}, {"queued_at", m.queued_at}, {"error", error},
      {"failed_at", now}};
  if (!entry.problem.empty()) {
    j["fields"] = entry.fields;
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<DeadLetter> ParseDeadLetter(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return std::nullopt;
  }
  auto str = [&](const char* name) {
    auto it = j.find(name);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto num = [&](const char* name) {
    auto it = j.find(name);
    return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : int64_t{0};
  };
  DeadLetter letter;
  letter.message = OutboxMessage{.id = str("id"),
                                 .to = str("to"),
                                 .text = str("text"),
                                 .kind = str("kind"),
                                 .case_no = str("case"),
                                 .attempt = num("attempts"),
                                 .queued_at = num("queued_at")};
  letter.error = str("error");
  letter.failed_at = num("failed_at");
  return letter;
}

}  // namespace

OutboxStore::OutboxStore(RedisClient& redis, Keys keys, OutboxStoreOptions options)
    : redis_(redis),
      keys_(std::move(keys)),
      options_(std::move(options)),
      settle_script_(LibraryScript("outbox_settle")),
      retry_due_script_(LibraryScript("outbox_retry_due")),
      dlr_script_(LibraryScript("outbox_dlr")),
      enqueue_script_(LibraryScript("outbox_enqueue")) {
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
  if (auto claimed = AppendClaimed((*replies)[0], entries); !claimed) {
    co_return claimed.error();
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
       std::move(error), std::move(payload), std::to_string(due), has_id ? "1" : "0"});
  auto reply = co_await IntegerScript(std::move(call), "outbox_settle");
  if (!reply) {
    co_return reply.error();
  }
  co_return *reply == 1;
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
