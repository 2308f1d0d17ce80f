#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

struct redisContext;

namespace lapor::test {

// A blocking hiredis connection for tests to look at what the server stored in Redis (and only
// that: tests never write the server's keys behind its back). Not thread-safe.
class RedisSync {
 public:
  // Connects to a redis:// URL (store::ParseRedisUrl), with AUTH and SELECT as it says. Throws
  // std::runtime_error if it cannot connect.
  explicit RedisSync(const std::string& url);
  ~RedisSync();
  RedisSync(const RedisSync&) = delete;
  RedisSync& operator=(const RedisSync&) = delete;

  // Each throws std::runtime_error on a connection error or an error reply.
  std::optional<std::string> Get(const std::string& key);
  std::map<std::string, std::string> HGetAll(const std::string& key);  // empty: no such key
  std::vector<std::string> LRange(const std::string& key);             // the whole list
  bool Exists(const std::string& key);
  long long Ttl(const std::string& key);  // seconds; -1: no expiry, -2: no such key
  std::vector<std::string> Keys(const std::string& pattern);  // sorted

 private:
  struct Reply;
  Reply Command(const std::vector<std::string>& args);

  redisContext* context_ = nullptr;
};

}  // namespace lapor::test
