#include "store/redis_events.hpp"

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <memory>

namespace lapor::store {
namespace {

namespace asio = boost::asio;

// hiredis <-> Asio adapter. Like hiredis's adapters/libevent.h it fills the ev hooks of one
// redisAsyncContext and knows nothing of commands or of RedisClient. hiredis calls every hook on
// the connection's serial executor (all hiredis calls for a context are made there) and every
// wait completes on it, so nothing here needs a lock.
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
  // Attaches `context` to `executor`. On failure the context is left untouched.
  static boost::system::error_code Attach(redisAsyncContext* context,
                                          const asio::any_io_executor& executor) {
    auto events = std::make_shared<AsioRedisEvents>(context, executor);
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

  AsioRedisEvents(redisAsyncContext* context, const asio::any_io_executor& executor)
      : context_(context), descriptor_(executor) {}

 private:
  static AsioRedisEvents* From(void* privdata) { return static_cast<AsioRedisEvents*>(privdata); }

  static void AddRead(void* privdata) {
    AsioRedisEvents* events = From(privdata);
    events->want_read_ = true;
    events->WaitRead();
  }
  static void DelRead(void* privdata) { From(privdata)->want_read_ = false; }
  // Once connected, the socket is nearly always writable: the first attempt is a write at the end
  // of this turn of the loop (one write for every command appended in the turn, from any step on
  // this thread), not a wait for writability, which costs an epoll_ctl and a turn of epoll_wait.
  // Only what that write leaves over waits for the socket. While connecting, writability is how
  // hiredis learns the connect finished, so that wait is kept.
  static void AddWrite(void* privdata) {
    AsioRedisEvents* events = From(privdata);
    events->want_write_ = true;
    if (events->flushing_ || (events->context_->c.flags & REDIS_CONNECTED) == 0) {
      events->WaitWrite();
    } else {
      events->FlushSoon();
    }
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

  void FlushSoon() {
    if (flush_posted_ || write_waiting_) {
      return;
    }
    flush_posted_ = true;
    asio::post(descriptor_.get_executor(), [self = shared_from_this()] { self->Flush(); });
  }

  void Flush() {
    flush_posted_ = false;
    if (context_ == nullptr || !want_write_) {
      return;
    }
    want_write_ = false;
    flushing_ = true;  // a write that leaves bytes over re-adds the write: that one waits
    redisAsyncHandleWrite(context_);
    flushing_ = false;
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
  bool flush_posted_ = false;
  bool flushing_ = false;
  std::shared_ptr<AsioRedisEvents> self_;
};

}  // namespace

boost::system::error_code AttachAsioEvents(redisAsyncContext* context,
                                           const asio::any_io_executor& executor) {
  return AsioRedisEvents::Attach(context, executor);
}

}  // namespace lapor::store
