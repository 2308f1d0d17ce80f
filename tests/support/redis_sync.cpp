#include "support/redis_sync.hpp"

#include <hiredis/hiredis.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "store/redis_url.hpp"

namespace lapor::test {

struct RedisSync::Reply {
  std::unique_ptr<redisReply, decltype(&freeReplyObject)> reply{nullptr, &freeReplyObject};
  const redisReply* operator->() const { return reply.get(); }
};

RedisSync::RedisSync(const std::string& url) {
  auto options = store::ParseRedisUrl(url);
  if (!options) {
    throw std::runtime_error("bad Redis URL: " + options.error().message);
  }
  timeval timeout{.tv_sec = 2, .tv_usec = 0};
  context_ = redisConnectWithTimeout(options->host.c_str(), options->port, timeout);
  if (context_ == nullptr || context_->err != 0) {
    std::string why = context_ == nullptr ? "out of memory" : context_->errstr;
    redisFree(context_);
    context_ = nullptr;
    throw std::runtime_error("cannot connect to Redis: " + why);
  }
  redisSetTimeout(context_, timeout);
  if (!options->password.empty()) {
    if (options->user.empty()) {
      Command({"AUTH", options->password});
    } else {
      Command({"AUTH", options->user, options->password});
    }
  }
  if (options->db != 0) {
    Command({"SELECT", std::to_string(options->db)});
  }
}

RedisSync::~RedisSync() { redisFree(context_); }

RedisSync::Reply RedisSync::Command(const std::vector<std::string>& args) {
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  for (const auto& arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  Reply out;
  out.reply.reset(static_cast<redisReply*>(
      redisCommandArgv(context_, static_cast<int>(argv.size()), argv.data(), lengths.data())));
  if (!out.reply) {
    throw std::runtime_error("Redis " + args.front() + ": " + context_->errstr);
  }
  if (out->type == REDIS_REPLY_ERROR) {
    throw std::runtime_error("Redis " + args.front() + ": " + std::string(out->str, out->len));
  }
  return out;
}

std::optional<std::string> RedisSync::Get(const std::string& key) {
  auto reply = Command({"GET", key});
  if (reply->type != REDIS_REPLY_STRING) {
    return std::nullopt;
  }
  return std::string(reply->str, reply->len);
}

std::map<std::string, std::string> RedisSync::HGetAll(const std::string& key) {
  auto reply = Command({"HGETALL", key});
  std::map<std::string, std::string> fields;
  for (size_t i = 0; i + 1 < reply->elements; i += 2) {
    const redisReply* name = reply->element[i];
    const redisReply* value = reply->element[i + 1];
    fields[std::string(name->str, name->len)] = std::string(value->str, value->len);
  }
  return fields;
}

std::vector<std::string> RedisSync::LRange(const std::string& key) {
  auto reply = Command({"LRANGE", key, "0", "-1"});
  std::vector<std::string> items;
  for (size_t i = 0; i < reply->elements; ++i) {
    items.emplace_back(reply->element[i]->str, reply->element[i]->len);
  }
  return items;
}

bool RedisSync::Exists(const std::string& key) { return Command({"EXISTS", key})->integer == 1; }

long long RedisSync::Ttl(const std::string& key) { return Command({"TTL", key})->integer; }

std::vector<std::string> RedisSync::Keys(const std::string& pattern) {
  auto reply = Command({"KEYS", pattern});
  std::vector<std::string> keys;
  for (size_t i = 0; i < reply->elements; ++i) {
    keys.emplace_back(reply->element[i]->str, reply->element[i]->len);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace lapor::test
