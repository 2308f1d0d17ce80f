#include "store/send_rate_store.hpp"

#include <algorithm>
#include <cstdio>

#include "store/lua_library.hpp"
#include "store/outbox_records.hpp"

namespace lapor::store {

SendRateStore::SendRateStore(RedisClient& redis, Keys keys)
    : redis_(redis), keys_(std::move(keys)), script_(LibraryScript("send_rate")) {
  redis_.RegisterScript(script_);
}

boost::asio::awaitable<Result<int64_t>> SendRateStore::Take(const std::string& gateway,
                                                            double per_second, double burst,
                                                            int64_t cost) {
  char rate[32];
  char size[32];
  std::snprintf(rate, sizeof rate, "%.6f", per_second);
  std::snprintf(size, sizeof size, "%.6f", std::max(burst, 1.0));
  RedisCommand call = RedisCommand::EvalSha(
      script_, {keys_.SendRate(gateway)}, {rate, size, std::to_string(std::max<int64_t>(cost, 1))});
  co_return co_await IntegerScript(redis_, std::move(call), "send_rate");
}

}  // namespace lapor::store
