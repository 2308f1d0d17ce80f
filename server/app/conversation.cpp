#include "app/conversation.hpp"

#include "cases/tracking_number.hpp"
#include "channels/africastalking_ussd.hpp"
#include "common/log.hpp"
#include "outbox/notice_text.hpp"

namespace lapor::app {
namespace {

// Enough for any realistic burst on one session; each try is a fresh read of the winner's state.
constexpr int kMaxAttempts = 8;

// What follows the tracking number in "INFO 1234 5678 jalan masih rusak".
std::string TextAfterNumber(std::string_view argument) {
  size_t digits = 0;
  size_t i = 0;
  for (; i < argument.size() && digits < 8; ++i) {
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

channels::DialogReply Conversation::Busy(const Error& error) {
  p_.metrics.Increment(http::Counter::kRedisErrors);
  log::Warn("store_unavailable", {{"error", error.message}});
  return {.text = p_.engine.BusyText(p_.engine.options().default_lang), .end = true, .busy = true};
}

store::FilingExtras Conversation::Filing(const dialog::StepResult& step, dialog::Channel channel,
                                         TimeMs now) const {
  if (!step.file_case) {
    return {};
  }
  store::FilingExtras extras{.verify_due = p_.calendar.AddDays(now, p_.policy.verify_days)};
  // A USSD screen is gone once the call ends: the number comes again by SMS. An SMS reply stays
  // on the phone already. ({tracking_no} stays in: the store puts the number in.)
  if (channel == dialog::Channel::kUssd) {
    extras.received_text =
        p_.engine.templates().Render(step.file_case->lang, "notice.received", {});
  }
  return extras;
}

boost::asio::awaitable<channels::DialogReply> Conversation::Handle(
    const channels::InboundMessage& message) {
  if (message.channel == dialog::Channel::kSms) {
    auto command = dialog::ParseSmsCommand(message.text);
    if (command.keyword == dialog::Keyword::kInfo ||
        command.keyword == dialog::Keyword::kFeedback) {
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
  // round trip. For USSD the newest input is the part after the last '*'.
  auto star = message.text.rfind('*');
  std::string_view newest_guess = ussd && star != std::string::npos
                                      ? std::string_view(message.text).substr(star + 1)
                                      : std::string_view(message.text);
  address.lookup_no = cases::ExtractTrackingNumber(newest_guess).value_or("");

  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto snap = co_await p_.dialogs.Read(address);
    if (!snap) {
      co_return Busy(snap.error());
    }
    if (snap->seen_reply) {
      p_.metrics.Increment(http::Counter::kDedupeHits);
      co_return channels::DialogReply{.text = *snap->seen_reply, .end = snap->seen_end};
    }
    TimeMs now = p_.clock.Now();
    dialog::StepInput input{.channel = message.channel,
                            .msisdn = message.msisdn,
                            .text = message.text,
                            .ussd_dial = ussd && message.text.empty(),
                            .resume = std::move(snap->resume),
                            .lookup = std::move(snap->lookup)};
    if (ussd) {
      input.text =
          channels::NewestUssdInput(snap->session ? snap->session->ussd_text : "", message.text);
    }
    dialog::StepResult step = p_.engine.Step(std::move(snap->session), input, now);
    if (ussd && step.session) {
      step.session->ussd_text = message.text;
    }
    auto commit = co_await p_.dialogs.Commit(address, snap->version, step,
                                             Filing(step, message.channel, now), now);
    if (!commit) {
      co_return Busy(commit.error());
    }
    switch (commit->outcome) {
      case store::CommitOutcome::kConflict:
        p_.metrics.Increment(http::Counter::kSessionConflicts);
        continue;
      case store::CommitOutcome::kSeen:
        p_.metrics.Increment(http::Counter::kDedupeHits);
        co_return channels::DialogReply{.text = commit->reply, .end = commit->end};
      case store::CommitOutcome::kDone:
        break;
    }
    if (!commit->tracking_no.empty()) {
      p_.metrics.Increment(http::Counter::kCasesFiled);
      p_.metrics.Increment(http::Counter::kDialogCompletions);
      log::Info("case_filed", {{"tracking_no", commit->tracking_no},
                               {"channel", ussd ? "ussd" : "sms"},
                               {"phone", log::MaskPhone(message.msisdn)}});
    }
    co_return channels::DialogReply{.text = commit->reply, .end = commit->end};
  }
  co_return Busy(Error{Errc::kConflict, "session kept changing under this step"});
}

boost::asio::awaitable<channels::DialogReply> Conversation::CaseAction(
    const channels::InboundMessage& message, const dialog::SmsCommand& command) {
  const auto& templates = p_.engine.templates();
  std::string lang = p_.engine.options().default_lang;
  auto parsed = cases::ParseTrackingNumber(command.argument);
  if (parsed.parse != cases::TrackingParse::kValid) {
    co_return channels::DialogReply{
        .text = templates.Render(
            lang,
            parsed.parse == cases::TrackingParse::kNoNumber ? "check.no_number" : "check.bad_digit",
            {{"tracking_no", parsed.digits}})};
  }
  const std::string& no = parsed.digits;
  cases::Action action{.kind = command.keyword == dialog::Keyword::kInfo
                                   ? cases::ActionKind::kCitizenInfo
                                   : cases::ActionKind::kCitizenFeedback,
                       .text = TextAfterNumber(command.argument),
                       .satisfied = command.satisfied};
  cases::Actor citizen{.name = "citizen", .role = cases::Role::kCitizen};
  store::StepAddress address{.provider = message.provider,
                             .message_id = message.message_id,
                             .channel = message.channel,
                             .msisdn = message.msisdn};
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto snap = co_await p_.dialogs.Read(address);
    if (!snap) {
      co_return Busy(snap.error());
    }
    if (snap->seen_reply) {
      p_.metrics.Increment(http::Counter::kDedupeHits);
      co_return channels::DialogReply{.text = *snap->seen_reply};
    }
    auto loaded = co_await p_.cases.Load(no);
    if (!loaded) {
      co_return Busy(loaded.error());
    }
    // Another citizen's case reads exactly like a missing one.
    if (!*loaded || (*loaded)->phone != message.msisdn) {
      co_return channels::DialogReply{
          .text = templates.Render(lang, "check.not_found", {{"tracking_no", no}})};
    }
    const cases::Case& before = **loaded;
    lang = before.lang.empty() ? lang : before.lang;
    TimeMs now = p_.clock.Now();
    auto transition = cases::Apply(before, action, citizen, now, p_.policy, p_.calendar);
    if (!transition) {
      bool empty_info = transition.error().code == Errc::kUnprocessable &&
                        action.kind == cases::ActionKind::kCitizenInfo;
      co_return channels::DialogReply{
          .text = templates.Render(lang, empty_info ? "citizen.info_usage" : "citizen.not_now",
                                   {{"tracking_no", no}})};
    }
    // The citizen's own notices are the reply to this SMS; the rest goes through the outbox.
    std::vector<cases::Notice> officials;
    std::string reply;
    for (auto& notice : transition->notices) {
      if (notice.audience == cases::Audience::kCitizen) {
        auto text = templates.Render(notice.lang, notice.template_key, notice.vars);
        reply += reply.empty() ? text : "\n" + text;
      } else {
        officials.push_back(notice);
      }
    }
    store::CaseDedupe dedupe{.provider = message.provider,
                             .message_id = message.message_id,
                             .reply = reply,
                             .ttl_s = p_.dedupe_ttl_s};
    std::string seen_reply;
    auto written =
        co_await p_.cases.Commit(before, *transition, outbox::RenderNotices(officials, templates),
                                 "", now, &dedupe, &seen_reply);
    if (!written) {
      co_return Busy(written.error());
    }
    switch (*written) {
      case store::CaseWrite::kConflict:
        continue;
      case store::CaseWrite::kSeen:
        co_return channels::DialogReply{.text = seen_reply};
      case store::CaseWrite::kMissing:
        co_return channels::DialogReply{
            .text = templates.Render(lang, "check.not_found", {{"tracking_no", no}})};
      case store::CaseWrite::kOk:
        break;
    }
    log::Info("citizen_case_action",
              {{"tracking_no", no}, {"action", std::string(cases::ActionName(action.kind))}});
    co_return channels::DialogReply{.text = reply};
  }
  co_return Busy(Error{Errc::kConflict, "case kept changing under this message"});
}

}  // namespace lapor::app
