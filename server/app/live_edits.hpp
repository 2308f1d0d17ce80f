#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <memory>

#include "admin/token_book.hpp"
#include "common/live.hpp"
#include "dialog/engine.hpp"
#include "metrics/registry.hpp"
#include "store/template_store.hpp"
#include "store/token_store.hpp"
#include "worker/worker.hpp"

namespace lapor::app {

// What officials change at run time, followed on this instance: template edits and tokens. A
// supervised loop reads the two version counters every `poll` (two GETs); when one moved it
// loads that part and puts it in force. So an edit or a revocation made through any instance is
// in force on every instance within `poll` plus a round trip — well within the second the
// templates and tokens APIs promise — with no pub/sub connection to keep. A step or a request
// in flight keeps the engine or tokens it started with (Live).
struct LiveEditsParts {
  store::TemplateStore& templates;
  store::TokenStore& tokens;
  Live<dialog::Engine>& engine;
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

  LiveEditsParts p_;
  int64_t template_version_ = -1;  // in force here; -1: never read
  int64_t token_version_ = -1;
  std::atomic<bool> loaded_{false};
  worker::Worker worker_;
};

}  // namespace lapor::app
