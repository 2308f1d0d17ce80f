#pragma once

#include <iosfwd>
#include <string>

#include "app/config.hpp"

namespace lapor::app {

struct SimulateOptions {
  std::string phone;  // E.164
  bool ussd = false;
};

// The CLI `simulate`: a terminal chat through the same Conversation the webhooks use (real
// engine, real Redis), reading what the citizen types from `in` and writing the replies to `out`.
// A simulated report is never a real case and never texts anyone: every key goes under a scratch
// prefix of its own (config.redis.prefix + "simulate-<random>:"), no web listener, scheduler or
// sender runs, and it says so; at the end its scratch keys are removed. Returns the exit code.
int Simulate(Config config, const SimulateOptions& options, std::istream& in, std::ostream& out,
             std::ostream& err);

// The config simulate runs with: `config` under `scratch_prefix`, every role off.
Config ScratchConfig(Config config, const std::string& scratch_prefix);

}  // namespace lapor::app
