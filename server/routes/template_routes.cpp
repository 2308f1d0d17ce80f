#include "routes/template_routes.hpp"

#include "common/log.hpp"

namespace lapor::routes {
namespace {

namespace bhttp = boost::beast::http;
using boost::asio::awaitable;
using nlohmann::json;

// The body as a JSON object, or a 400 naming why not.
Result<json> JsonBody(const http::Request& req) {
  auto body = json::parse(req.body(), nullptr, false);
  if (!body.is_object()) {
    return Error{Errc::kBadRequest, "the body is not a JSON object"};
  }
  return body;
}

// The optional "note" of an edit: a string of at most 200 bytes.
Result<std::string> Note(const json& body) {
  if (!body.contains("note")) {
    return std::string();
  }
  if (!body["note"].is_string() || body["note"].get_ref<const std::string&>().size() > 200) {
    return Error{Errc::kBadRequest, "field \"note\": a string of at most 200 bytes"};
  }
  return body["note"].get<std::string>();
}

json KeyJson(const std::string& key, const admin::TemplateInfo& info,
             const text::TemplateSet& current, const text::TemplateSet& shipped) {
  json texts = json::object();
  json shipped_texts = json::object();
  for (const auto& lang : current.languages()) {
    texts[lang] = current.Raw(lang, key);
    shipped_texts[lang] = shipped.Raw(lang, key);
  }
  return {{"key", key},
          {"texts", std::move(texts)},
          {"shipped", std::move(shipped_texts)},
          {"placeholders", info.placeholders},
          {"required", info.required},
          {"used_in", info.used_in},
          {"screen", info.screen}};
}

}  // namespace

void TemplateRoutes::Register(http::Router& router) {
  auto route = [this](auto method) {
    return Authorized(p_.auth, cases::Role::kTemplateEditor, this, method);
  };
  const std::string root = "/admin/v1/templates";
  const http::RouteOptions json_body{.media_type = "application/json"};
  router.Add(bhttp::verb::get, root, route(&TemplateRoutes::List));
  router.Add(bhttp::verb::get, root + "/export", route(&TemplateRoutes::Export));
  router.Add(bhttp::verb::post, root + "/import", route(&TemplateRoutes::Import), json_body);
  router.Add(bhttp::verb::put, root + "/{key}/{lang}", route(&TemplateRoutes::Put), json_body);
  router.Add(bhttp::verb::post, root + "/{key}/{lang}/preview", route(&TemplateRoutes::Preview),
             json_body);
  router.Add(bhttp::verb::post, root + "/{key}/{lang}/rollback", route(&TemplateRoutes::Rollback),
             json_body);
  router.Add(bhttp::verb::get, root + "/{key}/history", route(&TemplateRoutes::History));
}

awaitable<Result<int64_t>> TemplateRoutes::Save(admin::TemplateTexts changes,
                                                const cases::Actor& actor, std::string note) {
  auto stored = co_await p_.store.Load();
  if (!stored) {
    co_return stored.error();
  }
  admin::TemplateTexts all = std::move(stored->texts);
  store::TemplateEdit edit{.author = actor.name, .note = std::move(note), .at = p_.clock.Now()};
  for (const auto& [lang, texts] : changes) {
    for (const auto& [key, text] : texts) {
      all[lang][key] = text;
      edit.changes.push_back({.lang = lang, .key = key, .text = text});
    }
  }
  auto engine = admin::EngineWith(*p_.shipped, *p_.engine.Get(), all);
  if (!engine) {
    co_return engine.error();
  }
  auto version = co_await p_.store.Save(std::move(edit));
  if (!version) {
    co_return version.error();
  }
  // In force here at once; the other instances follow when their poll sees the version.
  p_.engine.Set(std::move(*engine));
  log::Info("templates_saved", {{"official", actor.name}, {"version", *version}});
  co_return *version;
}

awaitable<http::Response> TemplateRoutes::List(http::Request& req, http::RouteContext&,
                                               const cases::Actor&) {
  auto version = co_await p_.store.Version();
  if (!version) {
    co_return http::JsonError(req, version.error());
  }
  auto engine = p_.engine.Get();
  json keys = json::array();
  for (const auto& [key, info] : p_.catalog.keys()) {
    keys.push_back(KeyJson(key, info, engine->templates(), p_.shipped->templates()));
  }
  json body = {{"version", *version},
               {"languages", p_.catalog.languages()},
               {"screen_limit", engine->options().screen_limit},
               {"templates", std::move(keys)}};
  co_return http::JsonResponse(req, bhttp::status::ok, body);
}

awaitable<http::Response> TemplateRoutes::Put(http::Request& req, http::RouteContext& ctx,
                                              const cases::Actor& actor) {
  const std::string& key = ctx.params.at(0);
  const std::string& lang = ctx.params.at(1);
  auto body = JsonBody(req);
  if (!body) {
    co_return http::JsonError(req, body.error());
  }
  auto note = Note(*body);
  if (!note) {
    co_return http::JsonError(req, note.error());
  }
  if (!body->contains("text") || !(*body)["text"].is_string()) {
    co_return http::JsonError(req, {Errc::kBadRequest, "field \"text\": a string is required"});
  }
  const std::string text = (*body)["text"];
  auto current = p_.engine.Get();
  auto check = admin::CheckEdit(p_.catalog, lang, key, text, current->templates().Raw(lang, key));
  if (!check) {
    co_return http::JsonError(req, check.error());
  }
  admin::TemplateTexts changes;
  changes[lang][key] = text;
  auto version = co_await Save(std::move(changes), actor, std::move(*note));
  if (!version) {
    co_return http::JsonError(req, version.error());
  }
  json answer = {{"version", *version},
                 {"key", key},
                 {"lang", lang},
                 {"preview", admin::MeasureJson(check->measure)},
                 {"warnings", check->warnings}};
  co_return http::JsonResponse(req, bhttp::status::ok, answer);
}

awaitable<http::Response> TemplateRoutes::Preview(http::Request& req, http::RouteContext& ctx,
                                                  const cases::Actor&) {
  const std::string& key = ctx.params.at(0);
  const std::string& lang = ctx.params.at(1);
  auto body = JsonBody(req);
  if (!body) {
    co_return http::JsonError(req, body.error());
  }
  auto current = p_.engine.Get();
  const admin::TemplateInfo* info = p_.catalog.Find(key);
  if (info == nullptr || !current->templates().Has(lang, key)) {
    co_return http::JsonError(req, {Errc::kNotFound, "no such template key or language"});
  }
  std::string tpl = current->templates().Raw(lang, key);
  if (body->contains("text")) {
    if (!(*body)["text"].is_string()) {
      co_return http::JsonError(req, {Errc::kBadRequest, "field \"text\": must be a string"});
    }
    tpl = (*body)["text"];
  }
  text::Vars values;
  if (body->contains("values")) {
    const json& given = (*body)["values"];
    if (!given.is_object()) {
      co_return http::JsonError(req, {Errc::kBadRequest, "field \"values\": must be an object"});
    }
    for (const auto& [name, value] : given.items()) {
      if (!value.is_string()) {
        co_return http::JsonError(req,
                                  {Errc::kBadRequest, "field \"values\": every value a string"});
      }
      values[name] = value.get<std::string>();
    }
  }
  auto check = admin::CheckEdit(p_.catalog, lang, key, tpl, current->templates().Raw(lang, key));
  json answer = admin::MeasureJson(admin::Preview(*info, tpl, values));
  answer["warnings"] = check ? json(check->warnings) : json::array();
  answer["problems"] = check ? json(nullptr) : json(check.error().message);
  co_return http::JsonResponse(req, bhttp::status::ok, answer);
}

awaitable<http::Response> TemplateRoutes::History(http::Request& req, http::RouteContext& ctx,
                                                  const cases::Actor&) {
  const std::string& key = ctx.params.at(0);
  if (p_.catalog.Find(key) == nullptr) {
    co_return http::JsonError(req, {Errc::kNotFound, "no such template key"});
  }
  auto history = co_await p_.store.History();
  if (!history) {
    co_return http::JsonError(req, history.error());
  }
  json entries = json::array();
  for (auto& entry : *history) {
    if (entry.value("key", "") == key) {
      entries.push_back(std::move(entry));
    }
  }
  json shipped = json::object();
  for (const auto& lang : p_.catalog.languages()) {
    shipped[lang] = p_.shipped->templates().Raw(lang, key);
  }
  json body = {{"key", key}, {"history", std::move(entries)}, {"shipped", std::move(shipped)}};
  co_return http::JsonResponse(req, bhttp::status::ok, body);
}

}  // namespace lapor::routes
