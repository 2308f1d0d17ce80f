#include "store/case_store.hpp"

#include "store/case_records.hpp"
#include "store/lua_library.hpp"
#include "text/utf8.hpp"

namespace lapor::store {
namespace {

Result<std::optional<cases::Case>> ToCase(const RedisReply& reply) {
  if (reply.is_error()) {
    return Error{Errc::kInternal, "redis: " + reply.str};
  }
  if (reply.elements.empty()) {
    return std::optional<cases::Case>{};
  }
  // RESP2 HGETALL: a flat array of field, value, ...
  std::vector<cases::FieldView> fields;
  fields.reserve(reply.elements.size() / 2);
  for (size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
    fields.emplace_back(reply.elements[i].str, reply.elements[i + 1].str);
  }
  auto c = cases::CaseFromFields(fields);
  if (!c) {
    return c.error();
  }
  return std::optional<cases::Case>(std::move(*c));
}

}  // namespace

CaseStore::CaseStore(RedisClient& redis, Keys keys)
    : redis_(redis),
      keys_(std::move(keys)),
      apply_script_(LibraryScript("case_apply")),
      claim_script_(LibraryScript("due_claim")) {
  redis_.RegisterScript(apply_script_);
  redis_.RegisterScript(claim_script_);
}

boost::asio::awaitable<Result<std::optional<cases::Case>>> CaseStore::Load(
    std::string tracking_no) {
  auto snapshot = co_await LoadForMove(std::move(tracking_no), nullptr);
  if (!snapshot) {
    co_return snapshot.error();
  }
  co_return std::move(snapshot->c);
}

boost::asio::awaitable<Result<CaseSnapshot>> CaseStore::LoadForMove(std::string tracking_no,
                                                                    const CaseDedupe* dedupe) {
  std::vector<RedisCommand> commands = {{"HGETALL", keys_.Case(tracking_no)}};
  if (dedupe != nullptr) {
    commands.push_back({"GET", keys_.Seen(dedupe->provider, dedupe->message_id)});
  }
  auto replies = co_await redis_.Pipeline(std::move(commands));
  if (!replies) {
    co_return replies.error();
  }
  CaseSnapshot snapshot;
  auto c = ToCase((*replies)[0]);
  if (!c) {
    co_return c.error();
  }
  snapshot.c = std::move(*c);
  if (dedupe != nullptr) {
    const RedisReply& seen = (*replies)[1];
    if (seen.is_error()) {
      co_return Error{Errc::kInternal, "redis: " + seen.str};
    }
    if (seen.is_string()) {
      snapshot.seen = DecodeDedupe(seen.str);
    }
  }
  co_return snapshot;
}

boost::asio::awaitable<Result<std::vector<std::optional<cases::Case>>>> CaseStore::LoadEach(
    std::vector<std::string> numbers) {
  std::vector<std::optional<cases::Case>> found;
  if (numbers.empty()) {
    co_return found;
  }
  std::vector<RedisCommand> commands;
  commands.reserve(numbers.size());
  for (const auto& no : numbers) {
    commands.push_back({"HGETALL", keys_.Case(no)});
  }
  auto replies = co_await redis_.Pipeline(std::move(commands));
  if (!replies) {
    co_return replies.error();
  }
  found.reserve(replies->size());
  for (const auto& reply : *replies) {
    auto c = ToCase(reply);
    if (!c) {
      co_return c.error();
    }
    found.push_back(std::move(*c));
  }
  co_return found;
}

boost::asio::awaitable<Result<std::vector<cases::Case>>> CaseStore::LoadMany(
    std::vector<std::string> numbers) {
  auto each = co_await LoadEach(std::move(numbers));
  if (!each) {
    co_return each.error();
  }
  std::vector<cases::Case> found;
  for (auto& c : *each) {
    if (c) {
      found.push_back(std::move(*c));
    }
  }
  co_return found;
}

boost::asio::awaitable<Result<CaseStore::LogPage>> CaseStore::Log(std::string tracking_no,
                                                                  std::optional<int64_t> before,
                                                                  size_t limit) {
  LogPage page;
  if (before && *before <= 0) {
    co_return page;
  }
  const std::string key = keys_.CaseLog(tracking_no);
  // The length and the page in one round trip; LRANGE takes positions counted from the end for
  // the newest page.
  const int64_t n = static_cast<int64_t>(limit);
  RedisCommand range = {"LRANGE", key};
  if (before) {
    range.Number(std::max<int64_t>(0, *before - n)).Number(*before - 1);
  } else {
    range.Number(-n).Arg("-1");
  }
  std::vector<RedisCommand> commands = {{"LLEN", key}, std::move(range)};
  auto replies = co_await redis_.Pipeline(std::move(commands));
  if (!replies) {
    co_return replies.error();
  }
  const RedisReply& length = (*replies)[0];
  const RedisReply& items = (*replies)[1];
  if (!length.is_integer() || !items.is_array()) {
    co_return Error{Errc::kInternal, "unexpected reply to LLEN + LRANGE"};
  }
  const int64_t end = before ? std::min(*before, length.integer) : length.integer;
  page.first = std::max<int64_t>(0, end - n);
  for (const auto& item : items.elements) {
    auto entry = nlohmann::json::parse(item.str, nullptr, false);
    if (!entry.is_discarded()) {  // an unreadable entry is left out, as a bug to look into
      page.entries.push_back(std::move(entry));
    }
  }
  co_return page;
}

RedisCommand CaseStore::ApplyCommand(const cases::Case& before, const cases::Transition& transition,
                                     const std::vector<cases::OutboundSms>& sms,
                                     std::string_view claimed, TimeMs now,
                                     const CaseDedupe* dedupe) const {
  const auto& after = transition.after;
  cases::FieldChanges changes = cases::ChangedFields(before, after);
  DueChanges due = DueChangesOf(before, after);
  // KEYS[7] is the dedupe record; without one the script never touches it, so any key we
  // already name stands in (a script's key count is fixed).
  RedisCommand command = RedisCommand::EvalSha(apply_script_, 7, /*room=*/2048);
  command.Arg(keys_.Case(after.tracking_no))
      .Arg(keys_.CaseLog(after.tracking_no))
      .Arg(keys_.Due())
      .Arg(keys_.DueClaimed())
      .Arg(keys_.Outbox())
      .Arg(keys_.OutboxSequence())
      .Arg(dedupe != nullptr ? keys_.Seen(dedupe->provider, dedupe->message_id) : keys_.Due());
  command.Number(before.version)
      .Number(now)
      .Arg(claimed)
      .Arg(dedupe != nullptr ? DedupeKind(/*end=*/false) : "")
      .Number(dedupe != nullptr ? dedupe->ttl_s : 0)
      .Arg(dedupe != nullptr ? std::string_view(dedupe->reply) : "")
      .Number(static_cast<int64_t>(changes.set.size()))
      .Number(static_cast<int64_t>(changes.gone.size()))
      .Number(static_cast<int64_t>(due.add.size()))
      .Number(static_cast<int64_t>(due.remove.size()))
      .Number(static_cast<int64_t>(transition.log.size()))
      .Number(static_cast<int64_t>(sms.size()));
  // Case text comes from citizens: a bad byte is replaced, as the log's JSON does, so what is
  // stored is always readable. Arg copies at once, so one `repaired` serves every argument.
  std::string repaired;
  for (const auto& [field, value] : changes.set) {
    command.Arg(field).Arg(text::ValidUtf8(value, repaired));
  }
  command.Args(changes.gone);
  for (const auto& [member, score] : due.add) {
    command.Arg(member).Number(score);
  }
  command.Args(due.remove);
  for (const auto& e : transition.log) {
    command.Arg(EncodeAuditEntry(e));
  }
  for (const auto& s : sms) {
    command.Arg(text::ValidUtf8(s.to, repaired))
        .Arg(text::ValidUtf8(s.text, repaired))
        .Arg(s.kind)
        .Arg(after.tracking_no)
        .Arg(s.essential ? "1" : "0")
        .Arg(s.to_citizen ? keys_.Citizen(s.to) : "");
  }
  return command;
}

namespace {

// case_apply.lua's answer: {"ok", version, queued} | {"conflict"} | {"missing"} | {"seen", reply}.
Result<CaseWriteResult> ReadApplyReply(const RedisReply& reply) {
  if (reply.is_error() || !reply.is_array() || reply.elements.empty()) {
    return Error{Errc::kInternal, "unexpected reply from case_apply: " + reply.str};
  }
  const std::string& outcome = reply.elements[0].str;
  if (outcome == "conflict") {
    return CaseWriteResult{.status = CaseWrite::kConflict};
  }
  if (outcome == "missing") {
    return CaseWriteResult{.status = CaseWrite::kMissing};
  }
  if (outcome == "seen" && reply.elements.size() == 2) {
    return CaseWriteResult{.status = CaseWrite::kSeen, .seen = DecodeDedupe(reply.elements[1].str)};
  }
  if (outcome != "ok" || reply.elements.size() < 2 || !reply.elements[1].is_integer()) {
    return Error{Errc::kInternal, "unexpected reply from case_apply"};
  }
  return CaseWriteResult{.status = CaseWrite::kOk, .version = reply.elements[1].integer};
}

}  // namespace

boost::asio::awaitable<Result<CaseWriteResult>> CaseStore::Commit(
    const cases::Case& before, const cases::Transition& transition,
    const std::vector<cases::OutboundSms>& sms, std::string claimed, TimeMs now,
    const CaseDedupe* dedupe) {
  auto command = ApplyCommand(before, transition, sms, claimed, now, dedupe);
  auto reply = co_await redis_.Command(std::move(command));
  if (!reply) {
    co_return reply.error();
  }
  co_return ReadApplyReply(*reply);
}

RedisCommand CaseStore::CommitCommand(const CaseCommit& c) const {
  return ApplyCommand(c.before, c.transition, c.sms, c.claimed, c.now, nullptr);
}

boost::asio::awaitable<Result<std::vector<Result<CaseWriteResult>>>> CaseStore::CommitMany(
    std::vector<RedisCommand> commands) {
  std::vector<Result<CaseWriteResult>> results;
  if (commands.empty()) {
    co_return results;
  }
  auto replies = co_await redis_.Pipeline(std::move(commands));
  if (!replies) {
    co_return replies.error();
  }
  results.reserve(replies->size());
  for (const auto& reply : *replies) {
    results.push_back(ReadApplyReply(reply));
  }
  co_return results;
}

boost::asio::awaitable<Result<std::vector<std::string>>> CaseStore::ClaimDue(TimeMs now,
                                                                             TimeMs lease_ms,
                                                                             size_t batch) {
  auto command = RedisCommand::EvalSha(claim_script_, {keys_.Due(), keys_.DueClaimed()}, {});
  command.Number(now).Number(lease_ms).Number(static_cast<int64_t>(batch));
  auto reply = co_await redis_.Command(std::move(command));
  if (!reply) {
    co_return reply.error();
  }
  if (reply->is_error()) {
    co_return Error{Errc::kInternal, "redis: " + reply->str};
  }
  std::vector<std::string> members;
  for (const auto& item : reply->elements) {
    members.push_back(item.str);
  }
  co_return members;
}

boost::asio::awaitable<Result<Ok>> CaseStore::Release(std::string claimed) {
  RedisCommand command = {"ZREM", keys_.DueClaimed(), claimed};
  auto reply = co_await redis_.Command(std::move(command));
  if (!reply) {
    co_return reply.error();
  }
  co_return Ok{};
}

boost::asio::awaitable<Result<std::vector<std::string>>> CaseStore::ListNumbers(TimeMs from,
                                                                                TimeMs to,
                                                                                std::string after,
                                                                                size_t limit) {
  // Newest first. The cursor is the last number of the previous page: its score bounds the next
  // page, and numbers with the same score up to and including it are skipped.
  std::string max = std::to_string(to);
  if (!after.empty()) {
    RedisCommand zscore = {"ZSCORE", keys_.CaseIndex(), after};
    auto score = co_await redis_.Command(std::move(zscore));
    if (!score) {
      co_return score.error();
    }
    if (score->is_string()) {
      max = score->str;
    }
  }
  RedisCommand range = {"ZREVRANGEBYSCORE", keys_.CaseIndex(), max};
  range.Number(from).Arg("LIMIT").Arg("0").Number(static_cast<int64_t>(limit + 64));
  auto reply = co_await redis_.Command(std::move(range));
  if (!reply) {
    co_return reply.error();
  }
  std::vector<std::string> numbers;
  bool skipping = !after.empty();
  for (const auto& item : reply->elements) {
    if (skipping) {
      skipping = item.str != after;
      continue;
    }
    numbers.push_back(item.str);
    if (numbers.size() == limit) {
      break;
    }
  }
  co_return numbers;
}

}  // namespace lapor::store
