#include "store/redis_client.hpp"

#include <algorithm>
#include <boost/asio/async_result.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cassert>
#include <stdexcept>
#include <thread>
#include <utility>

#include "store/redis_connection.hpp"

namespace lapor::store {

namespace asio = boost::asio;

RedisClient::RedisClient(asio::io_context& io, RedisOptions options, RunBy run_by)
    : io_(io), shared_(std::make_shared<ConnectionShared>()) {
  if (options.connections < 1 || options.connect_timeout_ms < 1 || options.command_timeout_ms < 1 ||
      options.reconnect_delay_ms < 0 || options.port < 1 || options.port > 65535 ||
      options.db < 0 || options.host.empty()) {
    throw std::invalid_argument(
        "redis options: need host, port 1..65535, db >= 0, connections >= 1, timeouts >= 1 ms");
  }
  shared_->options = std::move(options);
  for (int i = 0; i < shared_->options.connections; ++i) {
    connections_.push_back(std::make_shared<RedisConnection>(io_, shared_, i, run_by));
  }
}

RedisClient::~RedisClient() { Stop(); }

void RedisClient::RegisterScript(LuaScript script) {
  // A second store over the same client registers the same scripts: already loaded on connect.
  const auto& known = shared_->scripts;
  if (std::any_of(known.begin(), known.end(),
                  [&](const LuaScript& s) { return s.sha1 == script.sha1; })) {
    return;
  }
  assert(!started_ && "RegisterScript() after Start()");
  shared_->scripts.push_back(std::move(script));
}

void RedisClient::Start() {
  if (started_) {
    return;
  }
  started_ = true;
  for (const auto& connection : connections_) {
    connection->Start();
  }
}

void RedisClient::Stop() {
  for (const auto& connection : connections_) {
    connection->Stop();
  }
}

asio::awaitable<PipelineResult> RedisClient::Pipeline(std::vector<RedisCommand> commands) {
  auto initiate = [this](auto handler, std::vector<RedisCommand> commands) {
    asio::any_io_executor executor =
        asio::prefer(asio::get_associated_executor(handler, io_.get_executor()),
                     asio::execution::outstanding_work.tracked);
    if (commands.empty()) {
      PostResult(executor, std::move(handler), std::vector<RedisReply>{});
      return;
    }
    for (const auto& command : commands) {
      if (command.empty()) {
        PostResult(executor, std::move(handler),
                   Error{Errc::kInternal, "a Redis command with no arguments"});
        return;
      }
    }
    // The connection up with the fewest commands waiting, round-robin among equals: a call
    // does not queue behind a big pipeline (the scheduler writing a thousand cases) while
    // another connection is idle. With none up, answer at once.
    const size_t count = connections_.size();
    const size_t first =
        count == 1 ? 0 : next_connection_.fetch_add(1, std::memory_order_relaxed) % count;
    RedisConnection* chosen = nullptr;
    for (size_t i = 0; i < count; ++i) {
      RedisConnection* connection = connections_[(first + i) % count].get();
      if (connection->up() &&
          (chosen == nullptr || connection->unanswered() < chosen->unanswered())) {
        chosen = connection;
      }
    }
    if (chosen == nullptr) {
      PostResult(executor, std::move(handler),
                 Unavailable("no Redis connection is up (disconnected or not answering)"));
      return;
    }
    chosen->Submit(std::make_shared<PipelineOp>(
        std::move(commands), PipelineHandler(std::move(handler)), std::move(executor)));
  };
  const std::thread::id caller = std::this_thread::get_id();
  PipelineResult result =
      co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(PipelineResult)>(
          std::move(initiate), asio::use_awaitable, std::move(commands));
  if (std::this_thread::get_id() != caller) {
    thread_hops_.fetch_add(1, std::memory_order_relaxed);
  }
  co_return result;
}

asio::awaitable<Result<RedisReply>> RedisClient::Command(RedisCommand command) {
  std::vector<RedisCommand> commands;
  commands.push_back(std::move(command));
  PipelineResult replies = co_await Pipeline(std::move(commands));
  if (!replies.ok()) {
    co_return replies.error();
  }
  co_return std::move(replies.value().front());
}

bool RedisClient::connected() const {
  return std::any_of(connections_.begin(), connections_.end(),
                     [](const auto& connection) { return connection->up(); });
}

bool RedisClient::all_connected() const {
  return std::all_of(connections_.begin(), connections_.end(),
                     [](const auto& connection) { return connection->up(); });
}

std::string RedisClient::last_error() const {
  std::lock_guard lock(shared_->mutex);
  return shared_->last_error;
}

uint64_t RedisClient::error_count() const {
  return shared_->errors.load(std::memory_order_relaxed);
}

}  // namespace lapor::store
