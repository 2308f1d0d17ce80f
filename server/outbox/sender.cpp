#include "outbox/sender.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <stdexcept>
#include <utility>
#include <vector>

#include "common/log.hpp"

namespace lapor::outbox {
namespace {

namespace asio = boost::asio;
using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Retries moved back onto the stream per pass, at least.
constexpr size_t kMinRetryMoves = 100;

enum class Outcome { kSent, kRetry, kDead };

// What became of one send, to be written to Redis.
struct Settlement {
  store::OutboxEntry entry;
  Outcome outcome = Outcome::kSent;
  int64_t attempts = 0;  // sends tried, this one included
  TimeMs retry_at = 0;   // kRetry
  std::string error;     // kRetry, kDead
  TimeMs now = 0;
  std::string gateway;                  // kSent
  std::vector<std::string> references;  // kSent: the gateway's ids of its SMS
};

bool IsTransient(const Error& error) {
  return error.code == Errc::kUnavailable || error.code == Errc::kTimeout;
}

// "<host>:<pid>", and ":<n>" for the n-th sender of a process after the first: a consumer name
// is one sender's, or two would share each other's pending entries.
std::string DefaultConsumer() {
  static std::atomic<int> made{0};
  const int n = made.fetch_add(1);
  std::array<char, 256> host{};
  std::string name = ::gethostname(host.data(), host.size() - 1) != 0 || host[0] == '\0'
                         ? "sender:" + std::to_string(::getpid())
                         : std::string(host.data()) + ":" + std::to_string(::getpid());
  return n == 0 ? name : name + ":" + std::to_string(n + 1);
}

void Check(bool ok, const std::string& what) {
  if (!ok) {
    throw std::invalid_argument("outbox sender: " + what);
  }
}

nlohmann::json LogFields(const store::OutboxMessage& m) {
  // No phone number, not even masked: the message id and the case find the recipient.
  return {{"id", m.id}, {"kind", m.kind}, {"case", m.case_no}, {"attempt", m.attempt + 1}};
}

}  // namespace

TimeMs RetryDelay(int64_t attempt, int64_t backoff_ms, int64_t max_backoff_ms) {
  const int64_t cap = std::max<int64_t>(max_backoff_ms, 0);
  int64_t delay = std::clamp<int64_t>(backoff_ms, 0, cap);
  for (int64_t i = 0; i < attempt && delay < cap; ++i) {
    delay = delay > cap / 2 ? cap : delay * 2;
  }
  return delay;
}

struct Sender::State {
  State(store::OutboxStore& outbox, const Clock& time, SenderOptions opts, SenderGateways gateways,
        metrics::Registry& registry)
      : store(outbox),
        clock(time),
        options(std::move(opts)),
        bill(registry),
        dispatcher(std::move(gateways.gateways), std::move(gateways.routes), gateways.rates,
                   milliseconds(options.send_timeout_ms), time, bill),
        sent_total(
            registry.AddCounter("lapor1708_outbox_sent_total", "SMS accepted by the gateway.")),
        retried_total(registry.AddCounter("lapor1708_outbox_retried_total",
                                          "SMS sends that failed and were scheduled again.")),
        dead_total(registry.AddCounter("lapor1708_outbox_dead_total",
                                       "SMS parked in the dead letters by this process.")),
        deferred_total(
            registry.AddCounter("lapor1708_outbox_deferred_total",
                                "SMS held back by a gateway's send rate and scheduled again.")) {}

  store::OutboxStore& store;
  const Clock& clock;
  SenderOptions options;
  SmsBill bill;
  Dispatcher dispatcher;

  std::atomic<bool> stopping{false};
  std::atomic<uint64_t> sent{0};
  std::atomic<uint64_t> retried{0};
  std::atomic<uint64_t> dead{0};
  metrics::Counter& sent_total;
  metrics::Counter& retried_total;
  metrics::Counter& dead_total;
  metrics::Counter& deferred_total;

  // Touched by the pass in progress only.
  std::vector<Settlement> owed;  // outcomes Redis could not take yet, oldest first
  bool failing = false;          // the last pass failed (log only the change)

  // Writes one outcome. kUnavailable/kTimeout: kept in `owed` for the next pass, and returned.
  // Any other error (Redis refused the script: the stream is gone) is logged and dropped, since
  // trying again cannot help.
  asio::awaitable<Result<Ok>> Settle(Settlement s) {
    Result<bool> done = false;
    switch (s.outcome) {
      case Outcome::kSent:
        done = co_await store.Delivered(s.entry, s.now, s.gateway, s.references);
        break;
      case Outcome::kRetry:
        done = co_await store.Retry(s.entry, s.attempts, s.retry_at, s.error, s.now);
        break;
      case Outcome::kDead:
        done = co_await store.Dead(s.entry, s.attempts, s.error, s.now);
        break;
    }
    if (!done) {
      if (IsTransient(done.error())) {
        owed.push_back(std::move(s));
        co_return done.error();
      }
      log::Error("outbox_settle_failed",
                 {{"id", s.entry.message.id}, {"error", done.error().message}});
      co_return Ok{};
    }
    if (!*done) {
      log::Warn("outbox_settled_elsewhere", {{"id", s.entry.message.id}});
    }
    co_return Ok{};
  }

  asio::awaitable<Result<Ok>> PayOwed() {
    std::vector<Settlement> due = std::move(owed);
    owed.clear();
    for (size_t i = 0; i < due.size(); ++i) {
      auto paid = co_await Settle(std::move(due[i]));
      if (!paid) {
        // Settle kept this one; keep the rest behind it, in order.
        for (size_t j = i + 1; j < due.size(); ++j) {
          owed.push_back(std::move(due[j]));
        }
        co_return paid.error();
      }
    }
    co_return Ok{};
  }

  void Count(Outcome outcome) {
    switch (outcome) {
      case Outcome::kRetry:
        retried.fetch_add(1);
        retried_total.Increment();
        return;
      case Outcome::kDead:
        dead.fetch_add(1);
        dead_total.Increment();
        return;
      case Outcome::kSent:
        sent.fetch_add(1);
        sent_total.Increment();
        return;
    }
  }

  // What to write for `entry` after its gateway's answer `d`; false: nothing (left pending).
  bool Decide(Settlement& s, const Dispatched& d) {
    const store::OutboxMessage& m = s.entry.message;
    auto fields = LogFields(m);
    fields["gateway"] = d.gateway;
    s.entry.message.parts_done = d.parts_done;
    switch (d.kind) {
      case Dispatched::Kind::kStopped:
        return false;  // Stop(): it stays pending; this or another sender claims it later
      case Dispatched::Kind::kSent:
        s.outcome = Outcome::kSent;
        s.gateway = d.gateway;
        s.references = d.references;
        log::Info("sms_sent", fields);
        return true;
      case Dispatched::Kind::kDeferred:
        // Not a failure: the try is not counted, and it waits on the retry set, not here.
        s.outcome = Outcome::kRetry;
        s.attempts = m.attempt;
        s.retry_at = s.now + d.wait_ms;
        s.error = "waiting for " + d.gateway + "'s send rate";
        deferred_total.Increment();
        return true;
      case Dispatched::Kind::kRefused:
      case Dispatched::Kind::kRetry:
        break;
    }
    s.error = d.error;
    fields["error"] = s.error;
    if (d.kind == Dispatched::Kind::kRefused || s.attempts >= options.max_attempts) {
      s.outcome = Outcome::kDead;
      log::Error("sms_dead", fields);
      return true;
    }
    s.outcome = Outcome::kRetry;
    const TimeMs delay = RetryDelay(m.attempt, options.backoff_ms, options.max_backoff_ms);
    s.retry_at = s.now + delay;
    fields["retry_in_ms"] = delay;
    // A gateway outage fails every message on every try: say it at the first try and at the
    // dead letter, and keep the tries between for debug logs.
    log::Write(m.attempt == 0 ? log::Level::kWarn : log::Level::kDebug, "sms_send_failed", fields);
    return true;
  }

  // Sends one entry and settles it. An error only when its outcome could not be written.
  asio::awaitable<Result<Ok>> Handle(store::OutboxEntry entry, SteadyClock::time_point deadline) {
    Settlement s{.entry = entry, .attempts = entry.message.attempt + 1};
    if (!entry.problem.empty()) {
      s.outcome = Outcome::kDead;
      s.attempts = entry.message.attempt;
      s.error = "unreadable outbox entry: " + entry.problem;
      s.now = clock.Now();
      log::Error("sms_dead", {{"stream_id", entry.stream_id}, {"error", s.error}});
    } else {
      const Dispatched d = co_await dispatcher.Send(entry.message, deadline, stopping);
      s.now = clock.Now();
      if (!Decide(s, d)) {
        co_return Ok{};
      }
    }
    // Counted once the outcome is in Redis or kept to be written on the next pass.
    const Outcome outcome = s.outcome;
    const bool deferred = outcome == Outcome::kRetry && s.attempts == entry.message.attempt;
    auto settled = co_await Settle(std::move(s));
    if (!deferred) {
      Count(outcome);
    }
    co_return settled;
  }

  asio::awaitable<Result<size_t>> Pass() {
    if (auto paid = co_await PayOwed(); !paid) {
      co_return paid.error();
    }
    auto moved =
        co_await store.MoveDueRetries(clock.Now(), std::max(options.batch, kMinRetryMoves));
    if (!moved) {
      co_return moved.error();
    }
    auto entries = co_await store.Read(options.consumer, options.batch);
    if (!entries) {
      co_return entries.error();
    }
    // An entry becomes claimable by another sender claim_idle_ms after this read. Start a send
    // only while it and the settle after it surely end well before that; the rest stay pending,
    // and this or another sender claims them later.
    const auto read_at = SteadyClock::now();
    const auto cutoff = milliseconds(options.claim_idle_ms / 2 - options.send_timeout_ms);
    for (size_t i = 0; i < entries->size(); ++i) {
      if (stopping.load()) {
        break;
      }
      if (i > 0 && SteadyClock::now() - read_at > cutoff) {
        log::Warn("outbox_batch_cut",
                  {{"left", entries->size() - i}, {"consumer", options.consumer}});
        break;
      }
      if (auto handled = co_await Handle(std::move((*entries)[i]), read_at + cutoff); !handled) {
        // Redis is away: leave the rest pending rather than send what cannot be recorded.
        co_return handled.error();
      }
    }
    co_return entries->size();
  }

  // The loop body of the "sender" worker.
  asio::awaitable<void> Run(worker::WorkerContext& ctx) {
    log::Info("outbox_sender_started", {{"consumer", options.consumer}});
    while (!ctx.stopping()) {
      auto pass = co_await Pass();
      if (!pass) {
        if (!failing) {
          log::Warn("outbox_pass_failed", {{"error", pass.error().message}});
        }
        failing = true;
      } else if (failing) {
        log::Info("outbox_pass_recovered");
        failing = false;
      }
      if (pass && *pass >= options.batch) {
        continue;  // there is more waiting
      }
      if (!co_await ctx.Sleep(milliseconds(options.poll_ms))) {
        break;
      }
    }
    log::Info("outbox_sender_stopped", {{"consumer", options.consumer}});
  }
};

Sender::Sender(asio::io_context& io, store::OutboxStore& store, const Clock& clock,
               SenderOptions options, SenderGateways gateways, metrics::Registry& registry) {
  if (options.consumer.empty()) {
    options.consumer = DefaultConsumer();
  }
  Check(options.max_attempts >= 1, "max_attempts must be at least 1");
  Check(options.backoff_ms >= 1 && options.max_backoff_ms >= options.backoff_ms,
        "backoff_ms must be at least 1 and max_backoff_ms at least backoff_ms");
  Check(options.send_timeout_ms >= 1, "send_timeout_ms must be at least 1");
  Check(options.poll_ms >= 1, "poll_ms must be at least 1");
  Check(options.batch >= 1, "batch must be at least 1");
  Check(options.claim_idle_ms == 0 || options.claim_idle_ms == store.options().claim_idle_ms,
        "claim_idle_ms must be the store's (OutboxStoreOptions::claim_idle_ms)");
  options.claim_idle_ms = store.options().claim_idle_ms;
  Check(store.options().claim_idle_ms >= 3 * options.send_timeout_ms,
        "the store's claim_idle_ms must be at least 3 times send_timeout_ms");
  state_ = std::make_shared<State>(store, clock, std::move(options), std::move(gateways), registry);
  worker_ = std::make_unique<worker::Worker>(
      io, "sender", [s = state_](worker::WorkerContext& ctx) { return s->Run(ctx); }, registry);
}

Sender::~Sender() { Stop(); }

void Sender::Start() { worker_->Start(); }

void Sender::Stop() {
  state_->stopping.store(true);
  worker_->Stop();
}

bool Sender::running() const { return worker_->running(); }

asio::awaitable<Result<size_t>> Sender::Pass() { co_return co_await state_->Pass(); }

uint64_t Sender::sent() const { return state_->sent.load(); }
uint64_t Sender::retried() const { return state_->retried.load(); }
uint64_t Sender::dead() const { return state_->dead.load(); }
const std::string& Sender::consumer() const { return state_->options.consumer; }

}  // namespace lapor::outbox
