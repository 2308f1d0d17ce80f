#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "dialog/engine.hpp"

namespace lapor::admin {

// A proposed dialog, checked by the loader and the engine as at start, against the texts in
// force: reachable nodes, no dangling transition, every template in every language, screens
// that fit. `engine` is set when `problems` is empty; each problem names its JSON path.
struct DialogCheck {
  std::shared_ptr<const dialog::Engine> engine;
  std::vector<std::string> problems;
};
DialogCheck CheckDialog(const dialog::Engine& live, const nlohmann::json& doc);

// One screen of a dry run: what was typed and what the citizen would see.
struct DryRunStep {
  std::string input;
  std::string screen;
  bool end = false;
};

// Plays `inputs` through `engine` as one citizen's conversation on `channel` (USSD: a dial, then
// each input; SMS: each input as a message), all in memory: nothing is stored or sent, and a
// report filed shows the number 00000000. Stops after the conversation ends.
std::vector<DryRunStep> DryRun(const dialog::Engine& engine, dialog::Channel channel,
                               const std::vector<std::string>& inputs, TimeMs now);
nlohmann::json DryRunJson(const std::vector<DryRunStep>& steps);

}  // namespace lapor::admin
