#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>

namespace lapor::store {

// How often a write that lost its compare-and-set (the session or the case changed between read
// and write) is redone on fresh state before the caller gives up: enough for any realistic burst
// on one conversation or one case, each try a fresh read of the winner's state.
inline constexpr int kCompareAndSetAttempts = 8;

// The one retry policy for versioned writes: runs `attempt` (a callable returning
// awaitable<std::optional<T>>, nullopt when its write lost the compare-and-set) until it gives a
// value, at most kCompareAndSetAttempts times. nullopt when every try lost.
template <typename T, typename Attempt>
boost::asio::awaitable<std::optional<T>> RedoWhileConflicting(Attempt attempt) {
  for (int i = 0; i < kCompareAndSetAttempts; ++i) {
    std::optional<T> done = co_await attempt();
    if (done) {
      co_return done;
    }
  }
  co_return std::nullopt;
}

}  // namespace lapor::store
