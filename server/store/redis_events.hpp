#pragma once

#include <hiredis/async.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/system/error_code.hpp>

namespace lapor::store {

// Drives one hiredis async context from Boost.Asio, as hiredis's adapters/libevent.h does from
// libevent: fills the context's ev hooks so its socket's reads and writes run on `strand`. Every
// hiredis call for the context must then be made on `strand` too. On failure (the socket cannot
// be watched) the context is left untouched.
boost::system::error_code AttachAsioEvents(
    redisAsyncContext* context,
    const boost::asio::strand<boost::asio::io_context::executor_type>& strand);

}  // namespace lapor::store
