#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <memory>

namespace lapor::test {

// Runs `awaitable` on `io` (run by other threads) and waits here for its result. Works for
// results that are not default-constructible (Result<T>), unlike asio::use_future.
template <typename T>
T RunSync(boost::asio::io_context& io, boost::asio::awaitable<T> awaitable) {
  auto promise = std::make_shared<std::promise<T>>();
  std::future<T> future = promise->get_future();
  boost::asio::co_spawn(
      io,
      [promise, awaitable = std::move(awaitable)]() mutable -> boost::asio::awaitable<void> {
        promise->set_value(co_await std::move(awaitable));
      },
      [promise](std::exception_ptr error) {
        if (error) {
          promise->set_exception(error);
        }
      });
  return future.get();
}

}  // namespace lapor::test
