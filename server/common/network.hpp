#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// IP networks in CIDR notation, to tell which addresses a request may come from.
namespace lapor {

// An IPv4 or IPv6 network: its address bytes and how many leading bits count.
struct Network {
  std::array<uint8_t, 16> bytes{};
  int prefix_bits = 0;
  bool v6 = false;
};

// "196.201.214.0/24", "2001:db8::/32", or one address ("10.0.0.7" = /32, "::1" = /128).
// nullopt for anything else (a host name, a prefix longer than the address, bits set past it).
std::optional<Network> ParseNetwork(std::string_view text);

// Whether `address` (an IPv4 or IPv6 literal; an IPv4-mapped IPv6 address counts as its IPv4
// address) lies in `network`. False for anything that is not an address.
bool Contains(const Network& network, std::string_view address);

// Whether a listen address reaches this machine only: 127.0.0.0/8, ::1 or "localhost".
// 0.0.0.0, :: and every other address reach beyond it.
bool IsLoopbackAddress(std::string_view address);

}  // namespace lapor
