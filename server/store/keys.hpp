#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cases/case.hpp"
#include "common/clock.hpp"

namespace lapor::store {

// Every Redis key name, built in this one place (DESIGN.md, "Redis key schema"). A citizen's keys
// share the hash tag {<msisdn>}, so they live in one cluster slot and one script may touch them.
class Keys {
 public:
  explicit Keys(std::string prefix) : prefix_(std::move(prefix)) {}

  std::string SmsSession(std::string_view msisdn) const;
  // "<prefix>ussd:{<msisdn>}": a citizen's USSD state (dialog/ussd_state.hpp), one per phone,
  // whatever the call, so a dropped call's dialog is there for the next dial to resume. Short on
  // purpose: the key is part of every live session's memory (bench/README.md).
  std::string UssdSession(std::string_view msisdn) const;
  std::string Seen(std::string_view provider, std::string_view message_id) const;
  std::string Case(std::string_view tracking_no) const;
  std::string CaseLog(std::string_view tracking_no) const;
  // "<prefix>case:" — the Lua script appends the number it allocates.
  std::string CasePrefix() const;
  std::string CaseSequence() const;
  // Pending deadlines, "<no>:<kind>:<due ms>" scored by due time; and those a scheduler claimed.
  std::string Due() const;
  std::string DueClaimed() const;
  // Every case, scored by when it was filed (the officials' list).
  std::string CaseIndex() const;
  // Outbound SMS: the stream, its id sequence, retries waiting (zset), dead letters (list), and
  // what became of each message (hash per id).
  std::string Outbox() const;
  std::string OutboxSequence() const;
  std::string OutboxRetry() const;
  std::string OutboxDead() const;
  std::string OutboxMessage(std::string_view id) const;
  // "<prefix>outbox:msg:": the Lua scripts append the id they find.
  std::string OutboxMessagePrefix() const;
  // Replies to a citizen's SMS wait on a lane of their own, read before the notices.
  std::string OutboxReplies() const;
  // A reply queued for an inbound message (so a gateway's retry does not queue it again).
  std::string OutboxReplyOnce(std::string_view provider, std::string_view message_id) const;
  // "<prefix>outbox:ref:": + "<gateway>:<its reference>" -> our message id.
  std::string OutboxRefPrefix() const;
  std::string OutboxRef(std::string_view gateway, std::string_view reference) const;
  // A gateway's send-rate token bucket, shared by every sender.
  std::string SendRate(std::string_view gateway) const;
  // Budgets (per-number and per-address counters, per window; reports filed per WIB day).
  std::string NumberBudget(std::string_view msisdn, int64_t window) const;
  std::string AddressBudget(std::string_view address, int64_t window) const;
  std::string ReportsFiled(std::string_view msisdn, int64_t day) const;
  std::string ReportsFiledTold(std::string_view msisdn, int64_t day) const;
  std::string Citizen(std::string_view msisdn) const;
  std::string CitizenCases(std::string_view msisdn) const;

  // Template edits over templates/*.json: the texts per language (hash key -> text), every
  // change (list, newest first) and the version the last change made (string, INCR).
  std::string TemplateTexts(std::string_view lang) const;
  std::string TemplateHistory() const;
  std::string TemplateVersion() const;
  // Officials' tokens made through the API (hash name -> record), names revoked (hash name ->
  // ms), last use (hash name -> ms) and the version the last change made (string, INCR).
  std::string Tokens() const;
  std::string TokensRevoked() const;
  std::string TokensLastUse() const;
  std::string TokensVersion() const;
  // Dialog versions over dialogs/*.json: each stored version (hash n -> {"dialog", "author",
  // "note", "at"}), the last number given (string, INCR), the version active for new sessions
  // (string; missing: 0, as shipped), the versions most recently active (list, newest first)
  // and every save and activation (list, newest first).
  std::string DialogDocs() const;
  std::string DialogSeq() const;
  std::string DialogActive() const;
  std::string DialogRecent() const;
  std::string DialogHistory() const;

  const std::string& prefix() const { return prefix_; }

 private:
  std::string prefix_;
};

// A member of the `due` set: "<no>:<kind>:<due ms>". The due time is part of the member so a
// deadline set again for another time is another member, and a stale one is recognisable.
std::string DueMember(std::string_view tracking_no, cases::DeadlineKind kind, TimeMs due);
// "<kind>:<due ms>": the member without its tracking number, for a case whose number is not yet
// allocated (dialog_step.lua puts the number in front).
std::string DueSuffix(cases::DeadlineKind kind, TimeMs due);
struct DueEntry {
  std::string tracking_no;
  cases::DeadlineKind kind;
  TimeMs due;
};
std::optional<DueEntry> ParseDueMember(std::string_view member);

}  // namespace lapor::store
