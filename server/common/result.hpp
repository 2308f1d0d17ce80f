#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace lapor {

// Expected failures at run time. Each maps to one HTTP status in http/status.cpp.
enum class Errc {
  kBadRequest,        // the client sent something we cannot use (400)
  kUnauthorized,      // missing or wrong credentials (401)
  kForbidden,         // credentials fine, not allowed (403)
  kNotFound,          // (404)
  kMethodNotAllowed,  // (405)
  kConflict,          // a compare-and-set lost; the caller may retry (409)
  kPayloadTooLarge,   // (413)
  kUnsupportedMedia,  // (415)
  kUnprocessable,     // well-formed but invalid (422)
  kTooManyRequests,   // over a limit; try again later (429)
  kUnavailable,       // a dependency (Redis) is down or slow (503)
  kTimeout,           // a dependency did not answer in time (503)
  kInternal,          // a bug or an unexpected reply (500)
};

struct Error {
  Errc code;
  std::string message;  // safe to show the client: never holds secrets or phone numbers
};

// A value or an Error. A small stand-in for std::expected, which C++20 lacks.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

// For operations that succeed with nothing to say.
struct Ok {};

}  // namespace lapor
