// What the benchmarks read of CPU time: Redis's own (INFO) and this process's (getrusage).
#pragma once

#include <sys/resource.h>

#include <boost/asio/io_context.hpp>
#include <string>
#include <string_view>

#include "store/redis_client.hpp"
#include "support/run_sync.hpp"

namespace lapor::bench {

// The value after "<field>:" in an INFO section, up to the end of its line ("" when absent).
inline std::string InfoValue(const std::string& info, const std::string& field) {
  const auto at = info.find(field + ":");
  if (at == std::string::npos) {
    return "";
  }
  const auto from = at + field.size() + 1;
  return info.substr(from, info.find_first_of("\r\n", from) - from);
}

inline std::string Info(boost::asio::io_context& io, store::RedisClient& redis,
                        const char* section) {
  auto info = test::RunSync(io, redis.Command({"INFO", section}));
  return info ? info->str : "";
}

// CPU seconds Redis has used so far (INFO cpu: used_cpu_sys + used_cpu_user).
inline double RedisCpuSeconds(boost::asio::io_context& io, store::RedisClient& redis) {
  const std::string info = Info(io, redis, "cpu");
  double total = 0;
  for (const char* field : {"used_cpu_sys", "used_cpu_user"}) {
    const std::string value = InfoValue(info, field);
    total += value.empty() ? 0 : std::stod(value);
  }
  return total;
}

// A figure of INFO stats (total_reads_processed: the socket reads Redis made), 0 when absent.
inline double RedisStat(boost::asio::io_context& io, store::RedisClient& redis,
                        const std::string& field) {
  const std::string value = InfoValue(Info(io, redis, "stats"), field);
  return value.empty() ? 0 : std::stod(value);
}

// CPU seconds this process has used so far, in user space and in the kernel.
struct OwnCpu {
  double user = 0;
  double system = 0;
  double total() const { return user + system; }
};

inline OwnCpu OwnCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return {seconds(usage.ru_utime), seconds(usage.ru_stime)};
}

}  // namespace lapor::bench
