#include "routes/dialog_routes.hpp"

#include "admin/dialog_edits.hpp"

namespace lapor::routes {
namespace {

namespace bhttp = boost::beast::http;
using boost::asio::awaitable;
using nlohmann::json;

constexpr size_t kMaxDryRunInputs = 60;

std::string_view TypeName(dialog::NodeType type) {
  switch (type) {
    case dialog::NodeType::kMenu:
      return "menu";
    case dialog::NodeType::kInput:
      return "input";
    case dialog::NodeType::kConfirm:
      return "confirm";
    case dialog::NodeType::kEnd:
      return "end";
    case dialog::NodeType::kAction:
      return "action";
    case dialog::NodeType::kPlace:
      return "place";
  }
  return "end";
}

}  // namespace

http::Response Problems(const http::Request& req, const std::vector<std::string>& problems) {
  std::string joined;
  for (const auto& p : problems) {
    joined += (joined.empty() ? "" : "; ") + p;
  }
  json body = {{"error", joined}, {"problems", problems}};
  return http::JsonResponse(req, bhttp::status::unprocessable_entity, body);
}

json NodeList(const dialog::Dialog& dialog) {
  json nodes = json::array();
  for (const auto& [id, node] : dialog.nodes) {
    json next = json::array();
    if (!node.next.empty()) {
      next.push_back(node.next);
    }
    for (const auto& option : node.options) {
      if (!option.next.empty()) {
        next.push_back(option.next);
      }
    }
    nodes.push_back(
        {{"id", id}, {"type", TypeName(node.type)}, {"prompt", node.prompt}, {"next", next}});
  }
  return nodes;
}

void DialogRoutes::Register(http::Router& router) {
  auto route = [this](auto method) {
    return Authorized(p_.auth, cases::Role::kTemplateEditor, this, method);
  };
  const std::string root = "/admin/v1/dialogs";
  const http::RouteOptions json_body{.media_type = "application/json"};
  router.Add(bhttp::verb::get, root + "/live", route(&DialogRoutes::ShowLive));
  router.Add(bhttp::verb::post, root + "/validate", route(&DialogRoutes::Validate), json_body);
  router.Add(bhttp::verb::post, root + "/dry-run", route(&DialogRoutes::DryRun), json_body);
  router.Add(bhttp::verb::put, root, route(&DialogRoutes::Put), json_body);
  router.Add(bhttp::verb::get, root + "/versions/{version}", route(&DialogRoutes::ShowVersion));
  router.Add(bhttp::verb::post, root + "/activate", route(&DialogRoutes::Activate), json_body);
  router.Add(bhttp::verb::post, root + "/rollback", route(&DialogRoutes::Rollback), json_body);
  router.Add(bhttp::verb::get, root + "/history", route(&DialogRoutes::History));
}

awaitable<http::Response> DialogRoutes::ShowLive(http::Request& req, http::RouteContext&,
                                                 const cases::Actor&) {
  auto engine = p_.engine.Get();
  const int64_t version = engine->dialog_version();
  json doc = p_.shipped_doc;
  if (version != 0) {
    auto stored = co_await p_.versions.Read(version);
    if (!stored) {
      co_return http::JsonError(req, stored.error());
    }
    doc = std::move((*stored)["dialog"]);
  }
  json body = {{"version", version}, {"dialog", doc}, {"nodes", NodeList(engine->dialog())}};
  co_return http::JsonResponse(req, bhttp::status::ok, body);
}

awaitable<http::Response> DialogRoutes::Validate(http::Request& req, http::RouteContext&,
                                                 const cases::Actor&) {
  auto body = json::parse(req.body(), nullptr, false);
  if (!body.is_object() || !body.contains("dialog")) {
    co_return http::JsonError(req, {Errc::kBadRequest, "expected {\"dialog\": {...}}"});
  }
  auto check = admin::CheckDialog(*p_.engine.Get(), body["dialog"]);
  if (!check.problems.empty()) {
    co_return Problems(req, check.problems);
  }
  json answer = {{"ok", true}, {"nodes", check.engine->dialog().nodes.size()}};
  co_return http::JsonResponse(req, bhttp::status::ok, answer);
}

awaitable<http::Response> DialogRoutes::DryRun(http::Request& req, http::RouteContext&,
                                               const cases::Actor&) {
  auto body = json::parse(req.body(), nullptr, false);
  const Error shape{Errc::kBadRequest,
                    "expected {\"channel\": \"ussd\"|\"sms\", \"inputs\": [strings, at most 60], "
                    "\"dialog\"?: {...}}"};
  if (!body.is_object() || !body.contains("channel") || !body.contains("inputs") ||
      !body["inputs"].is_array() || body["inputs"].size() > kMaxDryRunInputs ||
      (body["channel"] != "ussd" && body["channel"] != "sms")) {
    co_return http::JsonError(req, shape);
  }
  std::vector<std::string> inputs;
  for (const auto& input : body["inputs"]) {
    if (!input.is_string()) {
      co_return http::JsonError(req, shape);
    }
    inputs.push_back(input.get<std::string>());
  }
  auto engine = p_.engine.Get();
  if (body.contains("dialog")) {
    auto check = admin::CheckDialog(*engine, body["dialog"]);
    if (!check.problems.empty()) {
      co_return Problems(req, check.problems);
    }
    engine = check.engine;
  }
  auto channel = body["channel"] == "ussd" ? dialog::Channel::kUssd : dialog::Channel::kSms;
  auto steps = admin::DryRun(*engine, channel, inputs, p_.clock.Now());
  co_return http::JsonResponse(req, bhttp::status::ok, admin::DryRunJson(steps));
}

}  // namespace lapor::routes
