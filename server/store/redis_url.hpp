#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"

namespace lapor::store {

// Where and how RedisClient connects. Times are in milliseconds.
struct RedisOptions {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string user;               // Redis 6 ACL user; empty means AUTH <password> alone
  std::string password;           // empty means no AUTH
  int db = 0;                     // SELECT <db> on connect when not 0
  int connect_timeout_ms = 1000;  // TCP connect + AUTH + SELECT + SCRIPT LOAD
  int command_timeout_ms = 1000;  // one Pipeline() round trip
  int reconnect_delay_ms = 250;   // pause between a failure and the next connect
  int connections = 1;            // hiredis connections, each on its own strand
};

// Parses redis://[[user]:password@]host[:port][/db] into options (the timeouts keep their
// defaults). User and password may be percent-encoded; an IPv6 host is written in brackets.
// Fails with kBadRequest naming the part that is wrong. The message never holds the password.
Result<RedisOptions> ParseRedisUrl(std::string_view url);

}  // namespace lapor::store
