#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>

#include "admin/tokens.hpp"
#include "cases/calendar.hpp"
#include "cases/workflow.hpp"
#include "common/clock.hpp"
#include "http/status.hpp"
#include "store/case_store.hpp"
#include "store/outbox_store.hpp"
#include "text/template_set.hpp"

namespace lapor::admin {

// The officials' API, /admin/v1/ (README "Officials' API"). Every request needs
// `Authorization: Bearer <token>` (401 otherwise, before anything else is looked at); what the
// token's role may see and do is the workflow's rule (cases::Actor::CanSee, cases::Apply).
//
//   GET  /admin/v1/cases                 filters and cursor pagination (ParseCaseFilter):
//                                        {"cases": [...], "next_cursor": "<no>" | null}
//   GET  /admin/v1/cases/{no}            {"case": {...}, "audit": [...]}; 404 when the case does
//                                        not exist or the token's OPD may not see it
//   POST /admin/v1/cases/{no}/actions    JSON body (cases::ParseAction) -> {"case": {...}}:
//                                        400 bad JSON or field, 415 not application/json, 403
//                                        not the role's action or not the OPD's case (also for a
//                                        case that does not exist, so an OPD learns nothing),
//                                        404 no such case, 409 illegal in the case's status, 422
//                                        a wrong value (unknown OPD or tier, empty answer)
//   GET  /admin/v1/reports/sla           SlaReportJson over the cases filed in [from, to]
//   GET  /admin/v1/outbox/dead           the newest 100 SMS parked after their last failed try
//                                        (not for OPD tokens; numbers masked but for the verifier)
//
// The reporter's number is masked as case_view.hpp says. Log lines name the official, the case
// and the action, never a phone number or a citizen's text.
class AdminRoutes {
 public:
  // Every reference must outlive this object. `tokens` is the set loaded at start.
  // `outbox` may be null (no dead-letter view).
  AdminRoutes(store::CaseStore& store, const cases::Policy& policy, const cases::Calendar& calendar,
              const text::TemplateSet& templates, const Clock& clock, TokenSet tokens,
              store::OutboxStore* outbox = nullptr);

  // True for /admin/v1 and every path under /admin/v1/ (the path without its query).
  bool Owns(std::string_view path) const;

  // Answers one request for a path Owns(). Errors come back as JSON {"error": "..."} with the
  // status of http::StatusFor; Redis down is 503.
  boost::asio::awaitable<http::Response> Handle(http::Request& req);

 private:
  boost::asio::awaitable<http::Response> ListCases(const http::Request& req,
                                                   const cases::Actor& actor,
                                                   std::string_view query);
  boost::asio::awaitable<http::Response> ShowCase(const http::Request& req,
                                                  const cases::Actor& actor, std::string no);
  boost::asio::awaitable<http::Response> Act(const http::Request& req, const cases::Actor& actor,
                                             std::string no);
  boost::asio::awaitable<http::Response> SlaReport(const http::Request& req,
                                                   const cases::Actor& actor,
                                                   std::string_view query);
  boost::asio::awaitable<http::Response> DeadLetters(const http::Request& req,
                                                     const cases::Actor& actor);

  store::CaseStore& store_;
  const cases::Policy& policy_;
  const cases::Calendar& calendar_;
  const text::TemplateSet& templates_;
  const Clock& clock_;
  TokenSet tokens_;
  store::OutboxStore* outbox_;
};

}  // namespace lapor::admin
