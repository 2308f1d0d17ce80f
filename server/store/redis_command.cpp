#include "store/redis_command.hpp"

#include <charconv>

namespace lapor::store {

namespace {

// `number` in decimal, written into `digits`.
std::string_view Decimal(int64_t number, char (&digits)[24]) {
  const char* end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  return {digits, static_cast<size_t>(end - digits)};
}

}  // namespace

RedisCommand::RedisCommand() : buffer_(kHeaderRoom, ' ') { WriteHeader(); }

RedisCommand::RedisCommand(std::initializer_list<std::string_view> args) : RedisCommand() {
  size_t bytes = 0;
  for (std::string_view arg : args) {
    bytes += arg.size() + 16;
  }
  Reserve(bytes);
  Args(args);
}

RedisCommand RedisCommand::EvalSha(const LuaScript& script, size_t key_count) {
  RedisCommand command;
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
  buffer_ += '$';
  buffer_ += Decimal(static_cast<int64_t>(arg.size()), digits);
  buffer_ += "\r\n";
  buffer_ += arg;
  buffer_ += "\r\n";
  ++count_;
  WriteHeader();
  return *this;
}

RedisCommand& RedisCommand::Number(int64_t number) {
  char digits[24];
  return Arg(Decimal(number, digits));
}

void RedisCommand::WriteHeader() {
  char digits[24];
  const std::string_view count = Decimal(static_cast<int64_t>(count_), digits);
  start_ = kHeaderRoom - (count.size() + 3);
  buffer_[start_] = '*';
  buffer_.replace(start_ + 1, count.size(), count);
  buffer_.replace(start_ + 1 + count.size(), 2, "\r\n");
}

}  // namespace lapor::store
