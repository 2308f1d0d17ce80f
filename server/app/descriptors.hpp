#pragma once

#include <cstddef>

namespace lapor::app {

// Raises this process's soft limit on open files to its hard limit (the usual soft limit, 1024,
// is far below what the listener may hold) and returns the limit now in force.
size_t RaiseOpenFileLimit();

// File descriptors kept free of HTTP connections: Redis connections, outbound sends, the
// listener, logs and what the libraries open.
inline constexpr size_t kReservedDescriptors = 128;

// The most HTTP connections to accept under `open_file_limit`: `wanted`, or less so that
// kReservedDescriptors stay free.
size_t ConnectionCap(size_t wanted, size_t open_file_limit);

}  // namespace lapor::app
