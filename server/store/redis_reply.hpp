#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lapor::store {

// One reply from Redis, built as hiredis reads it (redis_reply_reader.hpp); it outlives the
// connection. A Redis error reply ("ERR ...", "NOSCRIPT ...", "WRONGTYPE ...") is a reply of
// type kError, not a failed call: the command reached Redis and Redis answered.
struct RedisReply {
  enum class Type { kNil, kInteger, kString, kStatus, kError, kArray };

  Type type = Type::kNil;
  int64_t integer = 0;               // kInteger
  std::string str;                   // kString, kStatus ("OK", "PONG") and kError text
  std::vector<RedisReply> elements;  // kArray

  bool is_nil() const { return type == Type::kNil; }
  bool is_integer() const { return type == Type::kInteger; }
  bool is_string() const { return type == Type::kString; }
  bool is_status() const { return type == Type::kStatus; }
  bool is_error() const { return type == Type::kError; }
  bool is_array() const { return type == Type::kArray; }

  // True for an error reply whose first word is `prefix`, e.g. "NOSCRIPT" or "WRONGTYPE".
  bool is_error_kind(std::string_view prefix) const {
    return is_error() && str.size() >= prefix.size() &&
           str.compare(0, prefix.size(), prefix) == 0 &&
           (str.size() == prefix.size() || str[prefix.size()] == ' ');
  }

  bool operator==(const RedisReply&) const = default;
};

// Whether any reply, at the top or inside an EXEC or nested array, is NOSCRIPT.
bool HasNoScript(const std::vector<RedisReply>& replies);

}  // namespace lapor::store
