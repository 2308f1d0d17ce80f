#pragma once

#include <boost/asio/awaitable.hpp>

#include "metrics/registry.hpp"
#include "store/outbox_store.hpp"

namespace lapor::outbox {

// How much waits in the outbox, as gauges: lapor1708_outbox_queued, _retrying and
// _dead_letters. Redis holds the numbers, shared by every instance, so they are read just before
// /metrics renders (Refresh).
class OutboxGauges {
 public:
  OutboxGauges(store::OutboxStore& store, metrics::Registry& registry);

  // Reads the sizes; when Redis cannot be reached the gauges keep their last values.
  boost::asio::awaitable<void> Refresh();

 private:
  store::OutboxStore& store_;
  metrics::Gauge& queued_;
  metrics::Gauge& retrying_;
  metrics::Gauge& dead_;
};

}  // namespace lapor::outbox
