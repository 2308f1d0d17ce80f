#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace lapor::log {

enum class Level { kDebug, kInfo, kWarn, kError };

// Writes one JSON line to stderr: {"ts": ..., "level": ..., "event": ..., <fields>}.
// Thread-safe; a line is never interleaved with another. Never pass a citizen's phone number
// or text here unmasked: logs leave the machine.
void Write(Level level, std::string_view event, const nlohmann::json& fields = {});

inline void Info(std::string_view event, const nlohmann::json& fields = {}) {
  Write(Level::kInfo, event, fields);
}
inline void Warn(std::string_view event, const nlohmann::json& fields = {}) {
  Write(Level::kWarn, event, fields);
}
inline void Error(std::string_view event, const nlohmann::json& fields = {}) {
  Write(Level::kError, event, fields);
}

// Lines below this level are dropped. Default kInfo.
void SetMinLevel(Level level);

// "+6281234567890" -> "+628******7890", so logs can tell numbers apart without holding them.
std::string MaskPhone(std::string_view e164);

}  // namespace lapor::log
