#include "admin/admin_routes.hpp"

#include <algorithm>
#include <boost/beast/http/field.hpp>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "admin/case_view.hpp"
#include "admin/sla_report.hpp"
#include "cases/tracking_number.hpp"
#include "common/log.hpp"
#include "http/form.hpp"
#include "outbox/notice_text.hpp"

namespace lapor::admin {
namespace {

namespace bhttp = boost::beast::http;
using boost::asio::awaitable;

constexpr std::string_view kRoot = "/admin/v1";
// A transition that loses the compare-and-set to another writer is redone on the case as it is
// now; after this many tries the client hears 409 and may try again.
constexpr int kCommitAttempts = 4;
// A page scans at most this many cases; a filter that matches few of them answers a short page
// with a cursor to go on from.
constexpr size_t kMaxScannedPerPage = 2000;
constexpr size_t kScanBatch = 200;

Error NoSuchCase() { return {Errc::kNotFound, "no such case"}; }

// An OPD hears the same for a case of another agency and a case that does not exist.
Error NotYourCase() { return {Errc::kForbidden, "this case is not dispatched to your agency"}; }

bool IsJson(const http::Request& req) {
  std::string type(req[bhttp::field::content_type]);
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto media = std::string_view(type).substr(0, type.find(';'));
  while (!media.empty() && media.back() == ' ') {
    media.remove_suffix(1);
  }
  return media == "application/json";
}

http::Response Unauthorized(const http::Request& req, const Error& error) {
  auto res = http::JsonError(req, error);
  res.set(bhttp::field::www_authenticate, "Bearer realm=\"lapor1708\"");
  return res;
}

http::Response MethodNotAllowed(const http::Request& req, std::string_view allowed) {
  auto res =
      http::JsonError(req, {Errc::kMethodNotAllowed, "use " + std::string(allowed) + " here"});
  res.set(bhttp::field::allow, allowed);
  return res;
}

// The path split after /admin/v1/: "cases/00000427/actions" -> {"cases", "00000427",
// "actions"}. An empty segment (a doubled or trailing slash) makes it no route.
std::vector<std::string_view> Segments(std::string_view rest) {
  std::vector<std::string_view> parts;
  while (!rest.empty()) {
    auto slash = rest.find('/');
    parts.push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) {
      break;
    }
    rest.remove_prefix(slash + 1);
    if (rest.empty()) {
      parts.emplace_back();
    }
  }
  return parts;
}

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
    batch = std::min(batch * 2, kScanBatch);
  }
  if (page.cases.size() > filter.limit) {
    page.cases.pop_back();
    page.next_cursor = page.cases.back().tracking_no;
  } else if (!exhausted) {
    page.next_cursor = after;  // scanned the most a page may; go on from here
  }
  co_return page;
}

// Every case filed in `range` that `actor` may see.
awaitable<Result<std::vector<cases::Case>>> AllCases(store::CaseStore& store, TimeRange range,
                                                     const cases::Actor& actor) {
  std::vector<cases::Case> all;
  std::string after;
  while (true) {
    auto numbers = co_await store.ListNumbers(range.from, range.to, after, kScanBatch);
    if (!numbers) {
      co_return numbers.error();
    }
    if (numbers->empty()) {
      break;
    }
    after = numbers->back();
    auto loaded = co_await store.LoadMany(std::move(*numbers));
    if (!loaded) {
      co_return loaded.error();
    }
    for (auto& c : *loaded) {
      if (actor.CanSee(c)) {
        all.push_back(std::move(c));
      }
    }
  }
  co_return all;
}

}  // namespace

AdminRoutes::AdminRoutes(store::CaseStore& store, const cases::Policy& policy,
                         const cases::Calendar& calendar, const text::TemplateSet& templates,
                         const Clock& clock, TokenSet tokens, store::OutboxStore* outbox)
    : store_(store),
      policy_(policy),
      calendar_(calendar),
      templates_(templates),
      clock_(clock),
      tokens_(std::move(tokens)),
      outbox_(outbox) {}

bool AdminRoutes::Owns(std::string_view path) const {
  return path == kRoot || (path.starts_with(kRoot) && path[kRoot.size()] == '/');
}

awaitable<http::Response> AdminRoutes::Handle(http::Request& req) {
  auto actor = Authenticate(tokens_, req[bhttp::field::authorization]);
  if (!actor) {
    co_return Unauthorized(req, actor.error());
  }
  auto [path, query] = http::SplitTarget(req.target());
  auto parts = Segments(path.size() > kRoot.size() ? path.substr(kRoot.size() + 1) : "");
  bool get = req.method() == bhttp::verb::get;
  bool post = req.method() == bhttp::verb::post;
  bool is_case = parts.size() >= 2 && parts[0] == "cases" && !parts[1].empty();
  if (parts.size() == 1 && parts[0] == "cases") {
    if (!get) {
      co_return MethodNotAllowed(req, "GET");
    }
    co_return co_await ListCases(req, *actor, query);
  }
  if (is_case && parts.size() == 2) {
    if (!get) {
      co_return MethodNotAllowed(req, "GET");
    }
    co_return co_await ShowCase(req, *actor, std::string(parts[1]));
  }
  if (is_case && parts.size() == 3 && parts[2] == "actions") {
    if (!post) {
      co_return MethodNotAllowed(req, "POST");
    }
    co_return co_await Act(req, *actor, std::string(parts[1]));
  }
  if (parts.size() == 2 && parts[0] == "reports" && parts[1] == "sla") {
    if (!get) {
      co_return MethodNotAllowed(req, "GET");
    }
    co_return co_await SlaReport(req, *actor, query);
  }
  if (parts.size() == 2 && parts[0] == "outbox" && parts[1] == "dead") {
    if (!get) {
      co_return MethodNotAllowed(req, "GET");
    }
    co_return co_await DeadLetters(req, *actor);
  }
  co_return http::JsonError(req, {Errc::kNotFound, "no such path"});
}

awaitable<http::Response> AdminRoutes::DeadLetters(const http::Request& req,
                                                   const cases::Actor& actor) {
  // They hold citizens' numbers and texts of every agency: not an OPD's to read.
  if (actor.role == cases::Role::kOpd) {
    co_return http::JsonError(req, {Errc::kForbidden, "dead letters are not an agency's to read"});
  }
  if (outbox_ == nullptr) {
    co_return http::JsonError(req, {Errc::kNotFound, "no outbox here"});
  }
  auto letters = co_await outbox_->DeadLetters(100);
  if (!letters) {
    co_return http::JsonError(req, letters.error());
  }
  bool verifier = actor.role == cases::Role::kVerifier;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& letter : *letters) {
    const auto& m = letter.message;
    list.push_back({{"id", m.id},
                    {"to", verifier ? m.to : log::MaskPhone(m.to)},
                    {"text", m.text},
                    {"kind", m.kind},
                    {"case", m.case_no},
                    {"attempts", m.attempt},
                    {"queued_at", m.queued_at},
                    {"failed_at", letter.failed_at},
                    {"error", letter.error}});
  }
  co_return http::JsonResponse(req, bhttp::status::ok, {{"dead_letters", std::move(list)}});
}

awaitable<http::Response> AdminRoutes::ListCases(const http::Request& req,
                                                 const cases::Actor& actor,
                                                 std::string_view query) {
  auto filter = ParseCaseFilter(query);
  if (!filter) {
    co_return http::JsonError(req, filter.error());
  }
  if (!filter->cursor.empty() && !cases::IsValidTrackingNumber(filter->cursor)) {
    co_return http::JsonError(
        req, {Errc::kBadRequest, "query parameter \"cursor\": not a tracking number"});
  }
  TimeMs now = clock_.Now();
  auto page = co_await FindPage(store_, *filter, actor, now);
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

awaitable<http::Response> AdminRoutes::ShowCase(const http::Request& req, const cases::Actor& actor,
                                                std::string no) {
  if (!cases::IsValidTrackingNumber(no)) {
    co_return http::JsonError(req, NoSuchCase());
  }
  auto loaded = co_await store_.Load(no);
  if (!loaded) {
    co_return http::JsonError(req, loaded.error());
  }
  // A case an OPD may not see is answered as if it did not exist.
  if (!*loaded || !actor.CanSee(**loaded)) {
    co_return http::JsonError(req, NoSuchCase());
  }
  const cases::Case& c = **loaded;
  auto entries = co_await store_.Log(no);
  if (!entries) {
    co_return http::JsonError(req, entries.error());
  }
  nlohmann::json audit = nlohmann::json::array();
  for (const auto& entry : *entries) {
    audit.push_back(AuditEntryJson(entry, c, actor));
  }
  co_return http::JsonResponse(
      req, bhttp::status::ok,
      {{"case", CaseJson(c, actor, clock_.Now())}, {"audit", std::move(audit)}});
}

awaitable<http::Response> AdminRoutes::Act(const http::Request& req, const cases::Actor& actor,
                                           std::string no) {
  bool opd = actor.role == cases::Role::kOpd;
  if (!cases::IsValidTrackingNumber(no)) {
    co_return http::JsonError(req, opd ? NotYourCase() : NoSuchCase());
  }
  if (!IsJson(req)) {
    co_return http::JsonError(req,
                              {Errc::kUnsupportedMedia, "send the action as application/json"});
  }
  auto body = nlohmann::json::parse(req.body(), nullptr, false);
  if (body.is_discarded()) {
    co_return http::JsonError(req, {Errc::kBadRequest, "the body is not valid JSON"});
  }
  auto action = cases::ParseAction(body);
  if (!action) {
    co_return http::JsonError(req, action.error());
  }
  for (int attempt = 0; attempt < kCommitAttempts; ++attempt) {
    auto loaded = co_await store_.Load(no);
    if (!loaded) {
      co_return http::JsonError(req, loaded.error());
    }
    if (!*loaded || !actor.CanSee(**loaded)) {
      co_return http::JsonError(req, opd ? NotYourCase() : NoSuchCase());
    }
    const cases::Case& before = **loaded;
    TimeMs now = clock_.Now();
    auto transition = cases::Apply(before, *action, actor, now, policy_, calendar_);
    if (!transition) {
      co_return http::JsonError(req, transition.error());
    }
    if (!transition->changed) {
      co_return http::JsonResponse(req, bhttp::status::ok,
                                   {{"case", CaseJson(before, actor, now)}});
    }
    auto sms = outbox::RenderNotices(transition->notices, templates_);
    auto written = co_await store_.Commit(before, *transition, sms, "", now);
    if (!written) {
      co_return http::JsonError(req, written.error());
    }
    if (*written == store::CaseWrite::kMissing) {
      co_return http::JsonError(req, opd ? NotYourCase() : NoSuchCase());
    }
    if (*written == store::CaseWrite::kOk) {
      cases::Case after = transition->after;
      after.version = before.version + 1;
      log::Info("admin_action", {{"official", actor.name},
                                 {"role", cases::RoleName(actor.role)},
                                 {"case", no},
                                 {"action", cases::ActionName(action->kind)},
                                 {"from", cases::StatusName(before.status)},
                                 {"to", cases::StatusName(after.status)},
                                 {"notices", sms.size()}});
      co_return http::JsonResponse(req, bhttp::status::ok, {{"case", CaseJson(after, actor, now)}});
    }
    // kConflict: someone else wrote the case meanwhile; redo the action on what is there now.
  }
  co_return http::JsonError(
      req, {Errc::kConflict, "the case kept changing while this action was applied; try again"});
}

awaitable<http::Response> AdminRoutes::SlaReport(const http::Request& req,
                                                 const cases::Actor& actor,
                                                 std::string_view query) {
  auto params = http::ParseUrlEncoded(query);
  if (!params) {
    co_return http::JsonError(req, params.error());
  }
  for (const auto& [name, value] : *params) {
    if (name != "from" && name != "to") {
      co_return http::JsonError(req, {Errc::kBadRequest, "query parameter \"" + name.substr(0, 32) +
                                                             "\": unknown (use from, to)"});
    }
  }
  auto range = ParseTimeRange(*params);
  if (!range) {
    co_return http::JsonError(req, range.error());
  }
  auto all = co_await AllCases(store_, *range, actor);
  if (!all) {
    co_return http::JsonError(req, all.error());
  }
  auto report = BuildSlaReport(*all, clock_.Now());
  co_return http::JsonResponse(req, bhttp::status::ok, SlaReportJson(report));
}

}  // namespace lapor::admin
