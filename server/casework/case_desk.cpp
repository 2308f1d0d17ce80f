#include "casework/case_desk.hpp"

#include <cassert>

#include "cases/notice_text.hpp"
#include "common/log.hpp"
#include "store/compare_and_set.hpp"

namespace lapor::casework {
namespace {

constexpr const char* kResultNames[] = {"moved",     "unchanged", "seen",
                                        "not_found", "refused",   "busy"};

using SharedCase = std::shared_ptr<const cases::Case>;

Outcome Done(MoveResult result, SharedCase before = nullptr) {
  return Outcome{.result = result, .before = std::move(before)};
}

Outcome Failed(MoveResult result, Error error, SharedCase before = nullptr) {
  Outcome outcome = Done(result, std::move(before));
  outcome.error = std::move(error);
  return outcome;
}

SharedCase Share(const cases::Case& c) { return std::make_shared<const cases::Case>(c); }

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

CaseDesk::Prepared CaseDesk::Prepare(const MoveRequest& request,
                                     const std::optional<cases::Case>& c, bool citizen) const {
  Prepared prepared;
  if (!c || !request.actor.CanSee(*c)) {
    prepared.done = Done(MoveResult::kNotFound);
    return prepared;
  }
  auto transition =
      cases::Apply(*c, request.action, request.actor, request.now, policy_, calendar_);
  if (!transition) {
    prepared.done = Failed(MoveResult::kRefused, transition.error(), Share(*c));
    return prepared;
  }
  if (!transition->changed) {
    prepared.done = Done(MoveResult::kUnchanged, Share(*c));
    return prepared;
  }
  // A citizen's own notices answer their SMS; everyone else's go through the outbox.
  auto templates = templates_();
  for (auto& out : cases::RenderNotices(transition->notices, *templates)) {
    if (citizen && out.to_citizen) {
      prepared.reply += prepared.reply.empty() ? out.text : "\n" + out.text;
    } else {
      prepared.sms.push_back(std::move(out));
    }
  }
  prepared.transition = std::move(*transition);
  return prepared;
}

std::optional<Outcome> CaseDesk::Written(cases::Case&& before, Prepared& prepared,
                                         const store::CaseWriteResult& written) {
  switch (written.status) {
    case store::CaseWrite::kConflict:
      return std::nullopt;
    case store::CaseWrite::kMissing:
      return Done(MoveResult::kNotFound);
    case store::CaseWrite::kSeen: {
      Outcome seen = Done(MoveResult::kSeen);
      seen.reply = written.seen ? written.seen->reply : "";
      return seen;
    }
    case store::CaseWrite::kOk:
      break;
  }
  Outcome moved = Done(MoveResult::kMoved, std::make_shared<const cases::Case>(std::move(before)));
  auto after = std::make_shared<cases::Case>(std::move(prepared.transition->after));
  after->version = written.version;
  moved.after = std::move(after);
  moved.reply = std::move(prepared.reply);
  moved.queued = prepared.sms.size();
  return moved;
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
  Prepared prepared = Prepare(request, snapshot->c, dedupe != nullptr);
  if (prepared.done) {
    co_return std::move(*prepared.done);
  }
  const cases::Case& before = *snapshot->c;
  std::optional<store::CaseDedupe> keep;
  if (dedupe != nullptr) {
    keep = *dedupe;
    keep->reply = prepared.reply;
  }
  auto written = co_await store_.Commit(before, *prepared.transition, prepared.sms, request.claimed,
                                        request.now, keep ? &*keep : nullptr);
  if (!written) {
    co_return Failed(MoveResult::kBusy, written.error(), Share(before));
  }
  co_return Written(std::move(*snapshot->c), prepared, *written);
}

boost::asio::awaitable<CaseDesk::Batch> CaseDesk::ReadMany(std::vector<MoveRequest> requests) {
  std::vector<std::string> numbers;
  for (const auto& request : requests) {
    assert(!request.message);
    numbers.push_back(request.case_no);
  }
  Batch batch;
  batch.requests_ = std::move(requests);
  auto loaded = co_await store_.LoadEach(std::move(numbers));
  if (!loaded) {
    co_return batch;  // every move is redone alone
  }
  batch.loaded_ = std::move(*loaded);
  batch.prepared_.reserve(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    Prepared& prepared = batch.prepared_.emplace_back(
        Prepare(batch.requests_[i], batch.loaded_[i], /*citizen=*/false));
    if (!prepared.done) {
      batch.commands_.push_back(store_.CommitCommand({.before = *batch.loaded_[i],
                                                      .transition = *prepared.transition,
                                                      .sms = prepared.sms,
                                                      .claimed = batch.requests_[i].claimed,
                                                      .now = batch.requests_[i].now}));
      batch.committed_.push_back(i);
    }
  }
  co_return batch;
}

boost::asio::awaitable<std::vector<Outcome>> CaseDesk::WriteMany(Batch batch) {
  std::vector<std::optional<Outcome>> outcomes(batch.size());
  for (size_t i = 0; i < batch.prepared_.size(); ++i) {
    if (batch.prepared_[i].done) {
      outcomes[i] = std::move(batch.prepared_[i].done);
    }
  }
  auto written = co_await store_.CommitMany(std::move(batch.commands_));
  for (size_t k = 0; written && k < batch.committed_.size(); ++k) {
    const size_t i = batch.committed_[k];
    if ((*written)[k]) {
      outcomes[i] = Written(std::move(*batch.loaded_[i]), batch.prepared_[i], *(*written)[k]);
    }
  }
  std::vector<Outcome> done;
  done.reserve(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    if (outcomes[i]) {
      Count(outcomes[i]->result).Increment();
      done.push_back(std::move(*outcomes[i]));
    } else {
      // Lost its compare-and-set, or the batch's round trip failed: alone, on the case as it is.
      done.push_back(co_await Move(std::move(batch.requests_[i])));
    }
  }
  co_return done;
}

}  // namespace lapor::casework
