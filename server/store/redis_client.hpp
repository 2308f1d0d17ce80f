#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "io/serial_executor.hpp"
#include "store/lua_script.hpp"
#include "store/redis_command.hpp"
#include "store/redis_reply.hpp"
#include "store/redis_url.hpp"

namespace lapor::store {

struct ConnectionShared;  // store/redis_connection.hpp
class RedisConnection;

// A non-blocking Redis client: hiredis's async engine driven by Boost.Asio.
//
// Threading. ONE io_context is run by N threads. Each of `options.connections` hiredis
// connections lives on its own strand, and every hiredis call for that connection (commands,
// read/write events, connect, free) happens on that strand, because a hiredis context is not
// thread-safe. Pipeline() picks the connection up with the fewest commands waiting, posts the
// commands to its strand, and completes the awaiting coroutine on the coroutine's own executor —
// never inline in the connection's handler. Built with RunBy::kOneThread (a web shard, whose
// io_context one thread runs), a connection uses the io_context's own executor instead of a
// strand (io/serial_executor.hpp).
//
// Failure. A connection that fails, is closed by Redis, or does not answer a command within
// command_timeout_ms is dropped (every call waiting on it completes with an Error) and dialled
// again after reconnect_delay_ms, forever, until Stop(). Nothing ever blocks an I/O thread: the
// connect is non-blocking, host names are resolved asynchronously, and a connection counts as
// up only after Redis answered AUTH/SELECT/SCRIPT LOAD/PING within connect_timeout_ms.
//
// Lifetime. Stop() (also run by the destructor) closes the connections on their executors; the
// io_context must keep running until it has no more work, as with any Asio object.
class RedisClient {
 public:
  // Throws std::invalid_argument for options that make no sense (connections < 1, timeouts < 1).
  // `run_by`: kOneThread only if exactly one thread runs `io`.
  RedisClient(boost::asio::io_context& io, RedisOptions options, RunBy run_by = RunBy::kAnyThreads);
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // Call before Start(). The script is loaded with SCRIPT LOAD on every (re)connect, before the
  // connection counts as up.
  void RegisterScript(LuaScript script);

  // Connects every connection; reconnects by itself, reconnect_delay_ms after a failure, until
  // Stop(). Returns at once.
  void Start();

  // Closes the connections. Calls in flight complete with kUnavailable; later calls too.
  void Stop();

  // Sends all commands in one write and returns their replies in order. A Redis error reply is a
  // RedisReply of type kError, not an Error. If a reply is NOSCRIPT, the registered scripts are
  // loaded and the whole pipeline is sent once more (so keep pipelines with EVALSHA idempotent).
  // Errors: kUnavailable at once if no connection is up or the connection is lost, kTimeout if
  // Redis does not answer within command_timeout_ms, kInternal for a command with no arguments.
  // Not for SUBSCRIBE, MONITOR, or blocking commands meant to wait longer than the timeout.
  boost::asio::awaitable<Result<std::vector<RedisReply>>> Pipeline(
      std::vector<RedisCommand> commands);

  // Pipeline() of one command.
  boost::asio::awaitable<Result<RedisReply>> Command(RedisCommand command);

  // At least one connection is up. Thread-safe.
  bool connected() const;
  // Every connection is up, its scripts loaded. Thread-safe.
  bool all_connected() const;
  // Why the latest connection went down or failed to come up; empty once one is up again.
  // Never holds the password. Thread-safe, for /readyz.
  std::string last_error() const;
  // Connection failures (refused, lost, handshake failed or timed out) plus command timeouts.
  // Thread-safe, for /metrics.
  uint64_t error_count() const;
  // Replies that resumed their caller on another thread than the one that sent the commands.
  // Where one thread runs the io_context (a web shard) this stays 0; tests hold it to that.
  uint64_t thread_hops() const { return thread_hops_.load(std::memory_order_relaxed); }

 private:
  boost::asio::io_context& io_;
  std::shared_ptr<ConnectionShared> shared_;
  std::vector<std::shared_ptr<RedisConnection>> connections_;
  std::atomic<size_t> next_connection_{0};
  std::atomic<uint64_t> thread_hops_{0};
  bool started_ = false;
};

}  // namespace lapor::store
