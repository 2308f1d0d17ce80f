#include "app/live_edits.hpp"

#include "admin/template_edits.hpp"
#include "common/log.hpp"
#include "routes/token_routes.hpp"

namespace lapor::app {

LiveEdits::LiveEdits(boost::asio::io_context& io, LiveEditsParts parts, metrics::Registry& registry)
    : p_(std::move(parts)),
      worker_(
          io, "live_edits", [this](worker::WorkerContext& ctx) { return Loop(ctx); }, registry) {}

boost::asio::awaitable<void> LiveEdits::Loop(worker::WorkerContext& ctx) {
  // (The result goes to a local first: GCC 12 mishandles a co_await inside an if condition.)
  do {
    const bool refreshed = co_await Refresh();
    if (refreshed) {
      loaded_ = true;
    }
  } while (co_await ctx.Sleep(p_.poll));
}

boost::asio::awaitable<bool> LiveEdits::Refresh() {
  bool templates = co_await RefreshTemplates();
  bool tokens = co_await RefreshTokens();
  co_return templates&& tokens;
}

boost::asio::awaitable<bool> LiveEdits::RefreshTemplates() {
  auto version = co_await p_.templates.Version();
  if (!version) {
    co_return false;
  }
  if (*version == template_version_) {
    co_return true;
  }
  auto stored = co_await p_.templates.Load();
  if (!stored) {
    co_return false;
  }
  auto engine = admin::EngineWith(*p_.shipped, stored->texts);
  if (!engine) {
    // Every save was checked; this is a set saved by another build (new keys, a longer
    // dialog). Keep what is in force and say why, once per version.
    log::Error("templates_not_applied",
               {{"version", stored->version}, {"problems", engine.error().message}});
  } else {
    p_.engine.Set(std::move(*engine));
    if (template_version_ >= 0) {
      log::Info("templates_reloaded", {{"version", stored->version}});
    }
  }
  template_version_ = stored->version;
  co_return true;
}

boost::asio::awaitable<bool> LiveEdits::RefreshTokens() {
  auto version = co_await p_.tokens.Version();
  if (!version) {
    co_return false;
  }
  if (*version == token_version_) {
    co_return true;
  }
  auto book = co_await routes::LoadBook(p_.tokens, p_.file);
  if (!book) {
    co_return false;
  }
  p_.book.Set(std::move(*book));
  // The version read before the load: a change between the two is seen on the next pass.
  token_version_ = *version;
  co_return true;
}

}  // namespace lapor::app
