#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "channels/outbound.hpp"
#include "common/clock.hpp"
#include "outbox/sms_bill.hpp"
#include "store/outbox_records.hpp"
#include "store/send_rate_store.hpp"

namespace lapor::outbox {

// Which gateway sends what (config outbox.routes): a message's own gateway when it has one (a
// reply goes back the way the citizen wrote), else by whom it is for.
struct Routes {
  std::string citizen = "kannel";   // notices to citizens, replies without a gateway of their own
  std::string official = "kannel";  // notices to OPD liaisons, the inspectorate, the regent
};

// What became of one message's sends.
struct Dispatched {
  enum class Kind {
    kSent,      // every SMS of it was taken
    kRetry,     // one was not: try again from it
    kRefused,   // the gateway refused it for good
    kDeferred,  // the send rate would hold it past `deadline`: again later, not a failure
    kStopped,   // the sender stopped meanwhile: leave it pending
  };
  Kind kind = Kind::kRetry;
  int64_t parts_done = 0;               // numbered SMS of the text taken so far
  std::vector<std::string> references;  // the gateway's ids of the SMS taken in this call
  std::string gateway;
  std::string error;
  TimeMs wait_ms = 0;  // kDeferred: how long the send rate asks to wait
};

// Sends one outbox message through its gateway: routes it, makes its text cost what it should
// (text::ToSmsText: GSM-7 look-alikes before UCS-2), splits it into numbered SMS within the
// gateway's part limit, takes each SMS's messages or segments from the gateway's shared send
// rate, and makes one HTTP call per SMS, bounded by `send_timeout`. Parts the gateway took on
// an earlier try (parts_done) are not sent again. Segments sent are counted in the bill.
class Dispatcher {
 public:
  // Throws std::invalid_argument when a route names a gateway not in `gateways`, or a gateway's
  // request URL is not http(s)://host[:port]/path. `rates` null: no send rate.
  Dispatcher(std::vector<std::shared_ptr<const channels::Gateway>> gateways, Routes routes,
             store::SendRateStore* rates, std::chrono::milliseconds send_timeout,
             const Clock& clock, SmsBill& bill);

  // The gateway for `m`, or nullptr when none is configured for it.
  const channels::Gateway* Route(const store::OutboxMessage& m) const;

  // Sends what is left of `m`. Waits for the send rate only until `deadline`.
  boost::asio::awaitable<Dispatched> Send(const store::OutboxMessage& m,
                                          std::chrono::steady_clock::time_point deadline,
                                          const std::atomic<bool>& stopping) const;

 private:
  // Takes `cost` from `gateway`'s send rate: nullopt when taken, else how it ended.
  boost::asio::awaitable<std::optional<Dispatched>> TakeRate(
      const channels::Gateway& gateway, int64_t cost,
      std::chrono::steady_clock::time_point deadline, const std::atomic<bool>& stopping) const;

  std::vector<std::shared_ptr<const channels::Gateway>> gateways_;
  Routes routes_;
  store::SendRateStore* rates_;
  std::chrono::milliseconds send_timeout_;
  const Clock& clock_;
  SmsBill& bill_;
};

}  // namespace lapor::outbox
