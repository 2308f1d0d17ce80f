#pragma once

#include <boost/asio/awaitable.hpp>
#include <map>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "store/keys.hpp"
#include "store/redis_client.hpp"

namespace lapor::store {

// What Redis holds of officials' tokens made and revoked through the API, as stored.
struct TokenRecords {
  int64_t version = 0;
  std::vector<std::string> records;  // one JSON record per token (admin/token_book)
  std::map<std::string, TimeMs, std::less<>> revoked;   // name -> when
  std::map<std::string, TimeMs, std::less<>> last_use;  // name -> when
};

// Officials' tokens in Redis (keys.hpp: tokens, tokens:revoked, tokens:last_use,
// tokens:version): the only code that reads or writes them. Every change bumps the version, which
// each instance polls. Errors: kUnavailable / kTimeout when Redis is away, kInternal for a reply
// of the wrong shape.
class TokenStore {
 public:
  TokenStore(RedisClient& redis, Keys keys) : redis_(redis), keys_(std::move(keys)) {}

  // Adds the record under `name`; kConflict when the name is taken.
  boost::asio::awaitable<Result<Ok>> Create(std::string name, std::string record);
  // Marks `name` revoked at `now` (the first revocation is kept).
  boost::asio::awaitable<Result<Ok>> Revoke(std::string name, TimeMs now);
  // Notes that `name` signed in at `now`; for the list only, so no version change.
  boost::asio::awaitable<Result<Ok>> Touch(std::string name, TimeMs now);
  // The version of the latest change: one GET, for the live-reload poll.
  boost::asio::awaitable<Result<int64_t>> Version();
  // Everything, in one round trip.
  boost::asio::awaitable<Result<TokenRecords>> Load();

 private:
  RedisClient& redis_;
  Keys keys_;
};

}  // namespace lapor::store
