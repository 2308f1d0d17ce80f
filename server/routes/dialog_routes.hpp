#pragma once

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "common/live.hpp"
#include "dialog/engine.hpp"
#include "http/router.hpp"
#include "routes/admin_auth.hpp"
#include "store/dialog_version_store.hpp"

namespace lapor::routes {

// What the dialogs API uses; all outlive it.
struct DialogParts {
  const Live<dialog::Engine>& engine;  // in force for new sessions
  store::DialogVersionStore& versions;
  nlohmann::json shipped_doc;  // the dialog file as shipped (version 0), as written
  const Clock& clock;
  const AdminAuth& auth;
};

// The dialogs API, role template_editor:
//
//   GET  /admin/v1/dialogs/live      {"version": n, "dialog": <the dialog in force>, "nodes":
//                                    [{id, type, prompt, next: [...]}]}
//   POST /admin/v1/dialogs/validate  {"dialog": {...}} -> {"ok": true, "nodes": n}; 422
//                                    {"error", "problems": [every problem by JSON path]}
//   POST /admin/v1/dialogs/dry-run   {"dialog"?: {...}, "channel": "ussd"|"sms", "inputs": [...]}
//                                    -> {"steps": [{input, screen, end}]}: the live or the
//                                    proposed dialog played in memory, nothing stored or sent
//   PUT  /admin/v1/dialogs           {"dialog": {...}, "note"?} -> 201 {"version": n}: stored,
//                                    checked as validate checks it (422 the same), not active
//   GET  /admin/v1/dialogs/versions/{n}  {"version", "dialog", "author", "note", "at"}
//   POST /admin/v1/dialogs/activate  {"version": n, "note"?} -> {"active": n}: new sessions start
//                                    on n (0: as shipped) on every instance within a second;
//                                    sessions in flight finish on the version they started on.
//                                    Checked again against the texts in force (422); 404 unknown
//   POST /admin/v1/dialogs/rollback  the same, to a version earlier than the active one (409)
//   GET  /admin/v1/dialogs/history   {"active": n, "history": [{version, action, author, note,
//                                    at}], newest first}
class DialogRoutes {
 public:
  explicit DialogRoutes(DialogParts parts) : p_(std::move(parts)) {}
  void Register(http::Router& router);

 private:
  using Handler = boost::asio::awaitable<http::Response>;
  Handler ShowLive(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  Handler Validate(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  Handler DryRun(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  // dialog_versions.cpp
  Handler Put(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  Handler ShowVersion(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  Handler Activate(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  Handler Rollback(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  Handler History(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  Handler MakeActive(http::Request& req, const cases::Actor& actor, bool rollback);

  DialogParts p_;
};

// The node graph as a readable list: {id, type, prompt, next: [node ids it leads to]}.
nlohmann::json NodeList(const dialog::Dialog& dialog);
// 422 {"error": every problem joined, "problems": [each by JSON path]}.
http::Response Problems(const http::Request& req, const std::vector<std::string>& problems);

}  // namespace lapor::routes
