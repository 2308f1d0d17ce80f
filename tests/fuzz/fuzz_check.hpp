#pragma once

#include <cstdio>
#include <cstdlib>

namespace lapor::fuzz {

// An invariant that stays on in every build mode (unlike assert): a broken one aborts, and
// libFuzzer keeps the input that did it.
inline void Check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

}  // namespace lapor::fuzz
