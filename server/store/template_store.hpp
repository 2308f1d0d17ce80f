#pragma once

#include <boost/asio/awaitable.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "store/keys.hpp"
#include "store/lua_script.hpp"
#include "store/redis_client.hpp"

namespace lapor::store {

// language -> key -> text
using TemplateTexts = std::map<std::string, std::map<std::string, std::string>>;

struct TemplateChange {
  std::string lang;
  std::string key;
  std::string text;
};

// Who made an edit, when and why; one edit is one version, whatever number of texts it sets.
struct TemplateEdit {
  std::vector<TemplateChange> changes;
  std::string author;
  std::string note;
  TimeMs at = 0;
};

// The edited texts as stored, and the version they are at (0: never edited).
struct TemplateOverrides {
  int64_t version = 0;
  TemplateTexts texts;
};

// Template edits in Redis, over the shipped templates/*.json (DESIGN.md: tpl:<lang>,
// tpl:history): the only code that reads or writes them. Errors: kUnavailable / kTimeout when
// Redis is away, kInternal for a reply of the wrong shape.
class TemplateStore {
 public:
  TemplateStore(RedisClient& redis, Keys keys, std::vector<std::string> languages);

  // Saves the edit as one new version, atomically (template_save.lua); returns the version.
  boost::asio::awaitable<Result<int64_t>> Save(TemplateEdit edit);
  // The version of the latest edit: one GET, for the live-reload poll.
  boost::asio::awaitable<Result<int64_t>> Version();
  // Every edited text and the version, in one round trip.
  boost::asio::awaitable<Result<TemplateOverrides>> Load();
  // Every change kept, newest first: {"version", "lang", "key", "text", "author", "note", "at"}.
  boost::asio::awaitable<Result<std::vector<nlohmann::json>>> History();

 private:
  RedisClient& redis_;
  Keys keys_;
  std::vector<std::string> languages_;
  LuaScript save_script_;
};

// An integer from a GET reply (nil is 0); nullopt for anything else.
std::optional<int64_t> CounterValue(const RedisReply& reply);
// GET `key` as a counter (a missing key is 0). Errors: Redis's; kInternal for a non-integer.
boost::asio::awaitable<Result<int64_t>> ReadCounter(RedisClient& redis, std::string key);
// LRANGE `key` 0 -1 of JSON objects, newest first as stored; an entry that is not an object is
// skipped. Errors: Redis's; kInternal when the reply is not a list.
boost::asio::awaitable<Result<std::vector<nlohmann::json>>> ReadJsonList(RedisClient& redis,
                                                                         std::string key);

}  // namespace lapor::store
