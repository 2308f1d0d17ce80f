#pragma once

#include <atomic>
#include <memory>
#include <utility>

namespace lapor {

// A value that is replaced while readers use it: a reader takes the current version and keeps
// it for as long as it needs (a step, a request), so a replacement never changes anything
// under it. Get and Set are thread-safe. std::atomic<std::shared_ptr> takes a short internal
// lock in libstdc++, far cheaper than the Redis round trip of the step that reads it.
template <typename T>
class Live {
 public:
  explicit Live(std::shared_ptr<const T> value) : value_(std::move(value)) {}

  std::shared_ptr<const T> Get() const { return value_.load(); }
  void Set(std::shared_ptr<const T> value) { value_.store(std::move(value)); }

 private:
  std::atomic<std::shared_ptr<const T>> value_;
};

}  // namespace lapor
