#include "outbox/outbox_gauges.hpp"

namespace lapor::outbox {

OutboxGauges::OutboxGauges(store::OutboxStore& store, metrics::Registry& registry)
    : store_(store),
      queued_(registry.AddGauge("lapor1708_outbox_queued", "SMS waiting on the outbox stream.")),
      retrying_(registry.AddGauge("lapor1708_outbox_retrying", "SMS waiting for their next try.")),
      dead_(registry.AddGauge("lapor1708_outbox_dead_letters", "SMS in the dead-letter list.")) {}

boost::asio::awaitable<void> OutboxGauges::Refresh() {
  auto counts = co_await store_.Counts();
  if (!counts) {
    co_return;
  }
  queued_.Set(static_cast<double>(counts->queued));
  retrying_.Set(static_cast<double>(counts->retrying));
  dead_.Set(static_cast<double>(counts->dead));
}

}  // namespace lapor::outbox
