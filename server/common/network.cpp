#include "common/network.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

namespace lapor {
namespace {

struct Address {
  std::array<uint8_t, 16> bytes{};
  bool v6 = false;
};

std::optional<Address> ParseAddress(std::string_view text) {
  const std::string s(text);
  Address a;
  if (inet_pton(AF_INET, s.c_str(), a.bytes.data()) == 1) {
    return a;
  }
  if (inet_pton(AF_INET6, s.c_str(), a.bytes.data()) != 1) {
    return std::nullopt;
  }
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (std::equal(std::begin(kMapped), std::end(kMapped), a.bytes.begin())) {
    std::copy(a.bytes.begin() + 12, a.bytes.end(), a.bytes.begin());  // ::ffff:a.b.c.d
    std::fill(a.bytes.begin() + 4, a.bytes.end(), 0);
    return a;
  }
  a.v6 = true;
  return a;
}

// Whether the first `bits` bits of a and b are the same.
bool SamePrefix(const std::array<uint8_t, 16>& a, const std::array<uint8_t, 16>& b, int bits) {
  for (int i = 0; bits > 0; ++i, bits -= 8) {
    const uint8_t mask = bits >= 8 ? 0xFF : static_cast<uint8_t>(0xFF << (8 - bits));
    if ((a[i] & mask) != (b[i] & mask)) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<Network> ParseNetwork(std::string_view text) {
  const size_t slash = text.find('/');
  auto address = ParseAddress(text.substr(0, slash));
  if (!address) {
    return std::nullopt;
  }
  const int max_bits = address->v6 ? 128 : 32;
  int bits = max_bits;
  if (slash != std::string_view::npos) {
    std::string_view digits = text.substr(slash + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
    if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || bits < 0 ||
        bits > max_bits) {
      return std::nullopt;
    }
  }
  Network network{.bytes = address->bytes, .prefix_bits = bits, .v6 = address->v6};
  // "10.0.0.7/24" names an address, not a network: refused, so a typo does not widen it.
  std::array<uint8_t, 16> masked{};
  for (int i = 0; i < 16; ++i) {
    const int left = bits - 8 * i;
    const uint8_t mask =
        left >= 8 ? 0xFF : (left <= 0 ? 0 : static_cast<uint8_t>(0xFF << (8 - left)));
    masked[i] = network.bytes[i] & mask;
  }
  if (masked != network.bytes) {
    return std::nullopt;
  }
  return network;
}

bool Contains(const Network& network, std::string_view address) {
  auto a = ParseAddress(address);
  return a && a->v6 == network.v6 && SamePrefix(a->bytes, network.bytes, network.prefix_bits);
}

bool IsLoopbackAddress(std::string_view address) {
  if (address == "localhost") {
    return true;
  }
  static const Network kLoopback4 = *ParseNetwork("127.0.0.0/8");
  static const Network kLoopback6 = *ParseNetwork("::1");
  return Contains(kLoopback4, address) || Contains(kLoopback6, address);
}

}  // namespace lapor
