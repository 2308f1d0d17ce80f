#include "common/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>

namespace lapor::log {
namespace {

std::atomic<Level> g_min_level{Level::kInfo};
std::mutex g_write_mutex;

const char* LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

}  // namespace

void SetMinLevel(Level level) { g_min_level.store(level); }

void Write(Level level, std::string_view event, const nlohmann::json& fields) {
  if (level < g_min_level.load()) {
    return;
  }
  nlohmann::json line;
  line["ts"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
  line["level"] = LevelName(level);
  line["event"] = event;
  if (fields.is_object()) {
    for (const auto& [key, value] : fields.items()) {
      line[key] = value;
    }
  }
  // Citizen text may hold invalid UTF-8 before it is cleaned; replace rather than throw.
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text.push_back('\n');
  std::lock_guard lock(g_write_mutex);
  std::fwrite(text.data(), 1, text.size(), stderr);
}

std::string MaskPhone(std::string_view e164) {
  if (e164.size() <= 8) {
    return std::string(e164.size(), '*');
  }
  std::string masked(e164);
  for (size_t i = 4; i + 4 < masked.size(); ++i) {
    masked[i] = '*';
  }
  return masked;
}

}  // namespace lapor::log
