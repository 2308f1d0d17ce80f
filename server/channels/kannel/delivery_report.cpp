#include "channels/kannel/delivery_report.hpp"

#include <charconv>

#include "text/url_encoding.hpp"

namespace lapor::channels::kannel {
namespace {

constexpr size_t kMaxIdDigits = 19;  // an int64 from INCR

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return !s.empty();
}

}  // namespace

std::string_view DlrStatusName(DlrStatus status) {
  switch (status) {
    case DlrStatus::kDelivered:
      return "delivered";
    case DlrStatus::kFailed:
      return "failed";
    case DlrStatus::kBuffered:
      return "buffered";
    case DlrStatus::kSubmitted:
      return "submitted";
    case DlrStatus::kRejected:
      return "rejected";
  }
  return "unknown";
}

bool IsFinalDlr(DlrStatus status) {
  return status == DlrStatus::kDelivered || status == DlrStatus::kFailed ||
         status == DlrStatus::kRejected;
}

DeliveryState ToDeliveryState(DlrStatus status) {
  switch (status) {
    case DlrStatus::kDelivered:
      return DeliveryState::kDelivered;
    case DlrStatus::kFailed:
    case DlrStatus::kRejected:
      return DeliveryState::kFailed;
    case DlrStatus::kBuffered:
      return DeliveryState::kQueued;
    case DlrStatus::kSubmitted:
      break;
  }
  return DeliveryState::kSent;
}

DeliveryReport ToDeliveryReport(const KannelReport& report) {
  return DeliveryReport{.message_id = report.message_id,
                        .state = ToDeliveryState(report.status),
                        .provider_status = std::to_string(static_cast<int>(report.status))};
}

Result<KannelReport> ParseDeliveryReport(std::string_view query) {
  auto fields = text::ParseUrlEncoded(query);
  if (!fields) {
    return fields.error();
  }
  auto id = fields->find("id");
  if (id == fields->end() || id->second.empty()) {
    return Error{Errc::kBadRequest, "id: missing"};
  }
  if (!AllDigits(id->second) || id->second.size() > kMaxIdDigits) {
    return Error{Errc::kBadRequest, "id: must be a message id (digits)"};
  }
  auto status = fields->find("status");
  if (status == fields->end() || status->second.empty()) {
    return Error{Errc::kBadRequest, "status: missing"};
  }
  int type = 0;
  const std::string& text = status->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), type);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    return Error{Errc::kBadRequest, "status: must be a number"};
  }
  switch (type) {
    case 1:
    case 2:
    case 4:
    case 8:
    case 16:
      break;
    default:
      return Error{Errc::kBadRequest, "status: not a delivery report type (1, 2, 4, 8, 16)"};
  }
  // Leading zeros would name the same message twice ("007" and "7").
  std::string_view digits = id->second;
  while (digits.size() > 1 && digits.front() == '0') {
    digits.remove_prefix(1);
  }
  if (digits == "0") {
    return Error{Errc::kBadRequest, "id: must be a message id (digits)"};
  }
  return KannelReport{.message_id = std::string(digits), .status = static_cast<DlrStatus>(type)};
}

}  // namespace lapor::channels::kannel
