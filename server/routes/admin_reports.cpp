// The officials' reports: SLA and the outbox's dead letters.
#include <boost/beast/http/field.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "admin/case_view.hpp"
#include "admin/sla_report.hpp"
#include "common/log.hpp"
#include "routes/admin_routes.hpp"
#include "text/url_encoding.hpp"

namespace lapor::routes {
namespace {

namespace bhttp = boost::beast::http;
using boost::asio::awaitable;

// Adds every case filed in `range` that `actor` may see to `tally`, a batch at a time: a report
// never holds more than one batch of cases.
awaitable<Result<Ok>> ScanCases(store::CaseStore& store, admin::TimeRange range,
                                const cases::Actor& actor, admin::SlaTally& tally) {
  std::string after;
  while (true) {
    auto numbers = co_await store.ListNumbers(range.from, range.to, after, kCaseScanBatch);
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
        tally.Add(c);
      }
    }
  }
  co_return Ok{};
}

}  // namespace

awaitable<http::Response> AdminRoutes::SlaReport(const http::Request& req,
                                                 const http::RouteContext& ctx,
                                                 const cases::Actor& actor) {
  auto params = text::ParseUrlEncoded(ctx.query);
  if (!params) {
    co_return http::JsonError(req, params.error());
  }
  for (const auto& [name, value] : *params) {
    if (name != "from" && name != "to") {
      co_return http::JsonError(req, {Errc::kBadRequest, "query parameter \"" + name.substr(0, 32) +
                                                             "\": unknown (use from, to)"});
    }
  }
  auto range = admin::ParseReportRange(*params);
  if (!range) {
    co_return http::JsonError(req, range.error());
  }
  admin::SlaTally tally(p_.clock.Now());
  auto scanned = co_await ScanCases(p_.store, *range, actor, tally);
  if (!scanned) {
    co_return http::JsonError(req, scanned.error());
  }
  co_return http::JsonResponse(req, bhttp::status::ok,
                               admin::SlaReportJson(std::move(tally).Finish()));
}

awaitable<http::Response> AdminRoutes::DeadLetters(const http::Request& req,
                                                   const http::RouteContext&,
                                                   const cases::Actor& actor) {
  // They hold citizens' numbers and texts of every agency: not an OPD's to read.
  if (actor.role == cases::Role::kOpd) {
    co_return http::JsonError(req, {Errc::kForbidden, "dead letters are not an agency's to read"});
  }
  if (p_.outbox == nullptr) {
    co_return http::JsonError(req, {Errc::kNotFound, "no outbox here"});
  }
  auto letters = co_await p_.outbox->DeadLetters(100);
  if (!letters) {
    co_return http::JsonError(req, letters.error());
  }
  // A region's officials see the letters of their region's cases only.
  std::set<std::string> visible;
  if (actor.Regional()) {
    std::vector<std::string> numbers;
    for (const auto& letter : *letters) {
      numbers.push_back(letter.message.case_no);
    }
    auto loaded = co_await p_.store.LoadMany(std::move(numbers));
    if (!loaded) {
      co_return http::JsonError(req, loaded.error());
    }
    for (const auto& c : *loaded) {
      if (actor.CanSee(c)) {
        visible.insert(c.tracking_no);
      }
    }
  }
  bool verifier = actor.role == cases::Role::kVerifier;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& letter : *letters) {
    const auto& m = letter.message;
    if (actor.Regional() && !visible.contains(m.case_no)) {
      continue;
    }
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

awaitable<http::Response> AdminRoutes::RequeueDeadLetter(const http::Request& req,
                                                         const http::RouteContext& ctx,
                                                         const cases::Actor& actor) {
  // Sending again what failed is the national operator's call: the verifier's.
  if (actor.role != cases::Role::kVerifier) {
    co_return http::JsonError(req, {Errc::kForbidden, "only the verifier requeues dead letters"});
  }
  if (p_.outbox == nullptr) {
    co_return http::JsonError(req, {Errc::kNotFound, "no outbox here"});
  }
  const std::string& id = ctx.params.at(0);
  // (Built before co_await: GCC 12 miscompiles a braced list inside one.)
  std::vector<std::string> ids = {id};
  auto requeued = co_await p_.outbox->Requeue(std::move(ids), p_.clock.Now());
  if (!requeued) {
    co_return http::JsonError(req, requeued.error());
  }
  if (requeued->empty()) {
    co_return http::JsonError(req, {Errc::kNotFound, "no such dead letter"});
  }
  log::Info("dead_letter_requeued", {{"official", actor.name}, {"id", id}});
  co_return http::JsonResponse(req, bhttp::status::ok, {{"requeued", *requeued}});
}

}  // namespace lapor::routes
