#pragma once

#include <string>
#include <string_view>

#include "channels/delivery.hpp"
#include "channels/inbound.hpp"
#include "common/result.hpp"

namespace lapor::channels::kannel {

// Kannel's delivery report types (its dlr-mask bits), as it puts them in the dlr-url's %d.
enum class DlrStatus {
  kDelivered = 1,  // reached the handset
  kFailed = 2,     // the SMSC gave up
  kBuffered = 4,   // waiting at the SMSC (handset off, out of coverage)
  kSubmitted = 8,  // the SMSC took it
  kRejected = 16,  // the SMSC refused it
};

// "delivered", "failed", "buffered", "submitted", "rejected".
std::string_view DlrStatusName(DlrStatus status);

// Delivered, failed and rejected end a message's story; buffered and submitted come before.
bool IsFinalDlr(DlrStatus status);

// Our state for each type: delivered; failed and rejected are failed; buffered (at the SMSC,
// the handset unreachable) is queued; submitted (the SMSC took it) is sent.
DeliveryState ToDeliveryState(DlrStatus status);

struct KannelReport {
  std::string message_id;  // our outbox id, digits
  DlrStatus status = DlrStatus::kSubmitted;
};

// Parses the query of Kannel's call `GET /webhooks/kannel/dlr?id=<our id>&status=<%d>` (the
// dlr-url that SendSmsUrl asked for). kBadRequest, naming the field, when id is not 1 to 19
// digits or status is not one of the five types.
Result<KannelReport> ParseDeliveryReport(std::string_view query);

// The report in our terms.
DeliveryReport ToDeliveryReport(const KannelReport& report);

}  // namespace lapor::channels::kannel
