#include "channels/inbound.hpp"

#include <algorithm>
#include <cctype>

namespace lapor::channels {

bool IsProviderId(std::string_view id) {
  constexpr size_t kMaxLength = 128;
  return !id.empty() && id.size() <= kMaxLength && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
           c == ':';
  });
}

}  // namespace lapor::channels
