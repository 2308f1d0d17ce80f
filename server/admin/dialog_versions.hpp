#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dialog/engine_shelf.hpp"

namespace lapor::admin {

// A stored dialog version as written.
struct DialogDoc {
  int64_t version = 0;
  nlohmann::json dialog;
};

// The engines an instance puts in force: the active one (null when it could not be built) and
// the shelf of the versions recently active, every one speaking the texts `base` speaks.
struct EnginesInForce {
  std::shared_ptr<const dialog::Engine> active;
  dialog::EngineShelf shelf;
  std::vector<std::string> problems;  // versions that did not build, by JSON path
};

// Builds the engine of every version in `recent` and of `active` on `base` (the shipped dialog,
// version 0, speaking the texts in force). A version that no longer builds (texts changed since
// it was checked) is left out and its problems listed.
EnginesInForce BuildEngines(const std::shared_ptr<const dialog::Engine>& base, int64_t active,
                            const std::vector<DialogDoc>& recent);

}  // namespace lapor::admin
