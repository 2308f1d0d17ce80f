#include "channels/webhook_auth.hpp"

#include <algorithm>
#include <cctype>

#include "common/constant_time.hpp"

namespace lapor::channels {

Result<Ok> CheckQueryToken(const Fields& query, std::string_view name,
                           const std::string& expected) {
  if (expected.empty()) {
    return Ok{};
  }
  auto given = query.find(name);
  if (given == query.end() || !ConstantTimeEquals(given->second, expected)) {
    return Error{Errc::kForbidden, std::string(name) + " is missing or wrong"};
  }
  return Ok{};
}

Result<Ok> CheckPeer(const std::vector<Network>& networks, std::string_view peer) {
  if (networks.empty() ||
      std::any_of(networks.begin(), networks.end(),
                  [&](const Network& network) { return Contains(network, peer); })) {
    return Ok{};
  }
  return Error{Errc::kForbidden, "this address may not call this webhook"};
}

std::vector<Network> ReadNetworks(JsonReader& r, const nlohmann::json& section,
                                  const std::string& path, std::string_view key) {
  std::vector<Network> networks;
  const auto texts = r.Strings(section, path, key, false);
  for (size_t i = 0; i < texts.size(); ++i) {
    if (auto network = ParseNetwork(texts[i])) {
      networks.push_back(*network);
    } else {
      r.Problem(path + "/" + std::string(key) + "/" + std::to_string(i),
                "not a network in CIDR notation (\"196.201.214.0/24\", \"2001:db8::/32\")");
    }
  }
  return networks;
}

void RequireSecret(JsonReader& r, bool exposed, std::string_view where, const std::string& secret,
                   std::string_view how) {
  const bool safe = std::all_of(secret.begin(), secret.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
           c == '~';
  });
  if (!safe) {
    r.Problem(where,
              "only letters, digits and - _ . ~ (it travels in a URL; Kannel reads '%' as "
              "an escape code)");
  }
  if (!exposed) {
    return;
  }
  if (secret.find("change-me") != std::string::npos) {
    r.Problem(where,
              "is the example from config/default.json, which anyone can read: set one of "
              "your own when the webhooks listen beyond loopback (listen.address); " +
                  std::string(how));
    return;
  }
  if (secret.size() >= kMinSecretLength) {
    return;
  }
  r.Problem(where, std::string(secret.empty() ? "required" : "too short") +
                       " when the webhooks listen beyond loopback (listen.address): at least " +
                       std::to_string(kMinSecretLength) + " letters or digits; " +
                       std::string(how));
}

}  // namespace lapor::channels
