#include "store/outbox_records.hpp"

#include <nlohmann/json.hpp>

#include "common/whole_number.hpp"

namespace lapor::store {

Error ReplyError(const RedisReply& reply) { return Error{Errc::kInternal, "redis: " + reply.str}; }

Error Unexpected(std::string_view what) {
  return Error{Errc::kInternal, "redis: unexpected reply to " + std::string(what)};
}

boost::asio::awaitable<Result<int64_t>> IntegerScript(RedisClient& redis, RedisCommand call,
                                                      std::string_view script) {
  auto reply = co_await redis.Command(std::move(call));
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

namespace {

bool IsDigits(std::string_view text) {
  int64_t value = 0;
  return ParseWhole(text, value) && value > 0 && text.front() != '+' && text.front() != '-';
}

std::string Field(const std::map<std::string, std::string>& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

bool IsEntry(const RedisReply& item) {
  return item.is_array() && item.elements.size() == 2 && item.elements[0].is_string() &&
         item.elements[1].is_array();
}

}  // namespace

bool IsMessageId(std::string_view text) { return IsDigits(text); }

// One stream entry as XREADGROUP and XAUTOCLAIM give it: [id, [field, value, ...]].
namespace {

OutboxEntry ToEntry(const RedisReply& item, OutboxLane lane) {
  OutboxEntry entry;
  entry.stream_id = item.elements[0].str;
  entry.message.lane = lane;
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
  m.via = Field(entry.fields, "via");
  const std::string attempt = Field(entry.fields, "attempt");
  const std::string parts = Field(entry.fields, "parts");
  const std::string queued_at = Field(entry.fields, "queued_at");
  if (entry.fields.count("raw") != 0) {
    entry.problem = "unreadable retry entry";
  } else if (!IsDigits(m.id)) {
    entry.problem = "no message id";
  } else if (m.to.empty()) {
    entry.problem = "no recipient";
  } else if (m.text.empty()) {
    entry.problem = "no text";
  } else if (!attempt.empty() && (!ParseWhole(attempt, m.attempt) || m.attempt < 0)) {
    entry.problem = "bad attempt count";
  } else if (!queued_at.empty() && !ParseWhole(queued_at, m.queued_at)) {
    entry.problem = "bad queued_at";
  } else if (!parts.empty() && (!ParseWhole(parts, m.parts_done) || m.parts_done < 0)) {
    entry.problem = "bad parts count";
  }
  return entry;
}

}  // namespace

// XAUTOCLAIM: [next cursor, [entry, ...], [deleted id, ...]] (Redis 7; 6.2 has no third part and
// shows a deleted entry as nil).
Result<size_t> AppendClaimed(const RedisReply& reply, OutboxLane lane,
                             std::vector<OutboxEntry>& out) {
  if (!reply.is_array() || reply.elements.size() < 2 || !reply.elements[1].is_array()) {
    return Unexpected("XAUTOCLAIM");
  }
  size_t gone = reply.elements.size() > 2 ? reply.elements[2].elements.size() : 0;
  for (const RedisReply& item : reply.elements[1].elements) {
    if (IsEntry(item)) {
      out.push_back(ToEntry(item, lane));
    } else {
      ++gone;
    }
  }
  return gone;
}

// XREADGROUP: nil, or [[stream, [entry, ...]]].
Result<Ok> AppendRead(const RedisReply& reply, OutboxLane lane, std::vector<OutboxEntry>& out) {
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
        out.push_back(ToEntry(item, lane));
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
                      {"queued_at", std::to_string(m.queued_at)},
                      {"via", m.via},
                      {"parts", std::to_string(m.parts_done)},
                      {"lane", m.lane == OutboxLane::kReplies ? "replies" : "notices"}};
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

}  // namespace lapor::store
