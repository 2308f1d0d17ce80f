#pragma once

#include <hiredis/async.h>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>

namespace lapor::store {

// Drives one hiredis async context from Boost.Asio, as hiredis's adapters/libevent.h does from
// libevent: fills the context's ev hooks so its socket's reads and writes run on `executor`, a
// serial executor (SerialExecutor: a strand, or the executor of an io_context one thread runs).
// Every hiredis call for the context must then be made on `executor` too. On failure (the socket
// cannot be watched) the context is left untouched.
boost::system::error_code AttachAsioEvents(redisAsyncContext* context,
                                           const boost::asio::any_io_executor& executor);

}  // namespace lapor::store
