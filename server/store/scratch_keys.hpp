#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>

#include "common/result.hpp"
#include "store/redis_client.hpp"

namespace lapor::store {

// Removes every key whose name starts with `prefix` (SCAN MATCH, then UNLINK, a batch at a time);
// returns how many. For a scratch prefix only (simulate): never the prefix of real data.
// Errors: Redis's; kInternal for a reply of the wrong shape.
boost::asio::awaitable<Result<int64_t>> DeleteKeysUnder(RedisClient& redis, std::string prefix);

// `text` with the glob characters of a SCAN MATCH pattern escaped.
std::string GlobEscaped(std::string_view text);

}  // namespace lapor::store
