#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "metrics/registry.hpp"

namespace lapor::outbox {

// The bill: SMS segments sent, by template and gateway (lapor1708_sms_segments_total), for the
// outbox's sends and for the replies that go back in a webhook's HTTP answer. Thread-safe.
class SmsBill {
 public:
  explicit SmsBill(metrics::Registry& registry);

  // Counts the segments of `text` (text::CountSegments) sent through `gateway` for `template_key`
  // ("reply" for a dialog's answer).
  void Count(std::string_view gateway, std::string_view template_key, std::string_view text);

 private:
  metrics::Registry& registry_;
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, metrics::Counter*, std::less<>> counters_;
};

}  // namespace lapor::outbox
