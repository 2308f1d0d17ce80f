#include <gtest/gtest.h>

#include <csignal>

int main(int argc, char** argv) {
  // Tests kill servers and close sockets under the server's feet; a write to a closed socket
  // must come back as an error, not end the test binary.
  std::signal(SIGPIPE, SIG_IGN);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
