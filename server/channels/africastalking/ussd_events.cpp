#include "channels/africastalking/ussd_events.hpp"

#include <charconv>

namespace lapor::channels::africastalking {
namespace {

int64_t Number(const Fields& form, std::string_view name) {
  auto it = form.find(name);
  int64_t value = 0;
  if (it != form.end()) {
    auto [end, ec] =
        std::from_chars(it->second.data(), it->second.data() + it->second.size(), value);
    if (ec != std::errc{} || end != it->second.data() + it->second.size() || value < 0) {
      value = 0;
    }
  }
  return value;
}

}  // namespace

Result<UssdSessionEnd> ParseUssdSessionEnd(const Fields& form) {
  auto session = form.find("sessionId");
  if (session == form.end() || !IsProviderId(session->second)) {
    return Error{Errc::kBadRequest, "sessionId: missing or not a session id"};
  }
  auto status = form.find("status");
  if (status == form.end()) {
    return Error{Errc::kBadRequest, "status: missing"};
  }
  UssdSessionEnd end{.session_id = session->second,
                     .status = "other",
                     .duration_ms = Number(form, "durationInMillis"),
                     .hops = Number(form, "hopsCount")};
  if (status->second == "Success") {
    end.status = "success";
  } else if (status->second == "Incomplete") {
    end.status = "incomplete";
  } else if (status->second == "Failed") {
    end.status = "failed";
  }
  if (auto error = form.find("errorMessage"); error != form.end()) {
    end.error_message = error->second.substr(0, 200);
  }
  return end;
}

}  // namespace lapor::channels::africastalking
