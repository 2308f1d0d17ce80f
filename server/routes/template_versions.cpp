// TemplateRoutes: rollback to a version, export and import of the whole set.
#include "routes/template_routes.hpp"

namespace lapor::routes {
namespace {

namespace bhttp = boost::beast::http;
using boost::asio::awaitable;
using nlohmann::json;

// The text `key` had in `lang` at `version` of the whole set: the newest change of it at or
// before that version; the shipped text when there is none (version 0 is the shipped set).
// nullopt for a version not made yet.
std::optional<std::string> TextAt(const std::vector<json>& history, const std::string& key,
                                  const std::string& lang, int64_t version,
                                  const std::string& shipped) {
  const int64_t latest = history.empty() ? 0 : history.front().value("version", int64_t{0});
  if (version > latest) {
    return std::nullopt;
  }
  for (const auto& entry : history) {  // newest first
    if (entry.value("version", int64_t{-1}) <= version && entry.value("key", "") == key &&
        entry.value("lang", "") == lang) {
      return entry.value("text", "");
    }
  }
  return shipped;
}

}  // namespace

awaitable<http::Response> TemplateRoutes::Rollback(http::Request& req, http::RouteContext& ctx,
                                                   const cases::Actor& actor) {
  const std::string& key = ctx.params.at(0);
  const std::string& lang = ctx.params.at(1);
  auto body = json::parse(req.body(), nullptr, false);
  if (!body.is_object() || !body.contains("version") || !body["version"].is_number_integer() ||
      body["version"].get<int64_t>() < 0) {
    co_return http::JsonError(
        req, {Errc::kBadRequest, "expected {\"version\": <n>}, n >= 0 (0: as shipped)"});
  }
  const int64_t version = body["version"];
  auto current = p_.engine.Get();
  if (p_.catalog.Find(key) == nullptr || !current->templates().Has(lang, key)) {
    co_return http::JsonError(req, {Errc::kNotFound, "no such template key or language"});
  }
  auto history = co_await p_.store.History();
  if (!history) {
    co_return http::JsonError(req, history.error());
  }
  auto text = TextAt(*history, key, lang, version, p_.shipped->templates().Raw(lang, key));
  if (!text) {
    co_return http::JsonError(req, {Errc::kNotFound, "no such version"});
  }
  admin::TemplateTexts changes;
  changes[lang][key] = *text;
  auto saved =
      co_await Save(std::move(changes), actor, "rollback to version " + std::to_string(version));
  if (!saved) {
    co_return http::JsonError(req, saved.error());
  }
  json answer = {{"version", *saved}, {"key", key}, {"lang", lang}, {"text", *text}};
  co_return http::JsonResponse(req, bhttp::status::ok, answer);
}

awaitable<http::Response> TemplateRoutes::Export(http::Request& req, http::RouteContext&,
                                                 const cases::Actor&) {
  auto version = co_await p_.store.Version();
  if (!version) {
    co_return http::JsonError(req, version.error());
  }
  auto current = p_.engine.Get();
  co_return http::JsonResponse(req, bhttp::status::ok,
                               admin::ExportJson(current->templates(), *version));
}

awaitable<http::Response> TemplateRoutes::Import(http::Request& req, http::RouteContext&,
                                                 const cases::Actor& actor) {
  auto doc = json::parse(req.body(), nullptr, false);
  auto current = p_.engine.Get();
  auto changes = admin::ImportChanges(p_.catalog, current->templates(), doc);
  if (!changes) {
    co_return http::JsonError(req, changes.error());
  }
  size_t changed = 0;
  for (const auto& [lang, texts] : *changes) {
    changed += texts.size();
  }
  if (changed == 0) {
    json same = {{"version", nullptr}, {"changed", 0}};
    co_return http::JsonResponse(req, bhttp::status::ok, same);
  }
  auto saved = co_await Save(std::move(*changes), actor, "import");
  if (!saved) {
    co_return http::JsonError(req, saved.error());
  }
  json answer = {{"version", *saved}, {"changed", changed}};
  co_return http::JsonResponse(req, bhttp::status::ok, answer);
}

}  // namespace lapor::routes
