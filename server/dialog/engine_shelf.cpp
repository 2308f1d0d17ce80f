#include "dialog/engine_shelf.hpp"

namespace lapor::dialog {
namespace {

std::shared_ptr<const Engine> EngineOf(const std::shared_ptr<const Engine>& active,
                                       const EngineShelf* shelf, int64_t version) {
  if (version == active->dialog_version()) {
    return active;
  }
  if (shelf == nullptr) {
    return nullptr;
  }
  auto kept = shelf->find(version);
  return kept == shelf->end() ? nullptr : kept->second;
}

}  // namespace

EngineChoice ChooseEngine(std::shared_ptr<const Engine> active, const EngineShelf* shelf,
                          std::optional<Session> session, std::optional<Session> resume) {
  EngineChoice choice{.engine = active};
  if (session) {
    choice.engine = EngineOf(active, shelf, session->dialog_version);
    if (!choice.engine) {
      choice.engine = active;
      session.reset();
    }
  }
  // A dialog left unfinished is offered again only on the version it was on.
  if (resume && resume->dialog_version == choice.engine->dialog_version()) {
    choice.resume = std::move(resume);
  }
  choice.session = std::move(session);
  return choice;
}

}  // namespace lapor::dialog
