#pragma once

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>
#include <optional>

#include "admin/tokens.hpp"
#include "cases/workflow.hpp"
#include "casework/case_desk.hpp"
#include "common/clock.hpp"
#include "http/router.hpp"
#include "routes/admin_auth.hpp"
#include "store/case_store.hpp"
#include "store/outbox_store.hpp"

namespace lapor::routes {

// What the officials' API uses; all outlive it.
struct AdminParts {
  store::CaseStore& store;   // reads: lists, cases, audit trails
  casework::CaseDesk& desk;  // every move
  const Clock& clock;
  const AdminAuth& auth;                 // the tokens in force
  store::OutboxStore* outbox = nullptr;  // null: no dead-letter view
  size_t max_text_sms = 10;              // an answer's or reason's limit (text::CleanOfficialText)
};

// Case numbers read from Redis per call when a list or a report scans the cases.
inline constexpr size_t kCaseScanBatch = 200;

// The officials' API, /admin/v1/ (README "Officials' API"). Every request needs
// `Authorization: Bearer <token>` (401 otherwise, before anything else is looked at); what the
// token's role may see and do is the workflow's rule (cases::Actor::CanSee, cases::Apply): a
// region's admin, inspectorate, regent's office and OPDs see only the cases forwarded to their
// region, in every list, case, action, SLA report and dead letter.
//
//   GET  /admin/v1/cases                 filters and cursor pagination (ParseCaseFilter):
//                                        {"cases": [...], "next_cursor": "<no>" | null}
//   GET  /admin/v1/cases/{no}            {"case": {...}, "audit": [the newest 50 entries],
//                                        "audit_before": <position> | null}; 404 when the case does
//                                        not exist or the token may not see it
//   GET  /admin/v1/cases/{no}/audit      older audit entries: ?before=<audit_before>&limit=1..200
//   POST /admin/v1/cases/{no}/actions    JSON body (cases::ParseAction) -> {"case": {...}}:
//                                        400 bad JSON or field, 415 not application/json, 403
//                                        not the role's action or not the OPD's case (also for a
//                                        case that does not exist, so an OPD learns nothing),
//                                        404 no such case, 409 illegal in the case's status, 422
//                                        a wrong value (a region not onboarded, unknown OPD or
//                                        tier, empty answer, an answer or reason longer than
//                                        max_text_sms SMS: the message says how many it would
//                                        take)
//   GET  /admin/v1/reports/sla           SlaReportJson over the cases filed in [from, to]; both
//                                        required, at most 366 days apart
//   GET  /admin/v1/outbox/dead           the newest 100 SMS parked after their last failed try
//                                        (not for OPD tokens; a region's officials see those of
//                                        their region's cases; numbers masked but for the
//                                        verifier)
//   POST /admin/v1/outbox/dead/{id}/requeue  sends a dead letter again from a first try
//                                        (the verifier's call); 404 when it is not there
//
// The reporter's number is masked as case_view.hpp says. Log lines name the official, the case
// and the action, never a phone number or a citizen's text.
class AdminRoutes {
 public:
  explicit AdminRoutes(AdminParts parts);

  // Adds the routes and the token gate to `router`; this object must outlive it.
  void Register(http::Router& router);

 private:
  // GET /admin/v1/me: {"name", "role", "scope", "region", "opd"} of the token's official.
  boost::asio::awaitable<http::Response> Me(const http::Request& req, const http::RouteContext& ctx,
                                            const cases::Actor& actor);
  boost::asio::awaitable<http::Response> ListCases(const http::Request& req,
                                                   const http::RouteContext& ctx,
                                                   const cases::Actor& actor);
  boost::asio::awaitable<http::Response> ShowCase(const http::Request& req,
                                                  const http::RouteContext& ctx,
                                                  const cases::Actor& actor);
  boost::asio::awaitable<http::Response> Act(const http::Request& req,
                                             const http::RouteContext& ctx,
                                             const cases::Actor& actor);
  boost::asio::awaitable<http::Response> SlaReport(const http::Request& req,
                                                   const http::RouteContext& ctx,
                                                   const cases::Actor& actor);
  boost::asio::awaitable<http::Response> DeadLetters(const http::Request& req,
                                                     const http::RouteContext& ctx,
                                                     const cases::Actor& actor);
  boost::asio::awaitable<http::Response> RequeueDeadLetter(const http::Request& req,
                                                           const http::RouteContext& ctx,
                                                           const cases::Actor& actor);
  boost::asio::awaitable<http::Response> ShowAudit(const http::Request& req,
                                                   const http::RouteContext& ctx,
                                                   const cases::Actor& actor);
  // The case `no` when `actor` may see it; kNotFound otherwise (also for a bad number).
  boost::asio::awaitable<Result<cases::Case>> VisibleCase(const std::string& no,
                                                          const cases::Actor& actor);
  // {"audit": [...], "audit_before": <position of the oldest entry shown> | null}.
  boost::asio::awaitable<Result<nlohmann::json>> AuditPage(const cases::Case& c,
                                                           const cases::Actor& actor,
                                                           std::optional<int64_t> before,
                                                           size_t limit);

  AdminParts p_;
};

}  // namespace lapor::routes
