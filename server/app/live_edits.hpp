#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <memory>

#include "admin/token_book.hpp"
#include "common/live.hpp"
#include "dialog/engine.hpp"
#include "dialog/engine_shelf.hpp"
#include "metrics/registry.hpp"
#include "store/dialog_version_store.hpp"
#include "store/template_store.hpp"
#include "store/token_store.hpp"
#include "worker/worker.hpp"

namespace lapor::app {

// What officials change at run time, followed on this instance: template edits, the active
// dialog version and tokens. A supervised loop reads the three version counters every `poll`
// (three GETs); when one moved it loads that part and puts it in force. So an edit, an activation
// or a revocation made through any instance is in force on every instance within `poll` plus a
// round trip — well within the second the APIs promise — with no pub/sub connection to keep. A
// step or a request in flight keeps the engine or tokens it started with (Live); a session keeps
// the dialog version it started on (the shelf).
struct LiveEditsParts {
  store::TemplateStore& templates;
  store::TokenStore& tokens;
  store::DialogVersionStore& dialogs;
  Live<dialog::Engine>& engine;      // the active dialog version: new sessions
  Live<dialog::EngineShelf>& shelf;  // the versions recently active: sessions in flight
  std::shared_ptr<const dialog::Engine> shipped;
  Live<admin::TokenBook>& book;
  const admin::TokenSet& file;
  std::chrono::milliseconds poll{200};
};

class LiveEdits {
 public:
  LiveEdits(boost::asio::io_context& io, LiveEditsParts parts, metrics::Registry& registry);

  void Start() { worker_.Start(); }
  void Stop() { worker_.Stop(); }
  bool running() const { return worker_.running(); }
  // Both parts were read from Redis at least once.
  bool loaded() const { return loaded_.load(); }

 private:
  boost::asio::awaitable<void> Loop(worker::WorkerContext& ctx);
  // One pass: reads the versions, reloads what moved. False when Redis could not be read.
  boost::asio::awaitable<bool> Refresh();
  boost::asio::awaitable<bool> RefreshTemplates();
  boost::asio::awaitable<bool> RefreshTokens();
  // The active dialog version and those recently active, each speaking the texts in force;
  // rebuilt when either the active version or the texts moved.
  boost::asio::awaitable<bool> RefreshDialogs();

  LiveEditsParts p_;
  int64_t template_version_ = -1;  // in force here; -1: never read
  int64_t token_version_ = -1;
  int64_t dialog_version_ = -1;                 // active here; -1: never read
  std::shared_ptr<const dialog::Engine> base_;  // the shipped dialog speaking the texts in force
  bool rebuild_ = false;                        // the texts moved since the engines were built
  std::atomic<bool> loaded_{false};
  worker::Worker worker_;
};

}  // namespace lapor::app
