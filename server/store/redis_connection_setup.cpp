// RedisConnection's way up: resolve, dial, handshake (AUTH, SELECT, SCRIPT LOAD, PING), up.
#include <hiredis/hiredis.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <chrono>

#include "common/log.hpp"
#include "store/redis_connection.hpp"
#include "store/redis_events.hpp"
#include "store/redis_reply_reader.hpp"

namespace lapor::store {

namespace asio = boost::asio;
using std::chrono::milliseconds;

// hiredis's privdata for one command sent while connecting.
struct RedisConnection::HandshakeStep {
  uint64_t attempt;
  std::string what;           // "AUTH", "SELECT", "SCRIPT LOAD file_case", "PING"
  std::string expected_sha1;  // for SCRIPT LOAD
};

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
  if (boost::system::error_code ec = AttachAsioEvents(context, executor_); ec) {
    redisAsyncFree(context);
    Fail("Redis " + endpoint_ + ": cannot watch the socket: " + ec.message());
    return;
  }
  context->data = this;
  context->c.reader->fn = RedisReplyReader();  // before it reads a byte
  context_ = context;
  redisAsyncSetConnectCallback(context, &OnConnectThunk);  // waits for writable
  redisAsyncSetDisconnectCallback(context, &OnDisconnectThunk);
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
  std::vector<std::pair<HandshakeStep, RedisCommand>> steps;
  if (!options_.password.empty()) {
    RedisCommand auth = {"AUTH"};
    if (!options_.user.empty()) {
      auth.Arg(options_.user);
    }
    auth.Arg(options_.password);
    steps.push_back({HandshakeStep{attempt_, "AUTH", ""}, std::move(auth)});
  }
  if (options_.db != 0) {
    steps.push_back({HandshakeStep{attempt_, "SELECT", ""}, {"SELECT"}});
    steps.back().second.Number(options_.db);
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

void RedisConnection::OnHandshakeReply(const RedisReply* reply, const HandshakeStep& step) {
  if (reply == nullptr || step.attempt != attempt_ || state_ != State::kConnecting) {
    return;  // the context is going, or this attempt already failed
  }
  if (reply->is_error()) {
    FailSoon(attempt_, "Redis " + endpoint_ + ": " + step.what + " failed: " + reply->str);
    return;
  }
  if (!step.expected_sha1.empty() && (!reply->is_string() || reply->str != step.expected_sha1)) {
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
  stalled_ = false;
  last_heard_ = std::chrono::steady_clock::now();
  connect_timer_.cancel();
  shared_->RecordUp();
  logged_failure_.clear();
  up_.store(true, std::memory_order_release);
  log::Info("redis_connected", {{"endpoint", endpoint_}, {"connection", index_}});
}

void RedisConnection::OnHandshakeReplyThunk(redisAsyncContext* context, void* reply,
                                            void* privdata) {
  std::unique_ptr<HandshakeStep> step(static_cast<HandshakeStep*>(privdata));
  From(context)->OnHandshakeReply(reply == nullptr ? nullptr : &ReadReply(reply), *step);
}

}  // namespace lapor::store
