#include "store/redis_reply.hpp"

namespace lapor::store {

bool HasNoScript(const std::vector<RedisReply>& replies) {
  for (const RedisReply& reply : replies) {
    if (reply.is_error_kind("NOSCRIPT") || HasNoScript(reply.elements)) {
      return true;
    }
  }
  return false;
}

}  // namespace lapor::store
