#include "casework/case_desk.hpp"

#include "cases/notice_text.hpp"
#include "common/log.hpp"
#include "store/compare_and_set.hpp"

namespace lapor::casework {
namespace {

constexpr const char* kResultNames[] = {"moved",     "unchanged", "seen",
                                        "not_found", "refused",   "busy"};

Outcome Done(MoveResult result, std::optional<cases::Case> before = std::nullopt) {
  return Outcome{.result = result, .before = std::move(before)};
}

Outcome Failed(MoveResult result, Error error, std::optional<cases::Case> before = std::nullopt) {
  Outcome outcome = Done(result, std::move(before));
  outcome.error = std::move(error);
  return outcome;
}

}  // namespace

TemplateSource FixedTemplates(const text::TemplateSet& templates) {
  // Not owned: an aliasing pointer with no owner.
  return [&templates] {
    return std::shared_ptr<const text::TemplateSet>(std::shared_ptr<const text::TemplateSet>(),
                                                    &templates);
  };
}

CaseDesk::CaseDesk(store::CaseStore& store, const cases::Policy& policy,
                   const cases::Calendar& calendar, TemplateSource templates,
                   metrics::Registry& registry)
    : store_(store), policy_(policy), calendar_(calendar), templates_(std::move(templates)) {
  for (const char* name : kResultNames) {
    by_result_.push_back(&registry.AddCounter("lapor1708_case_moves_total",
                                              "Case moves by officials, citizens and deadlines, by "
                                              "how they ended.",
                                              {{"result", name}}));
  }
}

metrics::Counter& CaseDesk::Count(MoveResult result) {
  return *by_result_[static_cast<size_t>(result)];
}

boost::asio::awaitable<Outcome> CaseDesk::Move(MoveRequest request) {
  std::optional<store::CaseDedupe> dedupe;
  if (request.message) {
    dedupe = store::CaseDedupe{.provider = request.message->provider,
                               .message_id = request.message->message_id,
                               .ttl_s = request.message->dedupe_ttl_s};
  }
  auto attempt = [&]() { return Attempt(request, dedupe ? &*dedupe : nullptr); };
  auto outcome = co_await store::RedoWhileConflicting<Outcome>(attempt);
  if (!outcome) {
    outcome = Failed(MoveResult::kBusy,
                     {Errc::kConflict, "the case kept changing while this action was applied"});
  }
  Count(outcome->result).Increment();
  co_return std::move(*outcome);
}

boost::asio::awaitable<std::optional<Outcome>> CaseDesk::Attempt(const MoveRequest& request,
                                                                 const store::CaseDedupe* dedupe) {
  auto snapshot = co_await store_.LoadForMove(request.case_no, dedupe);
  if (!snapshot) {
    co_return Failed(MoveResult::kBusy, snapshot.error());
  }
  if (snapshot->seen) {
    Outcome seen = Done(MoveResult::kSeen);
    seen.reply = snapshot->seen->reply;
    co_return seen;
  }
  if (!snapshot->c || !request.actor.CanSee(*snapshot->c)) {
    co_return Done(MoveResult::kNotFound);
  }
  const cases::Case& before = *snapshot->c;
  auto transition =
      cases::Apply(before, request.action, request.actor, request.now, policy_, calendar_);
  if (!transition) {
    co_return Failed(MoveResult::kRefused, transition.error(), before);
  }
  if (!transition->changed) {
    co_return Done(MoveResult::kUnchanged, before);
  }
  // A citizen's own notices answer their SMS; everyone else's go through the outbox.
  std::string reply;
  std::vector<cases::OutboundSms> sms;
  auto templates = templates_();
  for (auto& out : cases::RenderNotices(transition->notices, *templates)) {
    if (dedupe != nullptr && out.to_citizen) {
      reply += reply.empty() ? out.text : "\n" + out.text;
    } else {
      sms.push_back(std::move(out));
    }
  }
  std::optional<store::CaseDedupe> keep;
  if (dedupe != nullptr) {
    keep = *dedupe;
    keep->reply = reply;
  }
  auto written = co_await store_.Commit(before, *transition, sms, request.claimed, request.now,
                                        keep ? &*keep : nullptr);
  if (!written) {
    co_return Failed(MoveResult::kBusy, written.error(), before);
  }
  switch (written->status) {
    case store::CaseWrite::kConflict:
      co_return std::nullopt;
    case store::CaseWrite::kMissing:
      co_return Done(MoveResult::kNotFound);
    case store::CaseWrite::kSeen: {
      Outcome seen = Done(MoveResult::kSeen);
      seen.reply = written->seen ? written->seen->reply : "";
      co_return seen;
    }
    case store::CaseWrite::kOk:
      break;
  }
  Outcome moved = Done(MoveResult::kMoved, before);
  moved.after = transition->after;
  moved.after->version = written->version;
  moved.reply = std::move(reply);
  moved.queued = sms.size();
  co_return moved;
}

}  // namespace lapor::casework
