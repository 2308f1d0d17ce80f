#include "store/dialog_store.hpp"

#include "cases/tracking_number.hpp"
#include "common/whole_number.hpp"
#include "dialog/session_record.hpp"
#include "dialog/ussd_state.hpp"
#include "store/budget_store.hpp"
#include "store/case_records.hpp"
#include "store/dedupe_record.hpp"
#include "store/lua_library.hpp"

namespace lapor::store {
namespace {

using dialog::Channel;

bool IsUssd(const StepAddress& a) { return a.channel == Channel::kUssd; }

std::string SessionKey(const Keys& keys, const StepAddress& a) {
  return IsUssd(a) ? keys.UssdSession(a.msisdn) : keys.SmsSession(a.msisdn);
}

int64_t ToInt(const RedisReply& reply) {
  if (reply.is_integer()) {
    return reply.integer;
  }
  int64_t value = 0;
  return reply.is_string() && ParseWhole(reply.str, value) ? value : 0;
}

}  // namespace

DialogStore::DialogStore(RedisClient& redis, Keys keys, StepTtls ttls, int64_t reports_per_day)
    : redis_(redis),
      keys_(std::move(keys)),
      ttls_(ttls),
      reports_per_day_(reports_per_day),
      step_script_(LibraryScript("dialog_step")) {
  redis_.RegisterScript(step_script_);
}

namespace {

// The read's pipeline after the budget's counts: USSD: the citizen's USSD state; SMS: the
// dedupe record and the session; then the case sequence (so a step that files a case knows the
// next numbers) and (the case looked up).
void AppendReadCommands(const Keys& keys, const StepAddress& a,
                        std::vector<RedisCommand>& commands) {
  if (IsUssd(a)) {
    commands.push_back({"GET", keys.UssdSession(a.msisdn)});
  } else {
    commands.push_back({"GET", keys.Seen(a.provider, a.message_id)});
    commands.push_back({"HMGET", keys.SmsSession(a.msisdn), "v", "data"});
  }
  commands.push_back({"GET", keys.CaseSequence()});
  if (!a.lookup_no.empty()) {
    commands.push_back({"HMGET", keys.Case(a.lookup_no), "status", "phone", "updated_at"});
  }
}

// A USSD state read: this message answered already (seen_*), or the session of this call, or
// (on a dial) the session a dropped call left to resume.
Result<Ok> ReadUssdState(const StepAddress& a, const RedisReply& reply, StepSnapshot& snap) {
  snap.ussd_call = dialog::UssdShortId(a.ussd_session_id);
  snap.ussd_seen = dialog::UssdShortId(a.message_id);
  if (!reply.is_string()) {
    return Ok{};  // nothing stored: a first call, or the last ended long ago
  }
  auto state = dialog::DecodeUssdState(reply.str);
  if (!state) {
    return Error{Errc::kInternal, "stored USSD state is malformed"};
  }
  snap.version = state->version;
  const bool this_call = state->call == snap.ussd_call;
  const bool answered = this_call && state->seen == snap.ussd_seen;
  if (answered && (state->session.empty() || !state->reply.empty())) {
    snap.seen_end = state->end;
    snap.seen_reply = std::move(state->reply);
    return Ok{};
  }
  if (state->session.empty() || !(this_call || a.want_resume)) {
    return Ok{};
  }
  auto session = dialog::DecodeSession(state->session);
  if (!this_call) {
    // A session we cannot read is only a lost chance to resume, not a failed step.
    if (session) {
      snap.resume = std::move(*session);
    }
    return Ok{};
  }
  if (!session) {
    return session.error();
  }
  (answered ? snap.seen_session : snap.session) = std::move(*session);
  return Ok{};
}

// An SMS read: the dedupe record, or the session.
Result<Ok> ReadSmsSession(const RedisReply& seen, const RedisReply& session, StepSnapshot& snap) {
  if (auto record = seen.is_string() ? DecodeDedupe(seen.str) : std::nullopt) {
    snap.seen_end = record->end;
    snap.seen_reply = std::move(record->reply);
    return Ok{};
  }
  if (session.is_array() && session.elements.size() == 2 && session.elements[1].is_string()) {
    auto parsed = dialog::DecodeSession(session.elements[1].str);
    if (!parsed) {
      return parsed.error();
    }
    snap.session = std::move(*parsed);
    snap.version = ToInt(session.elements[0]);
  }
  return Ok{};
}

// The rest of the snapshot from the replies after the budget's (the first is at `i`).
Result<Ok> ReadStepReplies(const StepAddress& a, const std::vector<RedisReply>& replies, size_t i,
                           StepSnapshot& snap) {
  auto read = IsUssd(a) ? ReadUssdState(a, replies[i], snap)
                        : ReadSmsSession(replies[i], replies[i + 1], snap);
  i += IsUssd(a) ? 1 : 2;
  if (!read) {
    return read.error();
  }
  snap.case_sequence = ToInt(replies[i++]);
  if (!a.lookup_no.empty()) {
    const auto& found = replies[i++];
    if (found.is_array() && found.elements.size() == 3 && found.elements[0].is_string()) {
      snap.lookup = dialog::CaseView{.tracking_no = a.lookup_no,
                                     .status = found.elements[0].str,
                                     .phone = found.elements[1].str,
                                     .updated_at = ToInt(found.elements[2])};
    }
  }
  return Ok{};
}

}  // namespace

boost::asio::awaitable<Result<StepSnapshot>> DialogStore::Read(const StepAddress& a) {
  std::vector<RedisCommand> commands;
  if (a.budget != nullptr) {
    commands = a.budget->AdmitCommands(a.msisdn, a.peer, a.now);
  }
  const size_t counts = commands.size();
  AppendReadCommands(keys_, a, commands);
  auto replies = co_await redis_.Pipeline(std::move(commands));
  if (!replies) {
    co_return replies.error();
  }
  StepSnapshot snap;
  const size_t i = counts;
  if (a.budget != nullptr) {
    // Over budget, nothing else of the read counts.
    auto admission = a.budget->ReadAdmission(std::span(*replies).first(counts), a.now);
    if (!admission) {
      co_return admission.error();
    }
    snap.admission = *admission;
    if (admission->verdict != BudgetVerdict::kOk) {
      co_return snap;
    }
  }
  for (const auto& reply : *replies) {
    if (reply.is_error()) {
      co_return Error{Errc::kInternal, "redis: " + reply.str};
    }
  }
  if (auto read = ReadStepReplies(a, *replies, i, snap); !read) {
    co_return read.error();
  }
  co_return snap;
}

namespace {

// How many tracking numbers a filing step brings: the next sequence numbers after the one it
// read, with their check digits. More filings than this between its read and its write (on any
// instance) make it read again.
constexpr int64_t kTrackingCandidates = 16;

// Adds the script's filing arguments (ARGV[12]...): only a step that files sends them.
Result<Ok> AddFilingArgs(const Keys& keys, const FilingWrite& write, int64_t sequence,
                         int64_t reports_per_day, TimeMs now, RedisCommand& command) {
  const int64_t day_left = (WibDayEnd(now) - now) / 1000 + 1;
  const cases::Case& c = write.filing.c;
  std::string candidates;
  for (int64_t seq = sequence + 1; seq <= sequence + kTrackingCandidates; ++seq) {
    auto no = cases::MakeTrackingNumber(static_cast<uint64_t>(seq));
    if (!no) {
      break;
    }
    candidates += (candidates.empty() ? "" : " ") + *no;
  }
  if (candidates.empty()) {
    return Error{Errc::kUnavailable, "case numbers exhausted"};
  }
  std::string deadlines;
  for (const auto& [kind, due] : c.deadlines) {
    deadlines += (deadlines.empty() ? "" : " ") + DueSuffix(kind, due);
  }
  const cases::OutboundSms* sms = write.sms.empty() ? nullptr : &write.sms.front();
  command.Arg(cases::kTrackingPlaceholder)
      .Arg(keys.CasePrefix())
      .Number(now)
      .Number(sequence + 1)
      .Arg(candidates)
      .Arg(EncodeAuditEntry(write.filing.entry))
      .Arg(deadlines)
      .Arg(sms != nullptr ? std::string_view(sms->text) : "")
      .Arg(sms != nullptr ? std::string_view(sms->kind) : "")
      .Arg(sms != nullptr ? std::string_view(sms->to) : "")
      .Number(reports_per_day)
      .Number(day_left);
  for (const auto& [field, value] : cases::NewCaseFields(c)) {
    if (field != "tracking_no") {  // the script adds it
      command.Arg(field).Arg(value);
    }
  }
  return Ok{};
}

// How long a USSD state is kept. While the dialog goes on: as long as the session, or as long as
// a dropped call may be resumed if that is longer. Once it ended, only for a retry of its last
// answer: a telco retries a USSD request only while its call lives (seconds to three minutes),
// so the session's lifetime is ample, not the day an SMS dedupe record is kept.
int64_t UssdStateTtl(const StepTtls& ttls, bool end) {
  return end ? ttls.ussd_session_s : std::max(ttls.ussd_session_s, ttls.resume_s);
}

}  // namespace

Result<RedisCommand> DialogStore::StepCommand(const StepAddress& a, const StepSnapshot& snapshot,
                                              const dialog::StepResult& step,
                                              const FilingWrite* filing, TimeMs now) const {
  const bool ussd = IsUssd(a);
  const bool end = step.end || !step.session;
  std::string session_record;
  std::string node;
  std::string lang = filing != nullptr ? filing->filing.c.lang : "";
  if (step.session) {
    session_record = dialog::EncodeSession(*step.session);
    node = step.session->node;
    lang = step.session->lang;
  }
  if (ussd) {
    // The whole new state: this call, this message answered, and the session to render a retry
    // from, or the answer itself when rendering would not give it (dialog/ussd_state.hpp).
    dialog::UssdState next{.version = snapshot.version + 1,
                           .call = snapshot.ussd_call,
                           .seen = snapshot.ussd_seen,
                           .end = end};
    if (!end) {
      next.session = std::move(session_record);
    }
    if (end || !step.replayable) {
      next.reply = step.screen;
    }
    session_record = dialog::EncodeUssdState(next);
  }
  const std::string session_key = SessionKey(keys_, a);
  // A step that files nothing sends only what the script reads of it (dialog_step.lua).
  const int key_count = filing != nullptr ? 11 : step.opt_out ? 4 : ussd ? 1 : 2;
  RedisCommand command =
      RedisCommand::EvalSha(step_script_, key_count, /*room=*/filing != nullptr ? 4096 : 512);
  command.Arg(session_key);
  if (key_count > 1) {
    // A view of the session key for USSD, not a copy of it (a temporary Seen key lives to the
    // end of the statement).
    command.Arg(ussd ? std::string_view(session_key) : keys_.Seen(a.provider, a.message_id));
  }
  if (key_count > 2) {
    command.Arg(keys_.CaseSequence()).Arg(keys_.Citizen(a.msisdn));
  }
  if (key_count > 4) {
    command.Arg(keys_.CitizenCases(a.msisdn))
        .Arg(keys_.Due())
        .Arg(keys_.CaseIndex())
        .Arg(keys_.Outbox())
        .Arg(keys_.OutboxSequence())
        .Arg(keys_.ReportsFiled(a.msisdn, WibDay(now)))
        .Arg(keys_.ReportsFiledTold(a.msisdn, WibDay(now)));
  }
  command.Number(snapshot.version)
      .Arg(session_record)
      .Number(ussd ? UssdStateTtl(ttls_, end) : ttls_.sms_session_s)
      .Arg(node)
      .Arg(lang)
      // A USSD step that files nothing has no number to put in its reply and keeps no dedupe
      // record: the reply stays here.
      .Arg(ussd && filing == nullptr ? std::string_view() : std::string_view(step.screen))
      .Arg(DedupeKind(end))
      .Number(ttls_.dedupe_s)
      .Arg(ussd ? "ussd" : "sms")
      .Arg(ussd ? std::string_view(snapshot.ussd_seen) : "")
      .Arg(step.opt_out ? (*step.opt_out ? "1" : "0") : "");
  if (filing != nullptr) {
    if (auto added =
            AddFilingArgs(keys_, *filing, snapshot.case_sequence, reports_per_day_, now, command);
        !added) {
      return added.error();
    }
  }
  return command;
}

namespace {

// dialog_step.lua's answer: {"conflict"} | {"seen", record} | {"ok"} (nothing filed) |
// {"ok", reply, tracking number} | {"over", "tell" | "silent"}.
Result<CommitResult> ReadStepReply(const RedisReply& reply, const dialog::StepResult& step) {
  if (reply.is_error()) {
    return Error{Errc::kInternal, "redis: " + reply.str};
  }
  const auto& parts = reply.elements;
  if (!reply.is_array() || parts.empty() || !parts[0].is_string()) {
    return Error{Errc::kInternal, "unexpected reply from dialog_step"};
  }
  CommitResult result;
  if (parts[0].str == "conflict") {
    result.outcome = CommitOutcome::kConflict;
  } else if (parts[0].str == "seen" && parts.size() == 1) {
    // USSD: a copy of this request was answered meanwhile. Reading again finds its answer.
    result.outcome = CommitOutcome::kConflict;
  } else if (parts[0].str == "seen" && parts.size() == 2) {
    auto record = DecodeDedupe(parts[1].str).value_or(DedupeRecord{});
    result.outcome = CommitOutcome::kSeen;
    result.end = record.end;
    result.reply = std::move(record.reply);
  } else if (parts[0].str == "over" && parts.size() == 2) {
    result.outcome = CommitOutcome::kOverBudget;
    result.tell = parts[1].str == "tell";
  } else if (parts[0].str == "ok" && (parts.size() == 1 || parts.size() == 3)) {
    // Filed: the reply with the tracking number in it; otherwise the reply given.
    result.reply = parts.size() == 3 ? parts[1].str : step.screen;
    if (parts.size() == 3) {
      result.tracking_no = parts[2].str;
    }
    result.end = step.end || !step.session;
  } else {
    return Error{Errc::kInternal, "unexpected reply from dialog_step"};
  }
  return result;
}

}  // namespace

boost::asio::awaitable<Result<CommitResult>> DialogStore::Commit(const StepAddress& a,
                                                                 const StepSnapshot& snapshot,
                                                                 const dialog::StepResult& step,
                                                                 const FilingWrite* filing,
                                                                 TimeMs now) {
  auto command = StepCommand(a, snapshot, step, filing, now);
  if (!command) {
    co_return command.error();
  }
  auto reply = co_await redis_.Command(std::move(*command));
  if (!reply) {
    co_return reply.error();
  }
  co_return ReadStepReply(*reply, step);
}

}  // namespace lapor::store
