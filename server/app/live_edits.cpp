#include "app/live_edits.hpp"

#include "admin/dialog_versions.hpp"
#include "admin/template_edits.hpp"
#include "common/log.hpp"
#include "routes/token_routes.hpp"

namespace lapor::app {

LiveEdits::LiveEdits(boost::asio::io_context& io, LiveEditsParts parts, metrics::Registry& registry)
    : p_(std::move(parts)),
      base_(p_.shipped),
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
  bool dialogs = co_await RefreshDialogs();
  bool tokens = co_await RefreshTokens();
  co_return templates&& dialogs&& tokens;
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
  auto engine = admin::EngineWith(*p_.shipped, *p_.shipped, stored->texts);
  if (!engine) {
    // Every save was checked; this is a set saved by another build (new keys, a longer
    // dialog). Keep what is in force and say why, once per version.
    log::Error("templates_not_applied",
               {{"version", stored->version}, {"problems", engine.error().message}});
  } else {
    // RefreshDialogs puts every dialog version in force speaking these texts.
    base_ = std::move(*engine);
    rebuild_ = true;
    if (template_version_ >= 0) {
      log::Info("templates_reloaded", {{"version", stored->version}});
    }
  }
  template_version_ = stored->version;
  co_return true;
}

boost::asio::awaitable<bool> LiveEdits::RefreshDialogs() {
  auto active = co_await p_.dialogs.Active();
  if (!active) {
    co_return false;
  }
  if (*active == dialog_version_ && !rebuild_) {
    co_return true;
  }
  auto recent = co_await p_.dialogs.Recent();
  if (!recent) {
    co_return false;
  }
  std::vector<admin::DialogDoc> docs;
  for (auto& stored : recent->dialogs) {
    docs.push_back({.version = stored.version, .dialog = std::move(stored.dialog)});
  }
  auto built = admin::BuildEngines(base_, recent->active, docs);
  if (!built.problems.empty()) {
    log::Error("dialog_versions_not_applied",
               {{"active", recent->active}, {"problems", built.problems}});
  }
  if (built.active) {
    // The shelf first: a session on the version just replaced finds it there.
    p_.shelf.Set(std::make_shared<const dialog::EngineShelf>(std::move(built.shelf)));
    p_.engine.Set(std::move(built.active));
    if (dialog_version_ >= 0 && dialog_version_ != recent->active) {
      log::Info("dialog_activated", {{"version", recent->active}});
    }
  }
  dialog_version_ = recent->active;
  rebuild_ = false;
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
