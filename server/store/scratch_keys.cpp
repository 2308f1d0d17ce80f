#include "store/scratch_keys.hpp"

#include "store/outbox_records.hpp"

namespace lapor::store {

std::string GlobEscaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

boost::asio::awaitable<Result<int64_t>> DeleteKeysUnder(RedisClient& redis, std::string prefix) {
  const std::string pattern = GlobEscaped(prefix) + "*";
  std::string cursor = "0";
  int64_t removed = 0;
  do {
    RedisCommand scan = {"SCAN", cursor, "MATCH", pattern, "COUNT", "1000"};
    auto reply = co_await redis.Command(std::move(scan));
    if (!reply) {
      co_return reply.error();
    }
    if (!reply->is_array() || reply->elements.size() != 2 || !reply->elements[1].is_array()) {
      co_return Unexpected("SCAN");
    }
    cursor = reply->elements[0].str;
    RedisCommand unlink = {"UNLINK"};
    for (const auto& key : reply->elements[1].elements) {
      unlink.Arg(key.str);
    }
    if (unlink.size() > 1) {
      auto done = co_await redis.Command(std::move(unlink));
      if (!done) {
        co_return done.error();
      }
      removed += done->is_integer() ? done->integer : 0;
    }
  } while (cursor != "0");
  co_return removed;
}

}  // namespace lapor::store
