#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>

#include "common/result.hpp"
#include "store/redis_client.hpp"

namespace lapor::store {

// How much memory Redis uses and may use (INFO memory).
struct MemoryUse {
  int64_t used_bytes = 0;
  int64_t max_bytes = 0;  // maxmemory; 0 = no limit
};

// One INFO memory round trip. Errors: kUnavailable / kTimeout, kInternal (no used_memory field).
boost::asio::awaitable<Result<MemoryUse>> ReadMemoryUse(RedisClient& redis);

// used_memory and maxmemory out of INFO memory's text ("field:value" lines).
Result<MemoryUse> ParseMemoryInfo(std::string_view info);

}  // namespace lapor::store
