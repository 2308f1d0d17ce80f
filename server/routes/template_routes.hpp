#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>

#include "admin/template_catalog.hpp"
#include "admin/template_edits.hpp"
#include "common/live.hpp"
#include "dialog/engine.hpp"
#include "http/router.hpp"
#include "routes/admin_auth.hpp"
#include "store/template_store.hpp"

namespace lapor::routes {

// What the templates API uses; all outlive it.
struct TemplateParts {
  store::TemplateStore& store;
  Live<dialog::Engine>& engine;                   // in force; replaced by a save
  std::shared_ptr<const dialog::Engine> shipped;  // templates/*.json, what edits go over
  const admin::TemplateCatalog& catalog;
  const Clock& clock;
  const AdminAuth& auth;
};

// The templates API, role template_editor (README "Templates"):
//
//   GET  /admin/v1/templates                        every key: texts per language, shipped texts,
//                                                   placeholders, required, used_in, screen
//   PUT  /admin/v1/templates/{key}/{lang}           {"text", "note"?} -> {"version", "preview",
//                                                   "warnings"}; 422 with every problem
//   POST /admin/v1/templates/{key}/{lang}/preview   {"text"?, "values"?} -> text, encoding,
//   segments GET  /admin/v1/templates/{key}/history          every version of the key, newest first
//   POST /admin/v1/templates/{key}/{lang}/rollback  {"version"} (0: as shipped) -> a new version
//   GET  /admin/v1/templates/export                 {"version", "templates": {lang: {key: text}}}
//   POST /admin/v1/templates/import                 the same document -> {"version", "changed"}
//
// A save is checked with the whole dialog (every screen at its worst within the limit) before it
// is stored, takes effect here at once, and on every other instance when its poll sees the new
// version (app/live_edits).
class TemplateRoutes {
 public:
  explicit TemplateRoutes(TemplateParts parts) : p_(std::move(parts)) {}
  void Register(http::Router& router);

 private:
  using Handler = boost::asio::awaitable<http::Response>;
  Handler List(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  Handler Put(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  Handler Preview(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  Handler History(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  Handler Rollback(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  Handler Export(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  Handler Import(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  // Checks `changes` over every stored edit with the whole dialog, stores them as one version
  // and puts the new engine in force. kUnprocessable with every problem.
  boost::asio::awaitable<Result<int64_t>> Save(admin::TemplateTexts changes,
                                               const cases::Actor& actor, std::string note);

  TemplateParts p_;
};

}  // namespace lapor::routes
