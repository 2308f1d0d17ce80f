#include "outbox/sms_bill.hpp"

#include "text/sms_segments.hpp"

namespace lapor::outbox {

SmsBill::SmsBill(metrics::Registry& registry) : registry_(registry) {}

void SmsBill::Count(std::string_view gateway, std::string_view template_key,
                    std::string_view text) {
  const size_t segments = text::CountSegments(text).segments;
  metrics::Counter* counter = nullptr;
  {
    std::lock_guard lock(mutex_);
    auto key = std::make_pair(std::string(gateway), std::string(template_key));
    auto it = counters_.find(key);
    if (it == counters_.end()) {
      it = counters_
               .emplace(key, &registry_.AddCounter(
                                 "lapor1708_sms_segments_total",
                                 "SMS segments sent (what the gateway bills), by template and "
                                 "provider.",
                                 {{"template", key.second}, {"provider", key.first}}))
               .first;
    }
    counter = it->second;
  }
  counter->Increment(segments);
}

}  // namespace lapor::outbox
