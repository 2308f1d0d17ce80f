#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>

namespace lapor {

// How many threads run an io_context.
enum class RunBy { kAnyThreads, kOneThread };

// The executor for the handlers of one object that must not run at the same time (a connection,
// a hiredis context): a strand of `io`; or, where exactly one thread runs `io` (a web shard),
// `io`'s own executor. There handlers cannot overlap anyway, and a strand would only add its
// queue, its lock and one more hand-off through the scheduler to every completion of a step.
boost::asio::any_io_executor SerialExecutor(boost::asio::io_context& io, RunBy run_by);

}  // namespace lapor
