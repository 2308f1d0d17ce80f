// DialogRoutes: stored dialog versions — save, activate for new sessions, roll back, history.
#include <charconv>

#include "admin/dialog_edits.hpp"
#include "common/log.hpp"
#include "routes/dialog_routes.hpp"

namespace lapor::routes {
namespace {

namespace bhttp = boost::beast::http;
using boost::asio::awaitable;
using nlohmann::json;

constexpr size_t kMaxNote = 500;

// The optional "note" of a body; nullopt when it is there but not a short string.
std::optional<std::string> NoteOf(const json& body) {
  if (!body.contains("note")) {
    return std::string();
  }
  if (!body["note"].is_string() || body["note"].get_ref<const std::string&>().size() > kMaxNote) {
    return std::nullopt;
  }
  return body["note"].get<std::string>();
}

// {"version": n >= 0, "note"?: string}.
std::optional<std::pair<int64_t, std::string>> VersionBody(const std::string& text) {
  auto body = json::parse(text, nullptr, false);
  if (!body.is_object() || !body.contains("version") || !body["version"].is_number_integer() ||
      body["version"].get<int64_t>() < 0) {
    return std::nullopt;
  }
  auto note = NoteOf(body);
  if (!note) {
    return std::nullopt;
  }
  return std::make_pair(body["version"].get<int64_t>(), std::move(*note));
}

}  // namespace

awaitable<http::Response> DialogRoutes::Put(http::Request& req, http::RouteContext&,
                                            const cases::Actor& actor) {
  auto body = json::parse(req.body(), nullptr, false);
  auto note = body.is_object() ? NoteOf(body) : std::nullopt;
  if (!body.is_object() || !body.contains("dialog") || !note) {
    co_return http::JsonError(
        req, {Errc::kBadRequest, "expected {\"dialog\": {...}, \"note\"?: \"at most 500 chars\"}"});
  }
  auto check = admin::CheckDialog(*p_.engine.Get(), body["dialog"]);
  if (!check.problems.empty()) {
    co_return Problems(req, check.problems);
  }
  store::DialogAuthor by{.author = actor.name, .note = std::move(*note), .at = p_.clock.Now()};
  auto version = co_await p_.versions.Save(body["dialog"], std::move(by));
  if (!version) {
    co_return http::JsonError(req, version.error());
  }
  log::Info("dialog_saved", {{"official", actor.name}, {"version", *version}});
  json answer = {{"version", *version}, {"active", false}};
  co_return http::JsonResponse(req, bhttp::status::created, answer);
}

awaitable<http::Response> DialogRoutes::ShowVersion(http::Request& req, http::RouteContext& ctx,
                                                    const cases::Actor&) {
  const std::string& text = ctx.params.at(0);
  int64_t version = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
  if (ec != std::errc() || end != text.data() + text.size() || version <= 0) {
    co_return http::JsonError(req, {Errc::kBadRequest, "a version is a number from 1"});
  }
  auto record = co_await p_.versions.Read(version);
  if (!record) {
    co_return http::JsonError(req, record.error());
  }
  (*record)["version"] = version;
  co_return http::JsonResponse(req, bhttp::status::ok, *record);
}

awaitable<http::Response> DialogRoutes::Activate(http::Request& req, http::RouteContext&,
                                                 const cases::Actor& actor) {
  co_return co_await MakeActive(req, actor, false);
}

awaitable<http::Response> DialogRoutes::Rollback(http::Request& req, http::RouteContext&,
                                                 const cases::Actor& actor) {
  co_return co_await MakeActive(req, actor, true);
}

awaitable<http::Response> DialogRoutes::MakeActive(http::Request& req, const cases::Actor& actor,
                                                   bool rollback) {
  auto asked = VersionBody(req.body());
  if (!asked) {
    co_return http::JsonError(req, {Errc::kBadRequest,
                                    "expected {\"version\": <n>, n >= 0 (0: as shipped), "
                                    "\"note\"?: \"at most 500 chars\"}"});
  }
  const int64_t version = asked->first;
  auto active = co_await p_.versions.Active();
  if (!active) {
    co_return http::JsonError(req, active.error());
  }
  if (rollback && version >= *active) {
    co_return http::JsonError(req, {Errc::kConflict,
                                    "a rollback goes to a version earlier than "
                                    "the active one (" +
                                        std::to_string(*active) + ")"});
  }
  if (version != 0) {
    // Checked again: the texts may have changed since the version was stored.
    auto record = co_await p_.versions.Read(version);
    if (!record) {
      co_return http::JsonError(req, record.error());
    }
    auto check = admin::CheckDialog(*p_.engine.Get(), (*record)["dialog"]);
    if (!check.problems.empty()) {
      co_return Problems(req, check.problems);
    }
  }
  store::DialogAuthor by{.author = actor.name, .note = asked->second, .at = p_.clock.Now()};
  auto done = co_await p_.versions.Activate(version, rollback ? "rollback" : "activate", by);
  if (!done) {
    co_return http::JsonError(req, done.error());
  }
  log::Info("dialog_activate", {{"official", actor.name}, {"version", version}});
  json answer = {{"active", version}};
  co_return http::JsonResponse(req, bhttp::status::ok, answer);
}

awaitable<http::Response> DialogRoutes::History(http::Request& req, http::RouteContext&,
                                                const cases::Actor&) {
  auto active = co_await p_.versions.Active();
  if (!active) {
    co_return http::JsonError(req, active.error());
  }
  auto history = co_await p_.versions.History();
  if (!history) {
    co_return http::JsonError(req, history.error());
  }
  json body = {{"active", *active}, {"history", *history}};
  co_return http::JsonResponse(req, bhttp::status::ok, body);
}

}  // namespace lapor::routes
