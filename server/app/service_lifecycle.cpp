// Service's lifecycle: start only when able to serve, stop by draining.
#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <future>

#include "app/descriptors.hpp"
#include "app/service.hpp"
#include "common/log.hpp"

namespace lapor::app {
namespace {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

// Polls `done` until it holds or `deadline` passes. True when it held.
bool WaitUntil(const std::function<bool()>& done, SteadyClock::time_point deadline) {
  while (!done()) {
    if (SteadyClock::now() >= deadline) {
      return false;
    }
    std::this_thread::sleep_for(milliseconds(5));
  }
  return true;
}

}  // namespace

Result<Ok> Service::Start() {
  stopped_ = false;
  draining_ = false;
  work_.emplace(io_.get_executor());
  background_ = std::thread([this] { io_.run(); });
  redis_->Start();
  redis_bulk_->Start();
  for (auto& shard : shards_) {
    shard->Start();
  }
  // Serve only when able: a request accepted before Redis is up could only be answered "busy",
  // so the listener opens once every connection is up with its scripts loaded (officials' scans
  // and every shard's included), or once the connect timeout is over (then /readyz says why it
  // is not ready).
  const bool redis_up = WaitUntil(
      [this] {
        return redis_->all_connected() && redis_bulk_->all_connected() &&
               std::all_of(shards_.begin(), shards_.end(),
                           [](const auto& shard) { return shard->redis_up(); });
      },
      SteadyClock::now() + milliseconds(config_.redis.connect_timeout_ms));
  // Serve the officials' edits from the first request: wait (as long as for Redis) for them.
  live_edits_->Start();
  if (redis_up) {
    WaitUntil([this] { return live_edits_->loaded(); },
              SteadyClock::now() + milliseconds(config_.redis.connect_timeout_ms));
  }
  if (!shards_.empty()) {
    // The first shard binds (port 0: any free one), the others share the port it got.
    const bool alone = shards_.size() == 1;
    auto listening =
        shards_.front()->Listen(config_.http.address, config_.http.port,
                                alone ? http::PortSharing::kAlone : http::PortSharing::kFirst);
    for (size_t i = 1; listening && i < shards_.size(); ++i) {
      listening = shards_[i]->Listen(config_.http.address, shards_.front()->port(),
                                     http::PortSharing::kJoin);
    }
    if (listening && admin_http_) {
      listening = admin_http_->Listen(config_.http.admin_address, config_.http.admin_port);
    }
    if (!listening) {
      Stop();
      return listening.error();
    }
  }
  if (scheduler_) {
    scheduler_->Start();
  }
  if (sender_) {
    sender_->Start();
  }
  log::Info("started", {{"address", config_.http.address},
                        {"port", port()},
                        {"admin_port", admin_port()},
                        {"web_threads", shards_.size()},
                        {"redis_up", redis_up},
                        {"web", !shards_.empty()},
                        {"scheduler", scheduler_ != nullptr},
                        {"sender", sender_ != nullptr},
                        {"config", config_.path}});
  return Ok{};
}

void Service::Stop() {
  if (stopped_) {
    return;
  }
  stopped_ = true;
  // Drain: /readyz says 503 from now; no new connection is accepted; requests in flight and the
  // loops' passes finish (bounded by drain_timeout_ms); Redis goes last, so what was begun is
  // written and answered.
  draining_ = true;
  const auto deadline = SteadyClock::now() + milliseconds(config_.http.limits.drain_timeout_ms);
  for (auto& shard : shards_) {
    shard->StopListening();
  }
  if (admin_http_) {
    admin_http_->Stop();
  }
  auto open = [this] { return open_connections(); };
  if (!WaitUntil([&] { return open() == 0; }, deadline)) {
    log::Warn("drain_timed_out", {{"open_connections", open()}});
  }
  if (scheduler_) {
    scheduler_->Stop();
  }
  if (sender_) {
    sender_->Stop();
  }
  live_edits_->Stop();
  WaitUntil(
      [this] {
        return (!scheduler_ || !scheduler_->running()) && (!sender_ || !sender_->running()) &&
               !live_edits_->running();
      },
      std::max(deadline, SteadyClock::now() + milliseconds(100)));
  for (auto& shard : shards_) {
    shard->Stop();
  }
  redis_->Stop();
  redis_bulk_->Stop();
  work_.reset();
  if (background_.joinable()) {
    background_.join();
  }
  log::Info("stopped");
}

void Service::RunUntilSignal() {
  boost::asio::signal_set signals(io_, SIGINT, SIGTERM);
  std::promise<int> caught;
  signals.async_wait(
      [&](const boost::system::error_code& ec, int signal) { caught.set_value(ec ? 0 : signal); });
  int signal = caught.get_future().get();
  log::Info("signal", {{"signal", signal}});
  Stop();
}

}  // namespace lapor::app
