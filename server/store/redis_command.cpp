#include "store/redis_command.hpp"

#include <algorithm>

#include "common/whole_number.hpp"

namespace lapor::store {

RedisCommand::RedisCommand(size_t room) {
  // One allocation for most commands: the header's room and what the caller expects.
  buffer_.reserve(kHeaderRoom + std::max<size_t>(room, kSmallCommand));
  buffer_.assign(kHeaderRoom, ' ');
  WriteHeader();
}

RedisCommand::RedisCommand() : RedisCommand(kSmallCommand) {}

RedisCommand::RedisCommand(std::initializer_list<std::string_view> args)
    : RedisCommand([&] {
        size_t bytes = 0;
        for (std::string_view arg : args) {
          bytes += arg.size() + kArgFraming;
        }
        return bytes;
      }()) {
  Args(args);
}

RedisCommand RedisCommand::EvalSha(const LuaScript& script, size_t key_count, size_t room) {
  RedisCommand command(room + script.sha1.size() + 3 * kArgFraming);
  command.Arg("EVALSHA").Arg(script.sha1).Number(static_cast<int64_t>(key_count));
  return command;
}

RedisCommand RedisCommand::EvalSha(const LuaScript& script,
                                   std::initializer_list<std::string_view> keys,
                                   std::initializer_list<std::string_view> args) {
  RedisCommand command = EvalSha(script, keys.size());
  command.Args(keys).Args(args);
  return command;
}

RedisCommand& RedisCommand::Arg(std::string_view arg) {
  char digits[24];
  const std::string_view length = FormatWhole(arg.size(), digits);
  // One growth and plain copies: this runs for every argument of every command.
  const size_t at = buffer_.size();
  buffer_.resize(at + length.size() + arg.size() + 5);
  char* out = buffer_.data() + at;
  *out++ = '$';
  out = std::copy(length.begin(), length.end(), out);
  *out++ = '\r';
  *out++ = '\n';
  out = std::copy(arg.begin(), arg.end(), out);
  *out++ = '\r';
  *out = '\n';
  ++count_;
  WriteHeader();
  return *this;
}

RedisCommand& RedisCommand::Number(int64_t number) {
  char digits[24];
  return Arg(FormatWhole(number, digits));
}

void RedisCommand::WriteHeader() {
  // "*<count>\r\n" right-aligned in the room before the arguments, written from its end: it is
  // written again for every argument added.
  char* const room = buffer_.data();
  size_t at = kHeaderRoom;
  room[--at] = '\n';
  room[--at] = '\r';
  size_t count = count_;
  do {
    room[--at] = static_cast<char>('0' + count % 10);
    count /= 10;
  } while (count != 0);
  room[--at] = '*';
  start_ = at;
}

}  // namespace lapor::store
