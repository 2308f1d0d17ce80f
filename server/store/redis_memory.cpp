#include "store/redis_memory.hpp"

#include <charconv>
#include <optional>

namespace lapor::store {
namespace {

std::optional<int64_t> InfoField(std::string_view info, std::string_view name) {
  size_t pos = 0;
  while (pos < info.size()) {
    size_t end = info.find('\n', pos);
    std::string_view line = info.substr(pos, end == std::string_view::npos ? end : end - pos);
    pos = end == std::string_view::npos ? info.size() : end + 1;
    if (line.ends_with('\r')) {
      line.remove_suffix(1);
    }
    if (line.size() > name.size() && line.starts_with(name) && line[name.size()] == ':') {
      std::string_view digits = line.substr(name.size() + 1);
      int64_t value = 0;
      auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (ec == std::errc{} && ptr == digits.data() + digits.size()) {
        return value;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

Result<MemoryUse> ParseMemoryInfo(std::string_view info) {
  auto used = InfoField(info, "used_memory");
  if (!used) {
    return Error{Errc::kInternal, "redis: INFO memory has no used_memory"};
  }
  return MemoryUse{.used_bytes = *used, .max_bytes = InfoField(info, "maxmemory").value_or(0)};
}

boost::asio::awaitable<Result<MemoryUse>> ReadMemoryUse(RedisClient& redis) {
  RedisCommand command = {"INFO", "memory"};
  auto reply = co_await redis.Command(std::move(command));
  if (!reply) {
    co_return reply.error();
  }
  if (!reply->is_string()) {
    co_return Error{Errc::kInternal, "redis: unexpected reply to INFO memory"};
  }
  co_return ParseMemoryInfo(reply->str);
}

}  // namespace lapor::store
