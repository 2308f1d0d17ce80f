#include "store/token_store.hpp"

#include "store/outbox_records.hpp"
#include "store/template_store.hpp"

namespace lapor::store {
namespace {

// A HGETALL reply of name -> ms.
std::optional<std::map<std::string, TimeMs, std::less<>>> Times(const RedisReply& reply) {
  if (!reply.is_array() || reply.elements.size() % 2 != 0) {
    return std::nullopt;
  }
  std::map<std::string, TimeMs, std::less<>> times;
  for (size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
    auto ms = CounterValue(reply.elements[i + 1]);
    if (!ms) {
      return std::nullopt;
    }
    times[reply.elements[i].str] = *ms;
  }
  return times;
}

}  // namespace

boost::asio::awaitable<Result<Ok>> TokenStore::Create(std::string name, std::string record) {
  std::vector<RedisCommand> commands = {{"HSETNX", keys_.Tokens(), name, record},
                                        {"INCR", keys_.TokensVersion()}};
  auto replies = co_await redis_.Pipeline(std::move(commands));
  if (!replies) {
    co_return replies.error();
  }
  if (!replies->at(0).is_integer()) {
    co_return Unexpected("HSETNX tokens");
  }
  if (replies->at(0).integer == 0) {
    co_return Error{Errc::kConflict, "a token of that name exists already"};
  }
  co_return Ok{};
}

boost::asio::awaitable<Result<Ok>> TokenStore::Revoke(std::string name, TimeMs now) {
  std::vector<RedisCommand> commands = {
      {"HSETNX", keys_.TokensRevoked(), name, std::to_string(now)},
      {"INCR", keys_.TokensVersion()}};
  auto replies = co_await redis_.Pipeline(std::move(commands));
  if (!replies) {
    co_return replies.error();
  }
  co_return Ok{};
}

boost::asio::awaitable<Result<Ok>> TokenStore::Touch(std::string name, TimeMs now) {
  RedisCommand command = {"HSET", keys_.TokensLastUse(), name, std::to_string(now)};
  auto reply = co_await redis_.Command(std::move(command));
  if (!reply) {
    co_return reply.error();
  }
  co_return Ok{};
}

boost::asio::awaitable<Result<int64_t>> TokenStore::Version() {
  co_return co_await ReadCounter(redis_, keys_.TokensVersion());
}

boost::asio::awaitable<Result<TokenRecords>> TokenStore::Load() {
  std::vector<RedisCommand> commands = {{"GET", keys_.TokensVersion()},
                                        {"HVALS", keys_.Tokens()},
                                        {"HGETALL", keys_.TokensRevoked()},
                                        {"HGETALL", keys_.TokensLastUse()}};
  auto replies = co_await redis_.Pipeline(std::move(commands));
  if (!replies) {
    co_return replies.error();
  }
  auto version = CounterValue(replies->at(0));
  auto revoked = Times(replies->at(2));
  auto last_use = Times(replies->at(3));
  if (!version || !replies->at(1).is_array() || !revoked || !last_use) {
    co_return Unexpected("tokens");
  }
  TokenRecords out{.version = *version, .revoked = *revoked, .last_use = *last_use};
  for (const auto& record : replies->at(1).elements) {
    out.records.push_back(record.str);
  }
  co_return out;
}

}  // namespace lapor::store
