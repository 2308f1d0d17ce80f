#pragma once

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "app/step_stack.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "store/redis_client.hpp"

namespace lapor::app {

// Fills a shard's router: the webhooks with the shard's own stack, the rest shared.
using RouteFiller = std::function<void(http::Router&, StepStack&)>;
// Turns a filled router into what the shard's listener serves (all of it, or only the webhooks).
using Serve = std::function<http::Handler(http::Router&)>;

// How the service wants each shard's listener built.
struct RouterInputs {
  RouteFiller fill;
  Serve serve;
  http::Limits limits;
  // Every shard's connections, counted together against the limits.
  std::shared_ptr<http::ConnectionShare> connections;
};

// One share-nothing web lane. Its io_context is run by exactly one thread, and it owns its
// listener (on the port every shard shares, SO_REUSEPORT: the kernel spreads connections over the
// shards), its Redis connections and a StepStack bound to them. A connection's coroutine, the
// Redis calls of its steps and their replies therefore all run on that one thread: a step never
// hands over to another thread, takes no lock to reach Redis, and one shard's load never delays
// another's replies. (The io_context is made with concurrency hint 1, which tells Asio so.)
// What the shards share (the engine in force, the metrics, the officials' routes) is read-only
// or thread-safe.
class WebShard {
 public:
  WebShard(const StackShared& shared, store::RedisOptions redis, const RouterInputs& inputs);
  ~WebShard();
  WebShard(const WebShard&) = delete;
  WebShard& operator=(const WebShard&) = delete;

  // Starts the thread and the Redis connections. Returns at once.
  void Start();
  // Every Redis connection is up with its scripts loaded.
  bool redis_up() const { return redis_.all_connected(); }
  // Binds address:port (see http::PortSharing).
  Result<Ok> Listen(const std::string& address, uint16_t port, http::PortSharing sharing);
  // Stops accepting; requests in flight finish (see http::Server::Stop).
  void StopListening() { server_->Stop(); }
  size_t open_connections() const { return server_->open_connections(); }
  // Closes Redis and joins the thread. Call after the requests in flight drained.
  void Stop();

  uint16_t port() const { return server_->port(); }
  // Requests this shard has answered.
  uint64_t requests() const { return requests_.load(std::memory_order_relaxed); }
  // Redis replies that resumed their step on another thread than the one that sent the command:
  // 0 by design (see above); a test holds it to that.
  uint64_t redis_thread_hops() const { return redis_.thread_hops(); }
  store::RedisClient& redis() { return redis_; }

 private:
  boost::asio::io_context io_{1};
  store::RedisClient redis_;
  StepStack stack_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::thread thread_;
  std::atomic<uint64_t> requests_{0};
};

}  // namespace lapor::app
