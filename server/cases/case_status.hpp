#pragma once

#include <array>
#include <string_view>

namespace lapor::cases {

// The SP4N statuses a case can be in, by the names stored in Redis and used in template keys
// ("status.<name>"). The workflow that moves between them is cases/workflow.
inline constexpr std::array<std::string_view, 13> kCaseStatuses = {
    "submitted", "needs_info", "rejected",  "verified", "forwarded", "dispatched", "responded",
    "overdue",   "extended",   "escalated", "closed",   "reopened",  "referred",
};

}  // namespace lapor::cases
