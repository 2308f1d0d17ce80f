#include "store/redis_connection.hpp"

#include <hiredis/hiredis.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <cassert>
#include <chrono>

#include "common/log.hpp"
#include "store/redis_events.hpp"
#include "store/redis_reply_reader.hpp"

namespace lapor::store {

namespace asio = boost::asio;
using std::chrono::milliseconds;

int AppendCommand(redisAsyncContext* context, redisCallbackFn* callback, void* privdata,
                  const RedisCommand& command) {
  // Already in the wire format: hiredis copies it into its output buffer as it is.
  const std::string_view resp = command.Resp();
  return redisAsyncFormattedCommand(context, callback, privdata, resp.data(), resp.size());
}

// Resumes the caller on its own executor, never inline in a connection's handler.
void PostResult(const asio::any_io_executor& executor, PipelineHandler handler,
                PipelineResult result) {
  asio::post(executor, [handler = std::move(handler), result = std::move(result)]() mutable {
    std::move(handler)(std::move(result));
  });
}

void PipelineOp::Complete(PipelineResult result) {
  assert(!done);
  done = true;
  if (unanswered != nullptr) {
    unanswered->fetch_sub(commands.size(), std::memory_order_relaxed);
  }
  asio::any_io_executor executor = std::move(handler_executor);
  PostResult(executor, std::move(handler), std::move(result));
}

// hiredis's privdata for one command of a PipelineOp; freed by the reply callback, which hiredis
// calls exactly once (with a null reply when the context is freed first).
struct RedisConnection::ReplySlot {
  std::shared_ptr<PipelineOp> op;
  size_t index;
  int round;
};

RedisConnection::RedisConnection(asio::io_context& io, std::shared_ptr<ConnectionShared> shared,
                                 int index, RunBy run_by)
    : shared_(std::move(shared)),
      index_(index),
      options_(shared_->options),
      endpoint_(options_.host + ":" + std::to_string(options_.port)),
      executor_(SerialExecutor(io, run_by)),
      connect_timer_(executor_),
      reconnect_timer_(executor_),
      stall_timer_(executor_),
      deadline_timer_(executor_),
      resolver_(executor_) {}

// Only reached with a live context if the io_context was torn down before Stop() ran.
RedisConnection::~RedisConnection() { CloseContext("Redis client stopped"); }

void RedisConnection::Start() {
  asio::post(executor_, [self = shared_from_this()] { self->Connect(); });
}

void RedisConnection::Stop() {
  asio::post(executor_, [self = shared_from_this()] { self->Shutdown(); });
}

// Dispatched, not posted: a step on the connection's own thread (a web shard's) hands its
// commands to hiredis at once instead of through one more turn of the scheduler. Nothing runs
// inline in return: Send completes through PostResult and writes at the end of the turn.
void RedisConnection::Submit(std::shared_ptr<PipelineOp> op) {
  unanswered_.fetch_add(op->commands.size(), std::memory_order_relaxed);
  op->unanswered = &unanswered_;
  asio::dispatch(executor_, [self = shared_from_this(), op = std::move(op)]() mutable {
    self->Send(std::move(op));
  });
}

RedisConnection* RedisConnection::From(const redisAsyncContext* context) {
  return static_cast<RedisConnection*>(context->data);
}

void RedisConnection::OnConnectThunk(const redisAsyncContext* context, int status) {
  From(context)->OnConnect(context, status);
}

void RedisConnection::OnDisconnectThunk(const redisAsyncContext* context, int status) {
  From(context)->OnDisconnect(context, status);
}

void RedisConnection::OnReplyThunk(redisAsyncContext* context, void* reply, void* privdata) {
  std::unique_ptr<ReplySlot> slot(static_cast<ReplySlot*>(privdata));
  From(context)->OnReply(context, reply == nullptr ? nullptr : &ReadReply(reply), *slot);
}

void RedisConnection::FailSoon(uint64_t attempt, std::string why) {
  asio::post(executor_, [self = shared_from_this(), attempt, why = std::move(why)] {
    if (attempt == self->attempt_ &&
        (self->state_ == State::kConnecting || self->state_ == State::kUp)) {
      self->Fail(why);
    }
  });
}

void RedisConnection::Fail(const std::string& why) {
  up_.store(false, std::memory_order_release);
  stalled_ = false;
  stall_timer_.cancel();
  ++attempt_;  // stale timers and replies of the failed attempt are ignored from here on
  connect_timer_.cancel();
  resolver_.cancel();
  CloseContext("Redis connection lost");
  shared_->RecordFailure(why);
  if (why != logged_failure_) {
    log::Warn("redis_connection_failed",
              {{"endpoint", endpoint_}, {"connection", index_}, {"error", why}});
    logged_failure_ = why;
  }
  if (state_ == State::kStopped) {
    return;
  }
  state_ = State::kWaiting;
  reconnect_timer_.expires_after(milliseconds(options_.reconnect_delay_ms));
  reconnect_timer_.async_wait(
      [self = shared_from_this(), attempt = attempt_](const boost::system::error_code& ec) {
        if (ec || attempt != self->attempt_ || self->state_ != State::kWaiting) {
          return;
        }
        self->Connect();
      });
}

void RedisConnection::Shutdown() {
  if (state_ == State::kStopped) {
    return;
  }
  state_ = State::kStopped;
  up_.store(false, std::memory_order_release);
  ++attempt_;
  connect_timer_.cancel();
  reconnect_timer_.cancel();
  stall_timer_.cancel();
  deadline_timer_.cancel();
  resolver_.cancel();
  CloseContext("Redis client stopped");
  in_flight_.clear();  // CloseContext completed them
}

void RedisConnection::CloseContext(const std::string& why) {
  if (context_ == nullptr) {
    return;
  }
  redisAsyncContext* context = context_;
  context_ = nullptr;
  close_reason_ = why;
  redisAsyncFree(context);
}

void RedisConnection::Send(std::shared_ptr<PipelineOp> op) {
  if (state_ != State::kUp || context_ == nullptr) {
    op->Complete(Unavailable("Redis is not connected"));
    return;
  }
  if (stalled_) {
    op->Complete(Unavailable("Redis is not answering"));
    return;
  }
  op->attempt = attempt_;
  op->deadline = std::chrono::steady_clock::now() + milliseconds(options_.command_timeout_ms);
  in_flight_.push_back(op);
  WatchDeadlines();
  Write(op);
}

void RedisConnection::DropFinished() {
  while (!in_flight_.empty() && in_flight_.front()->done) {
    in_flight_.pop_front();
  }
}

void RedisConnection::WatchDeadlines() {
  DropFinished();
  if (deadline_armed_ || in_flight_.empty() || state_ == State::kStopped) {
    return;
  }
  deadline_armed_ = true;
  deadline_timer_.expires_at(in_flight_.front()->deadline);
  deadline_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    self->deadline_armed_ = false;
    if (!ec) {
      self->OnDeadline();
    }
  });
}

void RedisConnection::OnDeadline() {
  const auto now = std::chrono::steady_clock::now();
  DropFinished();
  while (!in_flight_.empty() && in_flight_.front()->deadline <= now) {
    const std::shared_ptr<PipelineOp> op = std::move(in_flight_.front());
    in_flight_.pop_front();
    OnTimeout(*op);
  }
  WatchDeadlines();
}

void RedisConnection::Write(const std::shared_ptr<PipelineOp>& op) {
  ++op->round;
  op->received = 0;
  op->replies.assign(op->commands.size(), RedisReply{});
  for (size_t i = 0; i < op->commands.size(); ++i) {
    auto slot = std::make_unique<ReplySlot>(ReplySlot{op, i, op->round});
    if (AppendCommand(context_, &OnReplyThunk, slot.get(), op->commands[i]) != REDIS_OK) {
      // Commands already appended still get their replies; the op ignores them.
      op->Complete(Unavailable("Redis connection is closing"));
      return;
    }
    slot.release();
  }
}

void RedisConnection::OnReply(redisAsyncContext* context, RedisReply* reply,
                              const ReplySlot& slot) {
  if (reply != nullptr && context == context_) {
    Heard();
  }
  PipelineOp& op = *slot.op;
  if (op.done || slot.round != op.round) {
    return;  // timed out, failed, or a reply of the round before a NOSCRIPT resend
  }
  if (reply == nullptr || context != context_) {
    op.Complete(Unavailable(context == context_ ? "Redis connection lost" : close_reason_));
    return;
  }
  op.replies[slot.index] = std::move(*reply);  // hiredis frees what is left of it
  if (++op.received < op.replies.size()) {
    return;
  }
  if (op.round == 1 && !shared_->scripts.empty() && HasNoScript(op.replies)) {
    // Redis lost its scripts (SCRIPT FLUSH, or a restart we have not noticed yet). Load them
    // and send the pipeline again, in one write. Appending from a reply callback is allowed.
    log::Warn("redis_noscript_reload", {{"endpoint", endpoint_}, {"connection", index_}});
    for (const LuaScript& script : shared_->scripts) {
      AppendCommand(context_, nullptr, nullptr, RedisCommand{"SCRIPT", "LOAD", script.source});
    }
    Write(slot.op);
    return;
  }
  op.Complete(std::move(op.replies));
  DropFinished();  // replies come in order: the call just finished is usually the oldest
}

void RedisConnection::OnTimeout(PipelineOp& op) {
  if (op.done) {
    return;
  }
  op.Complete(Error{Errc::kTimeout, "Redis did not answer within " +
                                        std::to_string(options_.command_timeout_ms) + " ms"});
  shared_->errors.fetch_add(1, std::memory_order_relaxed);
  if (op.attempt != attempt_ || state_ != State::kUp || stalled_) {
    return;
  }
  // One slow reply fails only its own call: the connection stays, and the calls behind it get
  // their replies when they come. Only a connection that has heard nothing for a whole timeout
  // stops taking calls (stalled: callers hear "unavailable" at once), and one silent for
  // DeadAfter() is dropped and dialled again.
  const auto silent = std::chrono::steady_clock::now() - last_heard_;
  if (silent < milliseconds(options_.command_timeout_ms)) {
    return;
  }
  stalled_ = true;
  up_.store(false, std::memory_order_release);
  shared_->RecordFailure("Redis " + endpoint_ + ": no answer within " +
                         std::to_string(options_.command_timeout_ms) + " ms");
  log::Warn("redis_stalled", {{"endpoint", endpoint_}, {"connection", index_}});
  stall_timer_.expires_after(DeadAfter() - std::chrono::duration_cast<milliseconds>(silent));
  stall_timer_.async_wait(
      [self = shared_from_this(), attempt = attempt_](const boost::system::error_code& ec) {
        if (!ec && attempt == self->attempt_ && self->stalled_) {
          self->Fail("Redis " + self->endpoint_ + ": no answer for " +
                     std::to_string(self->DeadAfter().count()) + " ms; connection dropped");
        }
      });
}

void RedisConnection::Heard() {
  last_heard_ = std::chrono::steady_clock::now();
  if (!stalled_) {
    return;
  }
  stalled_ = false;
  stall_timer_.cancel();
  shared_->RecordUp();
  up_.store(true, std::memory_order_release);
  log::Info("redis_recovered", {{"endpoint", endpoint_}, {"connection", index_}});
}

milliseconds RedisConnection::DeadAfter() const {
  return std::max(milliseconds(3 * options_.command_timeout_ms), milliseconds(2000));
}

}  // namespace lapor::store
