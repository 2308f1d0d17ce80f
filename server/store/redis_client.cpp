#include "store/redis_client.hpp"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>
#include <openssl/evp.h>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cassert>
#include <chrono>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <utility>

#include "common/log.hpp"

namespace lapor::store {

namespace asio = boost::asio;
using Strand = asio::strand<asio::io_context::executor_type>;
using PipelineResult = Result<std::vector<RedisReply>>;
using PipelineHandler = asio::any_completion_handler<void(PipelineResult)>;
using std::chrono::milliseconds;

namespace {

// -------------------------------------------------------------------------------------------------
// hiredis <-> Asio adapter. Like hiredis's adapters/libevent.h it fills the ev hooks of one
// redisAsyncContext and knows nothing of commands or of RedisClient. hiredis calls every hook on
// the strand (all hiredis calls for a context are made there) and every wait completes on the
// strand, so nothing here needs a lock.
//
// A wait is one-shot, like a libevent event without EV_PERSIST: hiredis re-adds the read after
// every read and the write until its buffer is empty. Asio cannot cancel one direction of a
// stream_descriptor, so del* only clears the wish and a wait that fires unwished is ignored.
//
// hiredis owns the socket: redisFree() closes the fd right after calling `cleanup`, so cleanup
// releases the descriptor (cancelling its waits) instead of closing it. Waits still queued then
// keep the adapter alive through shared_from_this() and find context_ == nullptr.
class AsioRedisEvents : public std::enable_shared_from_this<AsioRedisEvents> {
 public:
  // Attaches `context` to `strand`. On failure the context is left untouched.
  static boost::system::error_code Attach(redisAsyncContext* context, const Strand& strand) {
    auto events = std::make_shared<AsioRedisEvents>(context, strand);
    boost::system::error_code ec;
    events->descriptor_.assign(context->c.fd, ec);
    if (ec) {
      return ec;
    }
    events->self_ = events;  // hiredis's ev.data owns the adapter until cleanup
    context->ev.data = events.get();
    context->ev.addRead = &AddRead;
    context->ev.delRead = &DelRead;
    context->ev.addWrite = &AddWrite;
    context->ev.delWrite = &DelWrite;
    context->ev.cleanup = &Cleanup;
    return {};
  }

  AsioRedisEvents(redisAsyncContext* context, const Strand& strand)
      : context_(context), descriptor_(strand) {}

 private:
  static AsioRedisEvents* From(void* privdata) { return static_cast<AsioRedisEvents*>(privdata); }

  static void AddRead(void* privdata) {
    AsioRedisEvents* events = From(privdata);
    events->want_read_ = true;
    events->WaitRead();
  }
  static void DelRead(void* privdata) { From(privdata)->want_read_ = false; }
  static void AddWrite(void* privdata) {
    AsioRedisEvents* events = From(privdata);
    events->want_write_ = true;
    events->WaitWrite();
  }
  static void DelWrite(void* privdata) { From(privdata)->want_write_ = false; }

  // Called by hiredis while it frees the context; the fd is closed right after.
  static void Cleanup(void* privdata) {
    AsioRedisEvents* events = From(privdata);
    std::shared_ptr<AsioRedisEvents> keep = std::move(events->self_);
    redisAsyncContext* context = events->context_;
    // Unhook, so a second cleanup or a late add* from hiredis cannot reach a freed adapter.
    context->ev.data = nullptr;
    context->ev.addRead = nullptr;
    context->ev.delRead = nullptr;
    context->ev.addWrite = nullptr;
    context->ev.delWrite = nullptr;
    context->ev.cleanup = nullptr;
    events->context_ = nullptr;
    events->want_read_ = false;
    events->want_write_ = false;
    events->descriptor_.release();  // cancels the waits; hiredis closes the fd
  }

  void WaitRead() {
    if (read_waiting_) {
      return;
    }
    read_waiting_ = true;
    descriptor_.async_wait(
        asio::posix::stream_descriptor::wait_read,
        [self = shared_from_this()](const boost::system::error_code& ec) { self->OnReadable(ec); });
  }

  void WaitWrite() {
    if (write_waiting_) {
      return;
    }
    write_waiting_ = true;
    descriptor_.async_wait(
        asio::posix::stream_descriptor::wait_write,
        [self = shared_from_this()](const boost::system::error_code& ec) { self->OnWritable(ec); });
  }

  // Any error other than a cancel is handed to hiredis, whose read or write then finds it.
  void OnReadable(const boost::system::error_code& ec) {
    read_waiting_ = false;
    if (ec == asio::error::operation_aborted || context_ == nullptr || !want_read_) {
      return;
    }
    want_read_ = false;
    redisAsyncHandleRead(context_);  // may free the context; `this` lives on through `self`
  }

  void OnWritable(const boost::system::error_code& ec) {
    write_waiting_ = false;
    if (ec == asio::error::operation_aborted || context_ == nullptr || !want_write_) {
      return;
    }
    want_write_ = false;
    redisAsyncHandleWrite(context_);
  }

  redisAsyncContext* context_;  // nullptr once hiredis has let go of it
  asio::posix::stream_descriptor descriptor_;
  bool want_read_ = false;
  bool want_write_ = false;
  bool read_waiting_ = false;
  bool write_waiting_ = false;
  std::shared_ptr<AsioRedisEvents> self_;
};

// -------------------------------------------------------------------------------------------------

RedisReply ToRedisReply(const redisReply& reply) {
  RedisReply out;
  switch (reply.type) {
    case REDIS_REPLY_STRING:
      out.type = RedisReply::Type::kString;
      out.str.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = RedisReply::Type::kStatus;
      out.str.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_ERROR:
      out.type = RedisReply::Type::kError;
      out.str.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = RedisReply::Type::kInteger;
      out.integer = reply.integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::Type::kArray;
      out.elements.reserve(reply.elements);
      for (size_t i = 0; i < reply.elements; ++i) {
        out.elements.push_back(ToRedisReply(*reply.element[i]));
      }
      break;
    case REDIS_REPLY_NIL:
    default:
      out.type = RedisReply::Type::kNil;
      break;
  }
  return out;
}

// NOSCRIPT at the top level or inside an EXEC reply.
bool HasNoScript(const std::vector<RedisReply>& replies) {
  for (const RedisReply& reply : replies) {
    if (reply.is_error_kind("NOSCRIPT") || HasNoScript(reply.elements)) {
      return true;
    }
  }
  return false;
}

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

// Resumes the caller on its own executor, never inline on a connection strand.
void PostResult(const asio::any_io_executor& executor, PipelineHandler handler,
                PipelineResult result) {
  asio::post(executor, [handler = std::move(handler), result = std::move(result)]() mutable {
    std::move(handler)(std::move(result));
  });
}

Error Unavailable(std::string message) { return Error{Errc::kUnavailable, std::move(message)}; }

// One Pipeline() call. Created on the caller's thread, then touched only on the strand of the
// connection it was given to; `done` makes the first of reply, timeout and disconnect win.
struct PipelineOp {
  // The handler is moved in here and never move-assigned: Boost 1.81's
  // any_completion_handler::operator=(&&) copies `other` as an lvalue, which wraps the handler
  // in itself without end (fixed in later Boost).
  PipelineOp(std::vector<std::vector<std::string>> commands, PipelineHandler handler,
             asio::any_io_executor handler_executor)
      : commands(std::move(commands)),
        handler(std::move(handler)),
        handler_executor(std::move(handler_executor)) {}

  std::vector<std::vector<std::string>> commands;
  PipelineHandler handler;
  asio::any_io_executor handler_executor;  // tracks outstanding work until completion
  std::optional<asio::steady_timer> timer;
  std::vector<RedisReply> replies;
  size_t received = 0;
  int round = 0;         // 1, then 2 if resent after NOSCRIPT
  uint64_t attempt = 0;  // the connection attempt the commands went out on
  bool done = false;

  void Complete(PipelineResult result) {
    assert(!done);
    done = true;
    if (timer) {
      timer->cancel();
    }
    asio::any_io_executor executor = std::move(handler_executor);
    PostResult(executor, std::move(handler), std::move(result));
  }
};

// hiredis's privdata for one command of a PipelineOp; freed by the reply callback, which hiredis
// calls exactly once (with a null reply when the context is freed first).
struct ReplySlot {
  std::shared_ptr<PipelineOp> op;
  size_t index;
  int round;
};

// hiredis's privdata for one command sent while connecting.
struct HandshakeStep {
  uint64_t attempt;
  std::string what;           // "AUTH", "SELECT", "SCRIPT LOAD file_case", "PING"
  std::string expected_sha1;  // for SCRIPT LOAD
};

}  // namespace

// -------------------------------------------------------------------------------------------------

struct RedisClient::Shared {
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

// One hiredis context and everything about it. Every member below `strand_` is touched only on
// `strand_`; `up_` is also read by other threads.
//
// hiredis frees a context by itself when the connect fails (after onConnect with REDIS_ERR) or
// the connection breaks (after onDisconnect); we free it only from our own handlers, never from
// inside a hiredis callback (there hiredis still uses the context after we return). Either way
// context_ is cleared first, so a callback seeing ac != context_ knows the context is going.
class RedisClient::Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::io_context& io, std::shared_ptr<Shared> shared, int index)
      : shared_(std::move(shared)),
        index_(index),
        options_(shared_->options),
        endpoint_(options_.host + ":" + std::to_string(options_.port)),
        strand_(asio::make_strand(io)),
        connect_timer_(strand_),
        reconnect_timer_(strand_),
        resolver_(strand_) {}

  // Only reached with a live context if the io_context was torn down before Stop() ran.
  ~Connection() { CloseContext("Redis client stopped"); }

  void Start() {
    asio::post(strand_, [self = shared_from_this()] { self->Connect(); });
  }
  void Stop() {
    asio::post(strand_, [self = shared_from_this()] { self->Shutdown(); });
  }
  void Submit(std::shared_ptr<PipelineOp> op) {
    asio::post(strand_, [self = shared_from_this(), op = std::move(op)]() mutable {
      self->Send(std::move(op));
    });
  }
  bool up() const { return up_.load(std::memory_order_acquire); }

 private:
  enum class State { kIdle, kConnecting, kUp, kWaiting, kStopped };

  static Connection* From(const redisAsyncContext* context) {
    return static_cast<Connection*>(context->data);
  }

  void Connect() {
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

  void Dial(const std::string& address) {
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
    if (boost::system::error_code ec = AsioRedisEvents::Attach(context, strand_); ec) {
      redisAsyncFree(context);
      Fail("Redis " + endpoint_ + ": cannot watch the socket: " + ec.message());
      return;
    }
    context->data = this;
    context_ = context;
    redisAsyncSetConnectCallback(context, &OnConnectThunk);  // waits for writable
    redisAsyncSetDisconnectCallback(context, &OnDisconnectThunk);
  }

  static void OnConnectThunk(const redisAsyncContext* context, int status) {
    From(context)->OnConnect(context, status);
  }
  static void OnDisconnectThunk(const redisAsyncContext* context, int status) {
    From(context)->OnDisconnect(context, status);
  }
  static void OnHandshakeReplyThunk(redisAsyncContext* context, void* reply, void* privdata) {
    std::unique_ptr<HandshakeStep> step(static_cast<HandshakeStep*>(privdata));
    From(context)->OnHandshakeReply(static_cast<redisReply*>(reply), *step);
  }
  static void OnReplyThunk(redisAsyncContext* context, void* reply, void* privdata) {
    std::unique_ptr<ReplySlot> slot(static_cast<ReplySlot*>(privdata));
    From(context)->OnReply(context, static_cast<redisReply*>(reply), *slot);
  }

  // hiredis 0.14 calls onConnect before copying the error to ac->errstr: read c.errstr.
  void OnConnect(const redisAsyncContext* context, int status) {
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

  void OnDisconnect(const redisAsyncContext* context, int /*status*/) {
    if (context != context_) {
      return;  // we freed it ourselves
    }
    context_ = nullptr;  // hiredis frees it when we return
    std::string why = context->c.err != 0 ? context->c.errstr : "closed";
    Fail("Redis " + endpoint_ + ": connection lost: " + why);
  }

  // The connection counts as up once every step has answered without an error. PING comes last,
  // so even with nothing else to send a hung Redis (accepting TCP in the kernel, never reading)
  // does not count as up.
  void SendHandshake() {
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

  void OnHandshakeReply(const redisReply* reply, const HandshakeStep& step) {
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

  void MarkUp() {
    state_ = State::kUp;
    connect_timer_.cancel();
    shared_->RecordUp();
    logged_failure_.clear();
    up_.store(true, std::memory_order_release);
    log::Info("redis_connected", {{"endpoint", endpoint_}, {"connection", index_}});
  }

  // Fail() from a fresh strand handler: called where hiredis is still using the context.
  void FailSoon(uint64_t attempt, std::string why) {
    asio::post(strand_, [self = shared_from_this(), attempt, why = std::move(why)] {
      if (attempt == self->attempt_ &&
          (self->state_ == State::kConnecting || self->state_ == State::kUp)) {
        self->Fail(why);
      }
    });
  }

  // Drops the connection, if any, and dials again after reconnect_delay_ms. Never called from
  // inside a hiredis callback while context_ is set.
  void Fail(const std::string& why) {
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

  void Shutdown() {
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

  // Frees the context. hiredis first calls every pending reply callback with a null reply,
  // which completes the calls waiting on it with kUnavailable and `why` (shown to callers).
  void CloseContext(const std::string& why) {
    if (context_ == nullptr) {
      return;
    }
    redisAsyncContext* context = context_;
    context_ = nullptr;
    close_reason_ = why;
    redisAsyncFree(context);
  }

  void Send(std::shared_ptr<PipelineOp> op) {
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

  // All commands go to hiredis in this one strand handler, so they leave in one write.
  void Write(const std::shared_ptr<PipelineOp>& op) {
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

  void OnReply(redisAsyncContext* context, const redisReply* reply, const ReplySlot& slot) {
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

  // Replies arrive in order, so every later call on this connection is stuck behind this one:
  // drop the connection (they fail at once) and dial again.
  void OnTimeout(PipelineOp& op) {
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

  const std::shared_ptr<Shared> shared_;
  const int index_;
  const RedisOptions& options_;
  const std::string endpoint_;  // "host:port", for last_error() and logs
  std::atomic<bool> up_{false};

  Strand strand_;
  asio::steady_timer connect_timer_;
  asio::steady_timer reconnect_timer_;
  asio::ip::tcp::resolver resolver_;
  State state_ = State::kIdle;
  uint64_t attempt_ = 0;  // one per Connect(); bumped again when that attempt ends
  redisAsyncContext* context_ = nullptr;
  size_t handshake_pending_ = 0;
  std::string close_reason_;    // what calls pending on a context we free are told
  std::string logged_failure_;  // the last failure logged, so a long outage logs once
};

// -------------------------------------------------------------------------------------------------

LuaScript LuaScript::FromSource(std::string name, std::string source) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(source.data(), source.size(), digest, &length, EVP_sha1(), nullptr) != 1) {
    throw std::runtime_error("SHA-1 of Lua script " + name + " failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string sha1;
  sha1.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    sha1.push_back(kHex[digest[i] >> 4]);
    sha1.push_back(kHex[digest[i] & 0xf]);
  }
  return LuaScript{std::move(name), std::move(source), std::move(sha1)};
}

RedisClient::RedisClient(asio::io_context& io, RedisOptions options)
    : io_(io), shared_(std::make_shared<Shared>()) {
  if (options.connections < 1 || options.connect_timeout_ms < 1 || options.command_timeout_ms < 1 ||
      options.reconnect_delay_ms < 0 || options.port < 1 || options.port > 65535 ||
      options.db < 0 || options.host.empty()) {
    throw std::invalid_argument(
        "redis options: need host, port 1..65535, db >= 0, connections >= 1, timeouts >= 1 ms");
  }
  shared_->options = std::move(options);
  for (int i = 0; i < shared_->options.connections; ++i) {
    connections_.push_back(std::make_shared<Connection>(io_, shared_, i));
  }
}

RedisClient::~RedisClient() { Stop(); }

void RedisClient::RegisterScript(LuaScript script) {
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

asio::awaitable<PipelineResult> RedisClient::Pipeline(
    std::vector<std::vector<std::string>> commands) {
  auto initiate = [this](auto handler, std::vector<std::vector<std::string>> commands) {
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
    // Round-robin, preferring a connection that is up; with none up, answer at once.
    const size_t count = connections_.size();
    const size_t first = next_connection_.fetch_add(1, std::memory_order_relaxed) % count;
    for (size_t i = 0; i < count; ++i) {
      const std::shared_ptr<Connection>& connection = connections_[(first + i) % count];
      if (connection->up()) {
        connection->Submit(std::make_shared<PipelineOp>(
            std::move(commands), PipelineHandler(std::move(handler)), std::move(executor)));
        return;
      }
    }
    PostResult(executor, std::move(handler), Unavailable("Redis is not connected"));
  };
  co_return co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(PipelineResult)>(
      std::move(initiate), asio::use_awaitable, std::move(commands));
}

asio::awaitable<Result<RedisReply>> RedisClient::Command(std::vector<std::string> args) {
  std::vector<std::vector<std::string>> commands;
  commands.push_back(std::move(args));
  PipelineResult replies = co_await Pipeline(std::move(commands));
  if (!replies.ok()) {
    co_return replies.error();
  }
  co_return std::move(replies.value().front());
}

std::vector<std::string> RedisClient::EvalSha(const LuaScript& script,
                                              std::vector<std::string> keys,
                                              std::vector<std::string> args) {
  std::vector<std::string> command;
  command.reserve(3 + keys.size() + args.size());
  command.push_back("EVALSHA");
  command.push_back(script.sha1);
  command.push_back(std::to_string(keys.size()));
  for (std::string& key : keys) {
    command.push_back(std::move(key));
  }
  for (std::string& arg : args) {
    command.push_back(std::move(arg));
  }
  return command;
}

bool RedisClient::connected() const {
  for (const auto& connection : connections_) {
    if (connection->up()) {
      return true;
    }
  }
  return false;
}

std::string RedisClient::last_error() const {
  std::lock_guard lock(shared_->mutex);
  return shared_->last_error;
}

uint64_t RedisClient::error_count() const {
  return shared_->errors.load(std::memory_order_relaxed);
}

}  // namespace lapor::store
