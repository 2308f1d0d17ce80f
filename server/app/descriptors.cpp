#include "app/descriptors.hpp"

#include <sys/resource.h>

#include <algorithm>

namespace lapor::app {

size_t RaiseOpenFileLimit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
    return 1024;
  }
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) {
      limit = raised;
    }
  }
  return limit.rlim_cur == RLIM_INFINITY ? static_cast<size_t>(1) << 20
                                         : static_cast<size_t>(limit.rlim_cur);
}

size_t ConnectionCap(size_t wanted, size_t open_file_limit) {
  const size_t room = open_file_limit > kReservedDescriptors * 2
                          ? open_file_limit - kReservedDescriptors
                          : open_file_limit / 2;
  return std::max<size_t>(1, std::min(wanted, room));
}

}  // namespace lapor::app
