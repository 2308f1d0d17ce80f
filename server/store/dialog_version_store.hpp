#pragma once

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "store/keys.hpp"
#include "store/lua_script.hpp"
#include "store/redis_client.hpp"

namespace lapor::store {

// Who did something to the dialog, when and why.
struct DialogAuthor {
  std::string author;
  std::string note;
  TimeMs at = 0;
};

// One stored version: its number and its dialog document as written.
struct StoredDialog {
  int64_t version = 0;
  nlohmann::json dialog;
};

// The version new sessions start on, and the dialogs of the versions most recently active (at
// most kKeptDialogVersions, the active one among them unless it is 0), newest first.
struct RecentDialogs {
  int64_t active = 0;
  std::vector<StoredDialog> dialogs;
};

// How many recently active versions are kept for sessions still in flight on them.
inline constexpr int64_t kKeptDialogVersions = 4;

// Dialog versions in Redis, over the shipped dialogs/*.json (0: as shipped): the only code that
// reads or writes them. Errors: kUnavailable / kTimeout when Redis is away, kInternal for a
// reply of the wrong shape, kNotFound for a version never stored.
class DialogVersionStore {
 public:
  DialogVersionStore(RedisClient& redis, Keys keys);

  // Stores a checked dialog as a new version, not active yet (dialog_save.lua).
  boost::asio::awaitable<Result<int64_t>> Save(const nlohmann::json& dialog, DialogAuthor by);
  // Makes `version` the one new sessions start on (dialog_activate.lua); `action` is what the
  // history calls it ("activate" or "rollback").
  boost::asio::awaitable<Result<int64_t>> Activate(int64_t version, std::string action,
                                                   DialogAuthor by);
  // The active version: one GET, for the live-reload poll.
  boost::asio::awaitable<Result<int64_t>> Active();
  // One stored version: {"dialog", "author", "note", "at"}.
  boost::asio::awaitable<Result<nlohmann::json>> Read(int64_t version);
  boost::asio::awaitable<Result<RecentDialogs>> Recent();
  // Every save and activation, newest first: {"version", "action", "author", "note", "at"}.
  boost::asio::awaitable<Result<std::vector<nlohmann::json>>> History();

 private:
  RedisClient& redis_;
  Keys keys_;
  LuaScript save_script_;
  LuaScript activate_script_;
};

}  // namespace lapor::store
