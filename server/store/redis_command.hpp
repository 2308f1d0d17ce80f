#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "store/lua_script.hpp"

namespace lapor::store {

// One Redis command, written in Redis's wire protocol (RESP) as its arguments are added, so
// what goes to Redis is built once from views: no argument list of strings that hiredis then
// formats and copies again. Binary-safe.
//
//   RedisCommand get = {"GET", key};
//   RedisCommand call = RedisCommand::EvalSha(script, /*key_count=*/2);
//   call.Arg(key_a).Arg(key_b).Number(version);
//
// A moved-from command may only be assigned to or destroyed.
class RedisCommand {
 public:
  RedisCommand();
  // Implicit, so a call site reads like the command: Command({"HGET", key, "v"}).
  RedisCommand(std::initializer_list<std::string_view> args);

  // EVALSHA <sha1> <key_count>: the keys follow, then the script's arguments (about `room`
  // bytes of them, if the caller knows).
  static RedisCommand EvalSha(const LuaScript& script, size_t key_count, size_t room = 0);
  // EVALSHA with its keys and arguments.
  static RedisCommand EvalSha(const LuaScript& script, std::initializer_list<std::string_view> keys,
                              std::initializer_list<std::string_view> args);

  RedisCommand& Arg(std::string_view arg);
  RedisCommand& Arg(const char* arg) { return Arg(std::string_view(arg)); }
  RedisCommand& Arg(const std::string& arg) { return Arg(std::string_view(arg)); }
  // A number in decimal, without a std::string of it first.
  RedisCommand& Number(int64_t number);
  // Every element of a range of strings (a std::vector<std::string>, a span of views, ...).
  template <typename Range>
  RedisCommand& Args(const Range& range) {
    for (const auto& arg : range) {
      Arg(std::string_view(arg));
    }
    return *this;
  }

  size_t size() const { return count_; }  // arguments, the command's name included
  bool empty() const { return count_ == 0; }
  // The whole command as Redis reads it: "*<count>\r\n" and then each "$<length>\r\n<arg>\r\n".
  std::string_view Resp() const { return std::string_view(buffer_).substr(start_); }

  bool operator==(const RedisCommand& other) const { return Resp() == other.Resp(); }

 private:
  // The count is written right-aligned into room kept at the front of the buffer, so adding an
  // argument never moves the arguments before it.
  static constexpr size_t kHeaderRoom = 24;
  static constexpr size_t kSmallCommand = 104;  // with the header, 128 bytes
  static constexpr size_t kArgFraming = 8;      // "$<length>\r\n" and "\r\n" of a short argument

  explicit RedisCommand(size_t room);
  void WriteHeader();

  std::string buffer_;
  size_t start_ = kHeaderRoom;
  size_t count_ = 0;
};

}  // namespace lapor::store
