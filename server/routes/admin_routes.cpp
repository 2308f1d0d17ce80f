#include "routes/admin_routes.hpp"

#include <boost/beast/http/field.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "admin/case_view.hpp"
#include "admin/sla_report.hpp"
#include "cases/tracking_number.hpp"
#include "common/log.hpp"
#include "text/citizen_text.hpp"
#include "text/url_encoding.hpp"

namespace lapor::routes {
namespace {

namespace bhttp = boost::beast::http;
using admin::AuditEntryJson;
using admin::CaseFilter;
using admin::CaseJson;
using admin::Matches;
using admin::ParseCaseFilter;
using boost::asio::awaitable;
using nlohmann::json;

constexpr std::string_view kRoot = "/admin/v1";
// A page scans at most this many cases; a filter that matches few of them answers a short page
// with a cursor to go on from.
constexpr size_t kMaxScannedPerPage = 2000;
// Audit entries in the page a case is shown with.
constexpr size_t kAuditPage = 50;

Error NoSuchCase() { return {Errc::kNotFound, "no such case"}; }

// An OPD hears the same for a case of another agency and a case that does not exist.
Error NotYourCase() { return {Errc::kForbidden, "this case is not dispatched to your agency"}; }

struct Page {
  std::vector<cases::Case> cases;
  std::optional<std::string> next_cursor;
};

// One page of the cases `actor` may see that pass `filter`, newest first. The index is read in
// batches after the cursor; one more match than the page holds tells whether a next page exists.
awaitable<Result<Page>> FindPage(store::CaseStore& store, const CaseFilter& filter,
                                 const cases::Actor& actor, TimeMs now) {
  Page page;
  std::string after = filter.cursor;
  size_t scanned = 0;
  bool exhausted = false;
  // The first batch is what an unfiltered page needs; a filter that skips many grows it.
  size_t batch = filter.limit + 1;
  while (page.cases.size() <= filter.limit && scanned < kMaxScannedPerPage) {
    auto numbers = co_await store.ListNumbers(filter.filed.from, filter.filed.to, after, batch);
    if (!numbers) {
      co_return numbers.error();
    }
    if (numbers->empty()) {
      exhausted = true;
      break;
    }
    auto loaded = co_await store.LoadMany(*numbers);
    if (!loaded) {
      co_return loaded.error();
    }
    std::map<std::string, cases::Case*> by_number;
    for (auto& c : *loaded) {
      by_number[c.tracking_no] = &c;
    }
    for (const auto& no : *numbers) {
      ++scanned;
      after = no;
      auto it = by_number.find(no);
      if (it != by_number.end() && actor.CanSee(*it->second) && Matches(*it->second, filter, now)) {
        page.cases.push_back(std::move(*it->second));
        if (page.cases.size() > filter.limit) {
          break;
        }
      }
    }
    batch = std::min(batch * 2, kCaseScanBatch);
  }
  if (page.cases.size() > filter.limit) {
    page.cases.pop_back();
    page.next_cursor = page.cases.back().tracking_no;
  } else if (!exhausted) {
    page.next_cursor = after;  // scanned the most a page may; go on from here
  }
  co_return page;
}

}  // namespace

AdminRoutes::AdminRoutes(AdminParts parts) : p_(std::move(parts)) {}

void AdminRoutes::Register(http::Router& router) {
  // Every request under /admin/v1 shows a token first, before a client learns which paths exist.
  router.AddGate(
      std::string(kRoot),
      [this](const http::Request& req, const http::Peer&) -> std::optional<http::Response> {
        auto actor = admin::Authenticate(*p_.auth.tokens.Get(), req[bhttp::field::authorization]);
        if (!actor) {
          return Unauthorized(req, actor.error());
        }
        return std::nullopt;
      });
  auto route = [this](auto method) { return Authorized(p_.auth, std::nullopt, this, method); };
  const std::string root(kRoot);
  router.Add(bhttp::verb::get, root + "/me", route(&AdminRoutes::Me));
  router.Add(bhttp::verb::get, root + "/cases", route(&AdminRoutes::ListCases));
  router.Add(bhttp::verb::get, root + "/cases/{no}", route(&AdminRoutes::ShowCase));
  router.Add(bhttp::verb::get, root + "/cases/{no}/audit", route(&AdminRoutes::ShowAudit));
  router.Add(bhttp::verb::post, root + "/cases/{no}/actions", route(&AdminRoutes::Act),
             {.media_type = "application/json"});
  router.Add(bhttp::verb::get, root + "/reports/sla", route(&AdminRoutes::SlaReport));
  router.Add(bhttp::verb::get, root + "/outbox/dead", route(&AdminRoutes::DeadLetters));
  router.Add(bhttp::verb::post, root + "/outbox/dead/{id}/requeue",
             route(&AdminRoutes::RequeueDeadLetter));
}

awaitable<http::Response> AdminRoutes::Me(const http::Request& req, const http::RouteContext&,
                                          const cases::Actor& actor) {
  json who = {{"name", actor.name},
              {"role", cases::RoleName(actor.role)},
              {"scope", cases::RoleText(actor)},
              {"region", actor.region},
              {"opd", actor.opd}};
  co_return http::JsonResponse(req, bhttp::status::ok, who);
}

awaitable<http::Response> AdminRoutes::ListCases(const http::Request& req,
                                                 const http::RouteContext& ctx,
                                                 const cases::Actor& actor) {
  auto filter = ParseCaseFilter(ctx.query);
  if (!filter) {
    co_return http::JsonError(req, filter.error());
  }
  if (!filter->cursor.empty() && !cases::IsValidTrackingNumber(filter->cursor)) {
    co_return http::JsonError(
        req, {Errc::kBadRequest, "query parameter \"cursor\": not a tracking number"});
  }
  TimeMs now = p_.clock.Now();
  auto page = co_await FindPage(p_.store, *filter, actor, now);
  if (!page) {
    co_return http::JsonError(req, page.error());
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : page->cases) {
    list.push_back(CaseJson(c, actor, now));
  }
  nlohmann::json next = nullptr;
  if (page->next_cursor) {
    next = *page->next_cursor;
  }
  co_return http::JsonResponse(req, bhttp::status::ok,
                               {{"cases", std::move(list)}, {"next_cursor", std::move(next)}});
}

awaitable<Result<cases::Case>> AdminRoutes::VisibleCase(const std::string& no,
                                                        const cases::Actor& actor) {
  if (!cases::IsValidTrackingNumber(no)) {
    co_return NoSuchCase();
  }
  auto loaded = co_await p_.store.Load(no);
  if (!loaded) {
    co_return loaded.error();
  }
  // A case an OPD may not see is answered as if it did not exist.
  if (!*loaded || !actor.CanSee(**loaded)) {
    co_return NoSuchCase();
  }
  co_return std::move(**loaded);
}

awaitable<Result<nlohmann::json>> AdminRoutes::AuditPage(const cases::Case& c,
                                                         const cases::Actor& actor,
                                                         std::optional<int64_t> before,
                                                         size_t limit) {
  auto page = co_await p_.store.Log(c.tracking_no, before, limit);
  if (!page) {
    co_return page.error();
  }
  nlohmann::json audit = nlohmann::json::array();
  for (const auto& entry : page->entries) {
    audit.push_back(AuditEntryJson(entry, c, actor));
  }
  nlohmann::json next = nullptr;
  if (page->first > 0) {
    next = page->first;
  }
  co_return nlohmann::json{{"audit", std::move(audit)}, {"audit_before", std::move(next)}};
}

awaitable<http::Response> AdminRoutes::ShowCase(const http::Request& req,
                                                const http::RouteContext& ctx,
                                                const cases::Actor& actor) {
  auto c = co_await VisibleCase(ctx.params.at(0), actor);
  if (!c) {
    co_return http::JsonError(req, c.error());
  }
  auto audit = co_await AuditPage(*c, actor, std::nullopt, kAuditPage);
  if (!audit) {
    co_return http::JsonError(req, audit.error());
  }
  nlohmann::json body = std::move(*audit);
  body["case"] = CaseJson(*c, actor, p_.clock.Now());
  body["actions"] = admin::ActionsFor(*c, actor);
  co_return http::JsonResponse(req, bhttp::status::ok, body);
}

awaitable<http::Response> AdminRoutes::ShowAudit(const http::Request& req,
                                                 const http::RouteContext& ctx,
                                                 const cases::Actor& actor) {
  auto params = text::ParseUrlEncoded(ctx.query);
  if (!params) {
    co_return http::JsonError(req, params.error());
  }
  auto paging = admin::ParseAuditPaging(*params);
  if (!paging) {
    co_return http::JsonError(req, paging.error());
  }
  auto c = co_await VisibleCase(ctx.params.at(0), actor);
  if (!c) {
    co_return http::JsonError(req, c.error());
  }
  auto audit = co_await AuditPage(*c, actor, paging->before, paging->limit);
  if (!audit) {
    co_return http::JsonError(req, audit.error());
  }
  co_return http::JsonResponse(req, bhttp::status::ok, *audit);
}

awaitable<http::Response> AdminRoutes::Act(const http::Request& req, const http::RouteContext& ctx,
                                           const cases::Actor& actor) {
  const std::string& no = ctx.params.at(0);
  // An OPD hears the same for a case of another agency and a case that does not exist.
  const Error missing = actor.role == cases::Role::kOpd ? NotYourCase() : NoSuchCase();
  if (!cases::IsValidTrackingNumber(no)) {
    co_return http::JsonError(req, missing);
  }
  auto body = nlohmann::json::parse(req.body(), nullptr, false);
  if (body.is_discarded()) {
    co_return http::JsonError(req, {Errc::kBadRequest, "the body is not valid JSON"});
  }
  auto action = cases::ParseAction(body);
  if (!action) {
    co_return http::JsonError(req, action.error());
  }
  // An official's words reach the citizen by SMS: cleaned as a citizen's are, and bounded.
  if (!action->text.empty()) {
    auto text = text::CleanOfficialText(action->text, p_.max_text_sms);
    if (!text) {
      const char* field = action->kind == cases::ActionKind::kRespond ? "answer" : "reason";
      co_return http::JsonError(
          req, {text.error().code, std::string(field) + ": " + text.error().message});
    }
    action->text = std::move(*text);
  }
  TimeMs now = p_.clock.Now();
  // (The request is built before co_await: GCC 12 miscompiles a braced list inside one.)
  casework::MoveRequest request{.case_no = no, .action = *action, .actor = actor, .now = now};
  auto outcome = co_await p_.desk.Move(std::move(request));
  switch (outcome.result) {
    case casework::MoveResult::kMoved: {
      const cases::Case& after = *outcome.after;
      log::Info("admin_action", {{"official", actor.name},
                                 {"role", cases::RoleName(actor.role)},
                                 {"case", no},
                                 {"action", cases::ActionName(action->kind)},
                                 {"from", cases::StatusName(outcome.before->status)},
                                 {"to", cases::StatusName(after.status)},
                                 {"notices", outcome.queued}});
      co_return http::JsonResponse(req, bhttp::status::ok, {{"case", CaseJson(after, actor, now)}});
    }
    case casework::MoveResult::kUnchanged:
      co_return http::JsonResponse(req, bhttp::status::ok,
                                   {{"case", CaseJson(*outcome.before, actor, now)}});
    case casework::MoveResult::kNotFound:
      co_return http::JsonError(req, missing);
    case casework::MoveResult::kRefused:
      co_return http::JsonError(req, outcome.error);
    case casework::MoveResult::kSeen:
    case casework::MoveResult::kBusy:
      break;
  }
  // Redis is away (503), or the case kept changing under the action (409: try again).
  co_return http::JsonError(req, outcome.error);
}

}  // namespace lapor::routes
