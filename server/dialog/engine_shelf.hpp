#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>

#include "dialog/engine.hpp"

namespace lapor::dialog {

// The engines of the dialog versions recently in force, by version, each speaking the texts in
// force: a session finishes on the version it started on while that version is kept here.
using EngineShelf = std::map<int64_t, std::shared_ptr<const Engine>>;

// What a step runs: the engine and the session (and USSD resume) it hands it.
struct EngineChoice {
  std::shared_ptr<const Engine> engine;
  std::optional<Session> session;
  std::optional<Session> resume;
};

// The engine of the version `session` started on, from `shelf` when it is not the one `active`
// drives; `active` for a new session. A session (or a USSD resume) whose version is no longer
// kept is dropped, so the citizen starts over on the active version rather than on a node that
// may not exist there. Pure; `active` is never null.
EngineChoice ChooseEngine(std::shared_ptr<const Engine> active, const EngineShelf* shelf,
                          std::optional<Session> session, std::optional<Session> resume);

}  // namespace lapor::dialog
