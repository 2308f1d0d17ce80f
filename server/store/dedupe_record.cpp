#include "store/dedupe_record.hpp"

namespace lapor::store {

std::optional<DedupeRecord> DecodeDedupe(std::string_view stored) {
  if (stored.empty()) {
    return std::nullopt;
  }
  return DedupeRecord{.reply = std::string(stored.substr(1)), .end = stored.front() == 'E'};
}

}  // namespace lapor::store
