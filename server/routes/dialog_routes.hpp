#pragma once

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "common/live.hpp"
#include "dialog/engine.hpp"
#include "http/router.hpp"
#include "routes/admin_auth.hpp"

namespace lapor::routes {

// What the dialogs API uses; all outlive it.
struct DialogParts {
  const Live<dialog::Engine>& engine;  // in force
  nlohmann::json live_doc;             // the dialog file in force, as written
  const Clock& clock;
  const AdminAuth& auth;
};

// The dialogs API, role template_editor:
//
//   GET  /admin/v1/dialogs/live      {"dialog": <the dialog in force>, "nodes": [{id, type,
//                                    prompt, next: [...]}]}
//   POST /admin/v1/dialogs/validate  {"dialog": {...}} -> {"ok": true, "nodes": n}; 422
//                                    {"error", "problems": [every problem by JSON path]}
//   POST /admin/v1/dialogs/dry-run   {"dialog"?: {...}, "channel": "ussd"|"sms", "inputs": [...]}
//                                    -> {"steps": [{input, screen, end}]}: the live or the
//                                    proposed dialog played in memory, nothing stored or sent
class DialogRoutes {
 public:
  explicit DialogRoutes(DialogParts parts) : p_(std::move(parts)) {}
  void Register(http::Router& router);

 private:
  using Handler = boost::asio::awaitable<http::Response>;
  Handler ShowLive(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  Handler Validate(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);
  Handler DryRun(http::Request& req, http::RouteContext& ctx, const cases::Actor& actor);

  DialogParts p_;
};

// The node graph as a readable list: {id, type, prompt, next: [node ids it leads to]}.
nlohmann::json NodeList(const dialog::Dialog& dialog);

}  // namespace lapor::routes
