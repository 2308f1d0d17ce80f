#include "app/web_shard.hpp"

namespace lapor::app {

WebShard::WebShard(const StackShared& shared, store::RedisOptions redis, const RouterInputs& inputs)
    : redis_(io_, std::move(redis), RunBy::kOneThread),
      stack_(redis_, shared),
      router_(shared.metrics) {
  inputs.fill(router_, stack_);
  http::Handler serve = inputs.serve(router_);
  // Counted on the shard's own thread: only it writes, so the count costs no contention.
  server_ = std::make_unique<http::Server>(
      io_, inputs.limits,
      [this, serve = std::move(serve)](http::Request& req, const http::Peer& peer) {
        requests_.store(requests_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
        return serve(req, peer);
      },
      inputs.connections, RunBy::kOneThread);
}

WebShard::~WebShard() { Stop(); }

void WebShard::Start() {
  work_.emplace(io_.get_executor());
  thread_ = std::thread([this] { io_.run(); });
  redis_.Start();
}

Result<Ok> WebShard::Listen(const std::string& address, uint16_t port, http::PortSharing sharing) {
  return server_->Listen(address, port, sharing);
}

void WebShard::Stop() {
  if (!thread_.joinable()) {
    return;
  }
  server_->Stop();
  redis_.Stop();
  work_.reset();
  thread_.join();
}

}  // namespace lapor::app
