#include "store/redis_connection.hpp"

#include <hiredis/hiredis.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <cassert>
#include <chrono>

#include "common/log.hpp"
#include "store/redis_events.hpp"

namespace lapor::store {

namespace asio = boost::asio;
using std::chrono::milliseconds;

namespace {

// Appends one command to the context's output buffer; hiredis writes it when the socket is
// writable. Binary-safe.
int AppendCommand(redisAsyncContext* context, redisCallbackFn* callback, void* privdata,
                  const std::vector<std::string>& args) {
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  argv.reserve(args.size());
  lengths.reserve(args.size());
  for (const std::string& arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  return redisAsyncCommandArgv(context, callback, privdata, static_cast<int>(args.size()),
                               argv.data(), lengths.data());
}

Error Unavailable(std::string message) { return Error{Errc::kUnavailable, std::move(message)}; }

}  // namespace

// Resumes the caller on its own executor, never inline on a connection strand.
void PostResult(const asio::any_io_executor& executor, PipelineHandler handler,
                PipelineResult result) {
  asio::post(executor, [handler = std::move(handler), result = std::move(result)]() mutable {
    std::move(handler)(std::move(result));
  });
}

void PipelineOp::Complete(PipelineResult result) {
  assert(!done);
  done = true;
  if (timer) {
    timer->cancel();
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

// hiredis's privdata for one command sent while connecting.
struct RedisConnection::HandshakeStep {
  uint64_t attempt;
  std::string what;           // "AUTH", "SELECT", "SCRIPT LOAD file_case", "PING"
  std::string expected_sha1;  // for SCRIPT LOAD
};

RedisConnection::RedisConnection(asio::io_context& io, std::shared_ptr<ConnectionShared> shared,
                                 int index)
    : shared_(std::move(shared)),
      index_(index),
      options_(shared_->options),
      endpoint_(options_.host + ":" + std::to_string(options_.port)),
      strand_(asio::make_strand(io)),
      connect_timer_(strand_),
      reconnect_timer_(strand_),
      resolver_(strand_) {}

// Only reached with a live context if the io_context was torn down before Stop() ran.
RedisConnection::~RedisConnection() { CloseContext("Redis client stopped"); }

void RedisConnection::Start() {
  asio::post(strand_, [self = shared_from_this()] { self->Connect(); });
}

void RedisConnection::Stop() {
  asio::post(strand_, [self = shared_from_this()] { self->Shutdown(); });
}

void RedisConnection::Submit(std::shared_ptr<PipelineOp> op) {
  asio::post(strand_, [self = shared_from_this(), op = std::move(op)]() mutable {
    self->Send(std::move(op));
  });
}

RedisConnection* RedisConnection::From(const redisAsyncContext* context) {
  return static_cast<RedisConnection*>(context->data);
}

void RedisConnection::Connect() {
  if (state_ == State::kStopped) {
    return;
  }
  state_ = State::kConnecting;
  const uint64_t attempt = ++attempt_;
  connect_timer_.expires_after(milliseconds(options_.connect_timeout_ms));
  connect_timer_.async_wait(
      [self = shared_from_this(), attempt](const boost::system::error_code& ec) {
        if (ec || attempt != self->attempt_ || self->state_ != State::kConnecting) {
          return;
        }
        self->Fail("Redis " + self->endpoint_ + ": connect timed out after " +
                   std::to_string(self->options_.connect_timeout_ms) + " ms");
      });

  boost::system::error_code ec;
  asio::ip::make_address(options_.host, ec);
  if (!ec) {
    Dial(options_.host);
    return;
  }
  // getaddrinfo() blocks, so a host name is resolved on Asio's resolver thread.
  resolver_.async_resolve(
      options_.host, std::to_string(options_.port),
      [self = shared_from_this(), attempt](const boost::system::error_code& ec,
                                           const asio::ip::tcp::resolver::results_type& results) {
        if (attempt != self->attempt_ || self->state_ != State::kConnecting) {
          return;
        }
        if (ec || results.empty()) {
          self->Fail("Redis " + self->endpoint_ +
                     ": cannot resolve host: " + (ec ? ec.message() : std::string("no address")));
          return;
        }
        self->Dial(results.begin()->endpoint().address().to_string());
      });
}

void RedisConnection::Dial(const std::string& address) {
  redisAsyncContext* context = redisAsyncConnect(address.c_str(), options_.port);
  if (context == nullptr) {
    Fail("Redis " + endpoint_ + ": out of memory");
    return;
  }
  if (context->err != 0) {
    std::string why = context->c.errstr;
    redisAsyncFree(context);
    Fail("Redis " + endpoint_ + ": connect failed: " + why);
    return;
  }
  if (boost::system::error_code ec = AttachAsioEvents(context, strand_); ec) {
    redisAsyncFree(context);
    Fail("Redis " + endpoint_ + ": cannot watch the socket: " + ec.message());
    return;
  }
  context->data = this;
  context_ = context;
  redisAsyncSetConnectCallback(context, &OnConnectThunk);  // waits for writable
  redisAsyncSetDisconnectCallback(context, &OnDisconnectThunk);
}

void RedisConnection::OnConnectThunk(const redisAsyncContext* context, int status) {
  From(context)->OnConnect(context, status);
}

void RedisConnection::OnDisconnectThunk(const redisAsyncContext* context, int status) {
  From(context)->OnDisconnect(context, status);
}

void RedisConnection::OnHandshakeReplyThunk(redisAsyncContext* context, void* reply,
                                            void* privdata) {
  std::unique_ptr<HandshakeStep> step(static_cast<HandshakeStep*>(privdata));
  From(context)->OnHandshakeReply(static_cast<redisReply*>(reply), *step);
}

void RedisConnection::OnReplyThunk(redisAsyncContext* context, void* reply, void* privdata) {
  std::unique_ptr<ReplySlot> slot(static_cast<ReplySlot*>(privdata));
  From(context)->OnReply(context, static_cast<redisReply*>(reply), *slot);
}

void RedisConnection::OnConnect(const redisAsyncContext* context, int status) {
  if (context != context_) {
    return;
  }
  if (status != REDIS_OK) {
    context_ = nullptr;  // hiredis frees it when we return
    Fail("Redis " + endpoint_ + ": connect failed: " + context->c.errstr);
    return;
  }
  SendHandshake();
}

void RedisConnection::OnDisconnect(const redisAsyncContext* context, int /*status*/) {
  if (context != context_) {
    return;  // we freed it ourselves
  }
  context_ = nullptr;  // hiredis frees it when we return
  std::string why = context->c.err != 0 ? context->c.errstr : "closed";
  Fail("Redis " + endpoint_ + ": connection lost: " + why);
}

void RedisConnection::SendHandshake() {
  std::vector<std::pair<HandshakeStep, std::vector<std::string>>> steps;
  if (!options_.password.empty()) {
    std::vector<std::string> auth = {"AUTH"};
    if (!options_.user.empty()) {
      auth.push_back(options_.user);
    }
    auth.push_back(options_.password);
    steps.push_back({HandshakeStep{attempt_, "AUTH", ""}, std::move(auth)});
  }
  if (options_.db != 0) {
    steps.push_back(
        {HandshakeStep{attempt_, "SELECT", ""}, {"SELECT", std::to_string(options_.db)}});
  }
  for (const LuaScript& script : shared_->scripts) {
    steps.push_back({HandshakeStep{attempt_, "SCRIPT LOAD " + script.name, script.sha1},
                     {"SCRIPT", "LOAD", script.source}});
  }
  steps.push_back({HandshakeStep{attempt_, "PING", ""}, {"PING"}});

  handshake_pending_ = steps.size();
  for (auto& [step, args] : steps) {
    auto privdata = std::make_unique<HandshakeStep>(std::move(step));
    if (AppendCommand(context_, &OnHandshakeReplyThunk, privdata.get(), args) != REDIS_OK) {
      FailSoon(attempt_, "Redis " + endpoint_ + ": cannot send " + privdata->what + ": " +
                             context_->c.errstr);
      return;
    }
    privdata.release();
  }
}

void RedisConnection::OnHandshakeReply(const redisReply* reply, const HandshakeStep& step) {
  if (reply == nullptr || step.attempt != attempt_ || state_ != State::kConnecting) {
    return;  // the context is going, or this attempt already failed
  }
  if (reply->type == REDIS_REPLY_ERROR) {
    FailSoon(attempt_, "Redis " + endpoint_ + ": " + step.what +
                           " failed: " + std::string(reply->str, reply->len));
    return;
  }
  if (!step.expected_sha1.empty() &&
      (reply->type != REDIS_REPLY_STRING ||
       std::string_view(reply->str, reply->len) != step.expected_sha1)) {
    FailSoon(attempt_, "Redis " + endpoint_ + ": " + step.what +
                           " returned a SHA-1 other than the one computed here");
    return;
  }
  if (--handshake_pending_ == 0) {
    MarkUp();
  }
}

void RedisConnection::MarkUp() {
  state_ = State::kUp;
  connect_timer_.cancel();
  shared_->RecordUp();
  logged_failure_.clear();
  up_.store(true, std::memory_order_release);
  log::Info("redis_connected", {{"endpoint", endpoint_}, {"connection", index_}});
}

void RedisConnection::FailSoon(uint64_t attempt, std::string why) {
  asio::post(strand_, [self = shared_from_this(), attempt, why = std::move(why)] {
    if (attempt == self->attempt_ &&
        (self->state_ == State::kConnecting || self->state_ == State::kUp)) {
      self->Fail(why);
    }
  });
}

void RedisConnection::Fail(const std::string& why) {
  up_.store(false, std::memory_order_release);
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
  resolver_.cancel();
  CloseContext("Redis client stopped");
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
  op->attempt = attempt_;
  op->timer.emplace(strand_, milliseconds(options_.command_timeout_ms));
  op->timer->async_wait([self = shared_from_this(), op](const boost::system::error_code& ec) {
    if (!ec) {
      self->OnTimeout(*op);
    }
  });
  Write(op);
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

void RedisConnection::OnReply(redisAsyncContext* context, const redisReply* reply,
                              const ReplySlot& slot) {
  PipelineOp& op = *slot.op;
  if (op.done || slot.round != op.round) {
    return;  // timed out, failed, or a reply of the round before a NOSCRIPT resend
  }
  if (reply == nullptr || context != context_) {
    op.Complete(Unavailable(context == context_ ? "Redis connection lost" : close_reason_));
    return;
  }
  op.replies[slot.index] = ToRedisReply(*reply);
  if (++op.received < op.replies.size()) {
    return;
  }
  if (op.round == 1 && !shared_->scripts.empty() && HasNoScript(op.replies)) {
    // Redis lost its scripts (SCRIPT FLUSH, or a restart we have not noticed yet). Load them
    // and send the pipeline again, in one write. Appending from a reply callback is allowed.
    log::Warn("redis_noscript_reload", {{"endpoint", endpoint_}, {"connection", index_}});
    for (const LuaScript& script : shared_->scripts) {
      AppendCommand(context_, nullptr, nullptr, {"SCRIPT", "LOAD", script.source});
    }
    Write(slot.op);
    return;
  }
  op.Complete(std::move(op.replies));
}

void RedisConnection::OnTimeout(PipelineOp& op) {
  if (op.done) {
    return;
  }
  op.Complete(Error{Errc::kTimeout, "Redis did not answer within " +
                                        std::to_string(options_.command_timeout_ms) + " ms"});
  if (op.attempt == attempt_ && state_ == State::kUp) {
    Fail("Redis " + endpoint_ + ": no answer within " +
         std::to_string(options_.command_timeout_ms) + " ms; connection dropped");
  } else {
    shared_->errors.fetch_add(1, std::memory_order_relaxed);
  }
}

}  // namespace lapor::store
