#include "cases/filing.hpp"

namespace lapor::cases {

Filing FileReport(const Report& report, TimeMs now, const Policy& policy,
                  const Calendar& calendar) {
  Filing f;
  Case& c = f.c;
  for (const auto& [slot, value] : report.answers) {
    SetAnswer(c, slot, value);
  }
  c.status = Status::kSubmitted;
  c.phone = report.phone;
  c.lang = report.lang;
  c.channel = report.channel;
  c.region = report.region;
  c.labels = report.labels;
  c.created_at = now;
  c.updated_at = now;
  c.deadlines = InitialDeadlines(c, policy, calendar);
  f.entry = AuditEntry{.at = now,
                       .actor = "citizen",
                       .action = "submit",
                       .from = "",
                       .to = std::string(StatusName(c.status)),
                       .note = c.channel};
  f.notices.push_back(Notice{.audience = Audience::kCitizen,
                             .to = c.phone,
                             .template_key = "notice.received",
                             .vars = {{"tracking_no", std::string(kTrackingPlaceholder)}},
                             .lang = c.lang.empty() ? "id" : c.lang});
  return f;
}

}  // namespace lapor::cases
