#pragma once

#include <hiredis/async.h>

#include <atomic>
#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "io/serial_executor.hpp"
#include "store/lua_script.hpp"
#include "store/redis_command.hpp"
#include "store/redis_reply.hpp"
#include "store/redis_url.hpp"

// One hiredis connection of RedisClient (redis_client.hpp), and what a call on it carries. Only
// RedisClient uses this.
namespace lapor::store {

using PipelineResult = Result<std::vector<RedisReply>>;
using PipelineHandler = boost::asio::any_completion_handler<void(PipelineResult)>;

// What a call hears when Redis cannot take it (503 at the edge).
inline Error Unavailable(std::string message) {
  return Error{Errc::kUnavailable, std::move(message)};
}

// Appends one command to the context's output buffer; hiredis writes it when the socket is
// writable. REDIS_OK or REDIS_ERR, as hiredis says.
int AppendCommand(redisAsyncContext* context, redisCallbackFn* callback, void* privdata,
                  const RedisCommand& command);

// Resumes the caller on its own executor, never inline in a connection's handler.
void PostResult(const boost::asio::any_io_executor& executor, PipelineHandler handler,
                PipelineResult result);

// One Pipeline() call. Created on the caller's thread, then touched only on the executor of the
// connection it was given to; `done` makes the first of reply, timeout and disconnect win.
struct PipelineOp {
  // The handler is moved in here and never move-assigned: Boost 1.81's
  // any_completion_handler::operator=(&&) copies `other` as an lvalue, which wraps the handler
  // in itself without end (fixed in later Boost).
  PipelineOp(std::vector<RedisCommand> commands, PipelineHandler handler,
             boost::asio::any_io_executor handler_executor)
      : commands(std::move(commands)),
        handler(std::move(handler)),
        handler_executor(std::move(handler_executor)) {}

  std::vector<RedisCommand> commands;
  PipelineHandler handler;
  boost::asio::any_io_executor handler_executor;   // tracks outstanding work until completion
  std::chrono::steady_clock::time_point deadline;  // set by Send
  std::vector<RedisReply> replies;
  size_t received = 0;
  int round = 0;         // 1, then 2 if resent after NOSCRIPT
  uint64_t attempt = 0;  // the connection attempt the commands went out on
  bool done = false;
  // The connection's count of commands not yet answered, which this call's commands are in
  // until it completes (RedisConnection::Submit). Only the connection completes a call.
  std::atomic<size_t>* unanswered = nullptr;

  // The first outcome wins: the caller resumes on its own executor with `result`.
  void Complete(PipelineResult result);
};

// What the client's connections share: options, scripts and the state /readyz and /metrics read.
struct ConnectionShared {
  RedisOptions options;
  std::vector<LuaScript> scripts;  // not changed after Start()
  std::atomic<uint64_t> errors{0};
  mutable std::mutex mutex;
  std::string last_error;  // guarded by mutex

  void RecordFailure(const std::string& why) {
    errors.fetch_add(1, std::memory_order_relaxed);
    std::lock_guard lock(mutex);
    last_error = why;
  }
  void RecordUp() {
    std::lock_guard lock(mutex);
    last_error.clear();
  }
};

// One hiredis context and everything about it. Every member below `executor_` is touched only on
// `executor_` (a strand, or the io_context's own executor where one thread runs it: see
// io/serial_executor.hpp); `up_` is also read by other threads.
//
// hiredis frees a context by itself when the connect fails (after onConnect with REDIS_ERR) or
// the connection breaks (after onDisconnect); we free it only from our own handlers, never from
// inside a hiredis callback (there hiredis still uses the context after we return). Either way
// context_ is cleared first, so a callback seeing ac != context_ knows the context is going.
class RedisConnection : public std::enable_shared_from_this<RedisConnection> {
 public:
  RedisConnection(boost::asio::io_context& io, std::shared_ptr<ConnectionShared> shared, int index,
                  RunBy run_by);
  ~RedisConnection();

  void Start();
  void Stop();
  // Sends the call's commands on this connection, or completes it at once when it is down.
  void Submit(std::shared_ptr<PipelineOp> op);
  bool up() const { return up_.load(std::memory_order_acquire); }
  // Commands submitted and not yet answered (or failed): how far behind a new call would queue.
  size_t unanswered() const { return unanswered_.load(std::memory_order_relaxed); }

 private:
  struct ReplySlot;
  struct HandshakeStep;
  enum class State { kIdle, kConnecting, kUp, kWaiting, kStopped };

  static RedisConnection* From(const redisAsyncContext* context);
  static void OnConnectThunk(const redisAsyncContext* context, int status);
  static void OnDisconnectThunk(const redisAsyncContext* context, int status);
  static void OnHandshakeReplyThunk(redisAsyncContext* context, void* reply, void* privdata);
  static void OnReplyThunk(redisAsyncContext* context, void* reply, void* privdata);

  void Connect();
  void Dial(const std::string& address);
  // hiredis 0.14 calls onConnect before copying the error to ac->errstr: read c.errstr.
  void OnConnect(const redisAsyncContext* context, int status);
  void OnDisconnect(const redisAsyncContext* context, int status);
  // The connection counts as up once every step has answered without an error. PING comes last,
  // so even with nothing else to send a hung Redis (accepting TCP in the kernel, never reading)
  // does not count as up.
  void SendHandshake();
  void OnHandshakeReply(const RedisReply* reply, const HandshakeStep& step);
  void MarkUp();
  // Fail() from a fresh handler: called where hiredis is still using the context.
  void FailSoon(uint64_t attempt, std::string why);
  // Drops the connection, if any, and dials again after reconnect_delay_ms. Never called from
  // inside a hiredis callback while context_ is set.
  void Fail(const std::string& why);
  void Shutdown();
  // Frees the context. hiredis first calls every pending reply callback with a null reply,
  // which completes the calls waiting on it with kUnavailable and `why` (shown to callers).
  void CloseContext(const std::string& why);
  void Send(std::shared_ptr<PipelineOp> op);
  // All commands go to hiredis in this one handler, so they leave in one write.
  void Write(const std::shared_ptr<PipelineOp>& op);
  void OnReply(redisAsyncContext* context, RedisReply* reply, const ReplySlot& slot);
  // A call got no reply in time: it alone fails; a connection silent for a whole timeout stalls.
  void OnTimeout(PipelineOp& op);
  // One timer watches every call in flight, not a timer per call: calls time out in the order
  // they were sent (one timeout for all), so the timer is set for the oldest and, when it fires,
  // moved on to the next. Arming a timer that becomes the earliest of the thread costs a
  // timerfd_settime; a timer per call did that on every call.
  void WatchDeadlines();
  void OnDeadline();
  // Forgets the calls at the front of in_flight_ that have their outcome.
  void DropFinished();
  // A reply came: the connection is alive (again).
  void Heard();
  // How long a stalled connection may stay silent before it is dropped and dialled again.
  std::chrono::milliseconds DeadAfter() const;

  const std::shared_ptr<ConnectionShared> shared_;
  const int index_;
  const RedisOptions& options_;
  const std::string endpoint_;  // "host:port", for last_error() and logs
  std::atomic<bool> up_{false};
  std::atomic<size_t> unanswered_{0};

  boost::asio::any_io_executor executor_;
  boost::asio::steady_timer connect_timer_;
  boost::asio::steady_timer reconnect_timer_;
  boost::asio::steady_timer stall_timer_;
  boost::asio::steady_timer deadline_timer_;
  bool deadline_armed_ = false;
  std::deque<std::shared_ptr<PipelineOp>> in_flight_;  // in the order sent
  boost::asio::ip::tcp::resolver resolver_;
  State state_ = State::kIdle;
  uint64_t attempt_ = 0;  // one per Connect(); bumped again when that attempt ends
  redisAsyncContext* context_ = nullptr;
  size_t handshake_pending_ = 0;
  std::chrono::steady_clock::time_point last_heard_;  // the last reply of any call
  bool stalled_ = false;        // no reply for a whole command timeout: takes no calls
  std::string close_reason_;    // what calls pending on a context we free are told
  std::string logged_failure_;  // the last failure logged, so a long outage logs once
};

}  // namespace lapor::store
