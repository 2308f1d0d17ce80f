#include "app/conversation.hpp"

#include "cases/tracking_number.hpp"
#include "channels/africastalking_ussd.hpp"
#include "common/log.hpp"

namespace lapor::app {
namespace {

// Enough for any realistic burst on one session; each try is a fresh read of the winner's state.
constexpr int kMaxAttempts = 8;

}  // namespace

channels::DialogReply Conversation::Busy(const Error& error) {
  metrics_.Increment(http::Counter::kRedisErrors);
  log::Warn("store_unavailable", {{"error", error.message}});
  return {.text = engine_.BusyText(engine_.options().default_lang), .end = true, .busy = true};
}

boost::asio::awaitable<channels::DialogReply> Conversation::Handle(
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
    auto snap = co_await store_.Read(address);
    if (!snap) {
      co_return Busy(snap.error());
    }
    if (snap->seen_reply) {
      metrics_.Increment(http::Counter::kDedupeHits);
      co_return channels::DialogReply{.text = *snap->seen_reply, .end = snap->seen_end};
    }
    TimeMs now = clock_.Now();
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
    dialog::StepResult step = engine_.Step(std::move(snap->session), input, now);
    if (ussd && step.session) {
      step.session->ussd_text = message.text;
    }
    auto commit = co_await store_.Commit(address, snap->version, step, now);
    if (!commit) {
      co_return Busy(commit.error());
    }
    switch (commit->outcome) {
      case store::CommitOutcome::kConflict:
        metrics_.Increment(http::Counter::kSessionConflicts);
        continue;
      case store::CommitOutcome::kSeen:
        metrics_.Increment(http::Counter::kDedupeHits);
        co_return channels::DialogReply{.text = commit->reply, .end = commit->end};
      case store::CommitOutcome::kDone:
        break;
    }
    if (!commit->tracking_no.empty()) {
      metrics_.Increment(http::Counter::kCasesFiled);
      metrics_.Increment(http::Counter::kDialogCompletions);
      log::Info("case_filed", {{"tracking_no", commit->tracking_no},
                               {"channel", ussd ? "ussd" : "sms"},
                               {"phone", log::MaskPhone(message.msisdn)}});
    }
    co_return channels::DialogReply{.text = commit->reply, .end = commit->end};
  }
  co_return Busy(Error{Errc::kConflict, "session kept changing under this step"});
}

}  // namespace lapor::app
