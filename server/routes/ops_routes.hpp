#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <vector>

#include "http/router.hpp"
#include "metrics/registry.hpp"
#include "store/redis_client.hpp"

namespace lapor::routes {

// Brings gauges that cannot be kept current as they change (sizes read from Redis, counts owned
// by another part) up to date just before /metrics renders the registry.
using GaugeRefresh = std::function<boost::asio::awaitable<void>()>;

struct OpsParts {
  // Every Redis client a request may use (a process's web shards each have their own): ready
  // only when each has a connection up, since a request lands on any shard.
  std::function<std::vector<const store::RedisClient*>()> redis;
  std::function<bool()> draining;  // the process is stopping: not ready for new work
  metrics::Registry& registry;
  std::vector<GaugeRefresh> refreshes;
};

// For operators and load balancers:
//   GET /healthz   "ok" while the process serves (liveness)
//   GET /readyz    200 {"ready": true} when every Redis client is connected and the process is
//                  not draining, else
//                  503 with the reason
//   GET /metrics   the registry as Prometheus text, after the refreshes ran
void AddOpsRoutes(http::Router& router, OpsParts parts);

}  // namespace lapor::routes
