#include "io/serial_executor.hpp"

#include <boost/asio/strand.hpp>

namespace lapor {

boost::asio::any_io_executor SerialExecutor(boost::asio::io_context& io, RunBy run_by) {
  if (run_by == RunBy::kOneThread) {
    return io.get_executor();
  }
  return boost::asio::make_strand(io);
}

}  // namespace lapor
