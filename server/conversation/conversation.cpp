#include "conversation/conversation.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>

#include "cases/filing.hpp"
#include "cases/notice_text.hpp"
#include "cases/tracking_number.hpp"
#include "common/log.hpp"
#include "dialog/ussd_state.hpp"
#include "store/compare_and_set.hpp"
#include "text/local_time.hpp"

namespace lapor::conversation {
namespace {

// What follows the tracking number in "INFO 1234 5678 6 jalan masih rusak".
std::string TextAfterNumber(std::string_view argument) {
  size_t digits = 0;
  size_t i = 0;
  for (; i < argument.size() && digits < cases::kTrackingNumberDigits; ++i) {
    char c = argument[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != ' ' && c != '-' && c != '#') {
      break;
    }
  }
  auto rest = argument.substr(i);
  while (!rest.empty() && rest.front() == ' ') {
    rest.remove_prefix(1);
  }
  return std::string(rest);
}

}  // namespace

Conversation::Conversation(ConversationParts parts)
    : p_(std::move(parts)),
      counters_{
          .completions = p_.registry.AddCounter("lapor1708_dialog_completions_total",
                                                "Dialogs that reached their end."),
          .filed = p_.registry.AddCounter("lapor1708_cases_filed_total",
                                          "Cases filed from completed dialogs."),
          .redis_errors = p_.registry.AddCounter("lapor1708_redis_errors_total",
                                                 "Redis commands that failed or timed out."),
          .dedupe_hits = p_.registry.AddCounter("lapor1708_dedupe_hits_total",
                                                "Inbound messages answered from the dedupe store."),
          .conflicts = p_.registry.AddCounter("lapor1708_session_conflicts_total",
                                              "Session writes that lost a compare-and-set."),
          .ambiguous_resolved = p_.registry.AddCounter(
              "lapor1708_step_timeouts_resolved_total",
              "Steps whose write timed out but had committed: answered from their dedupe record."),
          .over_told = p_.registry.AddCounter(
              "lapor1708_over_budget_total",
              "Inbound messages over a number's, an address's or the day's report budget.",
              {{"answer", "told"}}),
          .over_silent = p_.registry.AddCounter(
              "lapor1708_over_budget_total",
              "Inbound messages over a number's, an address's or the day's report budget.",
              {{"answer", "silent"}}),
      } {}

channels::DialogReply Conversation::OverBudget(const channels::InboundMessage& message, bool tell,
                                               std::string_view key, TimeMs until,
                                               std::string_view lang) {
  const bool ussd = message.channel == dialog::Channel::kUssd;
  (tell || ussd ? counters_.over_told : counters_.over_silent).Increment();
  if (!tell && !ussd) {
    return {.text = "", .end = true};
  }
  return {
      .text = p_.engine.Get()->templates().Render(lang, key, {{"until", text::FormatWib(until)}}),
      .end = true};
}

boost::asio::awaitable<channels::DialogReply> Conversation::AfterTimeout(
    const store::StepAddress& address, const Error& timeout) {
  // Redis was slow, not gone: it may answer the re-read a moment later (a connection that heard
  // nothing for a whole timeout takes no calls until it hears again). Try for one more timeout.
  boost::asio::steady_timer pause(co_await boost::asio::this_coro::executor);
  const auto until = std::chrono::steady_clock::now() + p_.resolve_window;
  Error last = timeout;
  while (true) {
    auto again = co_await p_.dialogs.Read(address);
    if (auto answered = again ? AnsweredBefore(*again) : std::nullopt) {
      counters_.ambiguous_resolved.Increment();
      co_return std::move(*answered);
    }
    if (again || std::chrono::steady_clock::now() >= until) {
      break;  // read, and not written: the provider may retry, dedupe keeps that safe
    }
    last = again.error();
    pause.expires_after(std::chrono::milliseconds(50));
    co_await pause.async_wait(boost::asio::use_awaitable);
  }
  co_return Busy(last);
}

std::optional<channels::DialogReply> Conversation::AnsweredBefore(
    store::StepSnapshot& snapshot) const {
  if (snapshot.seen_reply) {
    return channels::DialogReply{.text = std::move(*snapshot.seen_reply), .end = snapshot.seen_end};
  }
  if (snapshot.seen_session) {
    // Rendered by the engine the session runs on, as the first answer was.
    auto shelf = p_.shelf != nullptr ? p_.shelf->Get() : nullptr;
    auto chosen = dialog::ChooseEngine(p_.engine.Get(), shelf.get(),
                                       std::move(snapshot.seen_session), std::nullopt);
    // Its dialog version is no longer kept: the message starts over, as any step of it would.
    if (chosen.session) {
      return channels::DialogReply{.text = chosen.engine->ScreenOf(std::move(*chosen.session))};
    }
  }
  return std::nullopt;
}

channels::DialogReply Conversation::Busy(const Error& error) {
  counters_.redis_errors.Increment();
  log::Warn("store_unavailable", {{"error", error.message}});
  auto engine = p_.engine.Get();
  return {.text = engine->BusyText(engine->options().default_lang), .end = true, .busy = true};
}

std::optional<channels::DialogReply> Conversation::Refused(const channels::InboundMessage& message,
                                                           const store::Admission& admission) {
  if (admission.verdict == store::BudgetVerdict::kOk) {
    return std::nullopt;
  }
  return OverBudget(message, admission.verdict == store::BudgetVerdict::kTell, "limit.messages",
                    admission.retry_at, p_.engine.Get()->options().default_lang);
}

boost::asio::awaitable<channels::DialogReply> Conversation::Handle(
    const channels::InboundMessage& message) {
  if (message.channel == dialog::Channel::kSms) {
    auto command = dialog::ParseSmsCommand(message.text);
    if (command.keyword == dialog::Keyword::kInfo ||
        command.keyword == dialog::Keyword::kFeedback) {
      // Counted before anything else of the message is read or written (a dialog step counts
      // it in its own read's pipeline).
      if (p_.budgets != nullptr) {
        auto admitted = co_await p_.budgets->Admit(message.msisdn, message.peer, p_.clock.Now());
        if (!admitted) {
          co_return Busy(admitted.error());
        }
        if (auto refused = Refused(message, *admitted)) {
          co_return std::move(*refused);
        }
      }
      co_return co_await CaseAction(message, command);
    }
  }
  co_return co_await DialogStep(message);
}

boost::asio::awaitable<channels::DialogReply> Conversation::DialogStep(
    const channels::InboundMessage& message) {
  bool ussd = message.channel == dialog::Channel::kUssd;
  store::StepAddress address{.provider = message.provider,
                             .message_id = message.message_id,
                             .channel = message.channel,
                             .msisdn = message.msisdn,
                             .ussd_session_id = message.ussd_session_id,
                             .want_resume = ussd && message.text.empty()};
  // A tracking number in the newest input is looked up in the same read, so CEK costs no extra
  // round trip.
  address.lookup_no = cases::ExtractTrackingNumber(message.NewestInput(std::nullopt)).value_or("");
  // The first read counts the message against its budgets; a redo after a lost compare-and-set
  // does not count it again.
  address.budget = p_.budgets;
  address.peer = message.peer;
  address.now = p_.clock.Now();
  int tries = 0;
  auto attempt = [&]() { return TryStep(message, address, tries++ == 0); };
  auto reply = co_await store::RedoWhileConflicting<channels::DialogReply>(attempt);
  if (!reply) {
    co_return Busy(Error{Errc::kConflict, "session kept changing under this step"});
  }
  co_return std::move(*reply);
}

boost::asio::awaitable<std::optional<channels::DialogReply>> Conversation::TryStep(
    const channels::InboundMessage& message, store::StepAddress address, bool count) {
  const bool ussd = message.channel == dialog::Channel::kUssd;
  if (!count) {
    address.budget = nullptr;
  }
  auto snap = co_await p_.dialogs.Read(address);
  if (!snap) {
    co_return Busy(snap.error());
  }
  if (snap->admission) {
    if (auto refused = Refused(message, *snap->admission)) {
      co_return std::move(*refused);
    }
  }
  if (auto answered = AnsweredBefore(*snap)) {
    counters_.dedupe_hits.Increment();
    co_return std::move(*answered);
  }
  TimeMs now = p_.clock.Now();
  // The session finishes on the dialog version it started on; a new one starts on the active.
  auto shelf = p_.shelf != nullptr ? p_.shelf->Get() : nullptr;
  std::string text = message.NewestInput(
      snap->session ? std::optional<std::string_view>(snap->session->ussd_text) : std::nullopt);
  // The sessions move on into the step; the commit needs only the snapshot's version and ids.
  auto chosen = dialog::ChooseEngine(p_.engine.Get(), shelf.get(), std::move(snap->session),
                                     std::move(snap->resume));
  const auto& engine = chosen.engine;
  dialog::StepInput input{.channel = message.channel,
                          .msisdn = message.msisdn,
                          .text = std::move(text),
                          .ussd_dial = ussd && message.text.empty(),
                          .resume = std::move(chosen.resume),
                          .lookup = std::move(snap->lookup)};
  dialog::StepResult step = engine->Step(std::move(chosen.session), input, now);
  if (step.session) {
    step.session->dialog_version = engine->dialog_version();
    if (ussd) {
      step.session->ussd_text = dialog::UssdTextMark(message.text);
    }
  }
  std::optional<cases::Filing> filing;
  std::vector<cases::OutboundSms> sms;
  if (step.file_case) {
    filing = FileCase(*step.file_case, message, now);
    // The number always comes again by SMS as well: a USSD screen is gone once the call ends,
    // and an SMS reply may never reach the phone (the gateway gave up on a slow answer).
    sms = cases::RenderNotices(filing->notices, engine->templates());
  }
  std::optional<store::FilingWrite> write;
  if (filing) {
    write.emplace(store::FilingWrite{.filing = *filing, .sms = sms});
  }
  auto commit = co_await p_.dialogs.Commit(address, *snap, step, write ? &*write : nullptr, now);
  if (!commit && commit.error().code == Errc::kTimeout) {
    // The write may have committed after all: its dedupe record says so, and holds the answer.
    co_return co_await AfterTimeout(address, commit.error());
  }
  if (!commit) {
    co_return Busy(commit.error());
  }
  co_return Committed(*commit, message, step, now);
}

std::optional<channels::DialogReply> Conversation::Committed(
    const store::CommitResult& commit, const channels::InboundMessage& message,
    const dialog::StepResult& step, TimeMs now) {
  switch (commit.outcome) {
    case store::CommitOutcome::kConflict:
      counters_.conflicts.Increment();
      return std::nullopt;
    case store::CommitOutcome::kSeen:
      counters_.dedupe_hits.Increment();
      return channels::DialogReply{.text = commit.reply, .end = commit.end};
    case store::CommitOutcome::kOverBudget:
      return OverBudget(
          message, commit.tell, "limit.reports", store::WibDayEnd(now),
          step.file_case ? step.file_case->lang : p_.engine.Get()->options().default_lang);
    case store::CommitOutcome::kDone:
      break;
  }
  if (!commit.tracking_no.empty()) {
    counters_.filed.Increment();
    counters_.completions.Increment();
    // No phone number, not even masked: the tracking number finds the reporter for who may know.
    log::Info("case_filed",
              {{"tracking_no", commit.tracking_no},
               {"channel", message.channel == dialog::Channel::kUssd ? "ussd" : "sms"}});
  }
  return channels::DialogReply{.text = commit.reply, .end = commit.end};
}

cases::Filing Conversation::FileCase(const dialog::FiledCase& report,
                                     const channels::InboundMessage& message, TimeMs now) const {
  return cases::FileReport({.answers = report.answers,
                            .labels = report.labels,
                            .phone = message.msisdn,
                            .lang = report.lang,
                            .channel = message.channel == dialog::Channel::kUssd ? "ussd" : "sms",
                            .region = report.region},
                           now, p_.desk.policy(), p_.desk.calendar());
}

boost::asio::awaitable<channels::DialogReply> Conversation::CaseAction(
    const channels::InboundMessage& message, const dialog::SmsCommand& command) {
  auto engine = p_.engine.Get();
  const auto& templates = engine->templates();
  std::string lang = engine->options().default_lang;
  auto parsed = cases::ParseTrackingNumber(command.argument);
  if (parsed.parse != cases::TrackingParse::kValid) {
    co_return channels::DialogReply{
        .text = templates.Render(
            lang,
            parsed.parse == cases::TrackingParse::kNoNumber ? "check.no_number" : "check.bad_digit",
            {{"tracking_no", parsed.digits}})};
  }
  const std::string& no = parsed.digits;
  const bool info = command.keyword == dialog::Keyword::kInfo;
  // (The request is built before co_await: GCC 12 miscompiles a braced list inside one.)
  casework::MoveRequest request{
      .case_no = no,
      .action = {.kind =
                     info ? cases::ActionKind::kCitizenInfo : cases::ActionKind::kCitizenFeedback,
                 .text = TextAfterNumber(command.argument),
                 .satisfied = command.satisfied},
      .actor = {.name = "citizen", .role = cases::Role::kCitizen, .phone = message.msisdn},
      .now = p_.clock.Now(),
      .message = casework::CitizenMessage{.provider = message.provider,
                                          .message_id = message.message_id,
                                          .dedupe_ttl_s = p_.dedupe_ttl_s}};
  auto outcome = co_await p_.desk.Move(std::move(request));
  if (outcome.before && !outcome.before->lang.empty()) {
    lang = outcome.before->lang;
  }
  switch (outcome.result) {
    case casework::MoveResult::kMoved:
      log::Info(
          "citizen_case_action",
          {{"tracking_no", no},
           {"action", std::string(cases::ActionName(info ? cases::ActionKind::kCitizenInfo
                                                         : cases::ActionKind::kCitizenFeedback))}});
      co_return channels::DialogReply{.text = outcome.reply};
    case casework::MoveResult::kSeen:
      counters_.dedupe_hits.Increment();
      co_return channels::DialogReply{.text = outcome.reply};
    case casework::MoveResult::kNotFound:
    case casework::MoveResult::kUnchanged:
      // Another citizen's case reads exactly like a missing one.
      co_return channels::DialogReply{
          .text = templates.Render(lang, "check.not_found", {{"tracking_no", no}})};
    case casework::MoveResult::kRefused: {
      std::string key = "citizen.not_now";
      if (info && outcome.error.code == Errc::kUnprocessable) {
        key = "citizen.info_usage";
      } else if (info && outcome.error.code == Errc::kTooManyRequests) {
        key = "citizen.info_limit";
      }
      co_return channels::DialogReply{.text = templates.Render(lang, key, {{"tracking_no", no}})};
    }
    case casework::MoveResult::kBusy:
      break;
  }
  co_return Busy(outcome.error);
}

}  // namespace lapor::conversation
