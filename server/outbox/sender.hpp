#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "channels/outbound.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "metrics/registry.hpp"
#include "outbox/dispatch.hpp"
#include "store/outbox_store.hpp"
#include "store/send_rate_store.hpp"
#include "worker/worker.hpp"

namespace lapor::outbox {

struct SenderOptions {
  int64_t max_attempts = 6;         // sends tried before a message goes to the dead letters
  int64_t backoff_ms = 2000;        // wait after the first failure; doubles with each one
  int64_t max_backoff_ms = 300000;  // ... up to this
  int64_t send_timeout_ms = 5000;   // one call to a gateway, connect to reply
  int64_t poll_ms = 200;            // pause between reads when the stream is empty
  // How long an unsettled entry waits before another sender claims it. That is the store's
  // OutboxStoreOptions::claim_idle_ms (the reader claims); 0 takes it from there, any other
  // value must be the same.
  int64_t claim_idle_ms = 0;
  size_t batch = 20;     // entries read at once
  std::string consumer;  // name in the consumer group; empty: "<host>:<pid>"
};

// The gateways a sender sends through, which one sends what, and their shared send rates.
struct SenderGateways {
  std::vector<std::shared_ptr<const channels::Gateway>> gateways;
  Routes routes;
  store::SendRateStore* rates = nullptr;  // null: no send rate
};

// How long to wait before the next try after the try numbered `attempt` (0 = the first) failed:
// backoff_ms * 2^attempt, at most max_backoff_ms (never negative, never overflowing).
TimeMs RetryDelay(int64_t attempt, int64_t backoff_ms, int64_t max_backoff_ms);

// Sends the outbox through the gateways: a coroutine on the io_context that, every poll_ms (at
// once again after a full batch), moves due retries back onto their streams, reads a batch for
// this consumer, replies first (claiming entries another sender left unsettled for the store's
// claim_idle_ms), and sends each through its gateway (Dispatcher: routing, look-alikes, numbered
// SMS within the gateway's part limit, the shared send rate, one HTTP call per SMS bounded by
// send_timeout_ms). Taken: sent, with the gateway's references for its delivery reports.
// Refused for good, or an entry that cannot be read: the dead letters at once. Anything else,
// or no answer: tried again after RetryDelay, by the injected clock, from the first SMS not yet
// taken; after max_attempts sends the message is parked in the dead letters. Held back by the
// send rate: scheduled again when the rate allows, without counting a try.
//
// At least once: a message is sent again only if its outcome never reached Redis (this sender
// stopped, died, or lost Redis for longer than claim_idle_ms after sending). An outcome that
// Redis could not take is kept and written first on the next pass. A batch is cut short rather
// than sending an entry another sender could claim meanwhile.
//
// The loop is a supervised worker ("sender"): a crash is logged and the loop starts again.
// Threading: the loop runs on its own strand; Start/Stop and the counters are thread-safe. The
// store, the clock and the io_context must outlive the loop (until running() is false or the
// io_context has stopped), as with any Asio operation.
class Sender {
 public:
  // Throws std::invalid_argument for options that cannot work: max_attempts < 1, a timeout,
  // poll or backoff < 1, batch 0, a claim_idle_ms other than the store's, a store whose
  // claim_idle_ms is under 3 * send_timeout_ms, or gateways the Dispatcher refuses.
  Sender(boost::asio::io_context& io, store::OutboxStore& store, const Clock& clock,
         SenderOptions options, SenderGateways gateways, metrics::Registry& registry);
  ~Sender();  // Stop()
  Sender(const Sender&) = delete;
  Sender& operator=(const Sender&) = delete;

  // Starts the loop. Call once.
  void Start();
  // Asks the loop to end and cancels the send or pause it is in. Returns at once; the loop ends
  // soon after (running() turns false) without settling the message it was sending, which
  // another pass or sender then sends again. Thread-safe; calling again does nothing.
  void Stop();
  bool running() const;

  // One pass of the loop, for tests and tools: settle what is owed, move due retries, read and
  // send one batch. Returns how many entries were read. Do not call while the loop runs.
  boost::asio::awaitable<Result<size_t>> Pass();

  // This sender's totals since start (the registry has the process's). Thread-safe.
  uint64_t sent() const;     // every SMS of it taken by its gateway
  uint64_t retried() const;  // failed, scheduled again
  uint64_t dead() const;     // parked in the dead letters
  const std::string& consumer() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
  std::unique_ptr<worker::Worker> worker_;
};

}  // namespace lapor::outbox
