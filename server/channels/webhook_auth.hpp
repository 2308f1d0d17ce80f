#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "channels/inbound.hpp"
#include "common/json_reader.hpp"
#include "common/network.hpp"
#include "common/result.hpp"

// What every provider's webhook authentication shares: a secret carried in the callback URL,
// and the rule that a webhook reachable from beyond this machine must have one.
namespace lapor::channels {

// The shortest secret accepted on a webhook reachable from beyond loopback.
inline constexpr size_t kMinSecretLength = 16;

// kForbidden unless `query` holds `name`=`expected` (compared in constant time). An empty
// `expected` accepts any request (allowed only on loopback: RequireSecret).
Result<Ok> CheckQueryToken(const Fields& query, std::string_view name, const std::string& expected);

// kForbidden unless `peer` lies in one of `networks`; an empty list accepts any peer.
Result<Ok> CheckPeer(const std::vector<Network>& networks, std::string_view peer);

// Reads a list of CIDR networks ("allow_networks"): a problem for each that is not one.
std::vector<Network> ReadNetworks(JsonReader& r, const nlohmann::json& section,
                                  const std::string& path, std::string_view key);

// A secret that travels in a URL Kannel or a provider calls (at `where`, e.g.
// "/channels/kannel/secret"): only letters, digits and - _ . ~, so it needs no percent-encoding
// (Kannel reads every '%' of its get-url and dlr-url as an escape code). When the webhooks
// listen beyond loopback (`exposed`), it must be set, at least kMinSecretLength long and not an
// example ("change-me" in it); otherwise the server refuses to start, with `how` saying how to
// set it.
void RequireSecret(JsonReader& r, bool exposed, std::string_view where, const std::string& secret,
                   std::string_view how);

}  // namespace lapor::channels
