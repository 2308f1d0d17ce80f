#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <future>
#include <memory>
#include <type_traits>

namespace lapor::test {

// Starts `awaitable` on `io` (run by other threads); its result comes in the future. Works for
// results that are not default-constructible (Result<T>), unlike asio::use_future.
template <typename T>
std::future<T> Spawn(boost::asio::io_context& io, boost::asio::awaitable<T> awaitable) {
  auto promise = std::make_shared<std::promise<T>>();
  std::future<T> future = promise->get_future();
  boost::asio::co_spawn(
      io,
      [promise, awaitable = std::move(awaitable)]() mutable -> boost::asio::awaitable<void> {
        if constexpr (std::is_void_v<T>) {
          co_await std::move(awaitable);
          promise->set_value();
        } else {
          promise->set_value(co_await std::move(awaitable));
        }
      },
      [promise](std::exception_ptr error) {
        if (error) {
          promise->set_exception(error);
        }
      });
  return future;
}

// Runs `awaitable` on `io` and waits here for its result.
template <typename T>
T RunSync(boost::asio::io_context& io, boost::asio::awaitable<T> awaitable) {
  return Spawn(io, std::move(awaitable)).get();
}

}  // namespace lapor::test
