#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string>

#include "common/result.hpp"
#include "store/keys.hpp"
#include "store/redis_client.hpp"

namespace lapor::store {

// Each gateway's send rate as a token bucket in Redis (send_rate.lua), so every sender of every
// instance spends from the same one.
class SendRateStore {
 public:
  // Registers its script with the client; call before redis.Start().
  SendRateStore(RedisClient& redis, Keys keys);

  // Takes `cost` tokens (messages or segments) from `gateway`'s bucket, which refills at
  // `per_second` up to `burst`: 0 when taken, otherwise how many ms to wait before asking again
  // (nothing taken). Errors: kUnavailable / kTimeout (Redis), kInternal (an unexpected reply).
  boost::asio::awaitable<Result<int64_t>> Take(const std::string& gateway, double per_second,
                                               double burst, int64_t cost);

 private:
  RedisClient& redis_;
  Keys keys_;
  LuaScript script_;
};

}  // namespace lapor::store
