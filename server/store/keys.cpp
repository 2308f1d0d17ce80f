#include "store/keys.hpp"

#include <charconv>
#include <initializer_list>

namespace lapor::store {
namespace {

// A key from its pieces in one allocation: a step builds several keys (session, budgets,
// citizen), and each `+` of std::strings allocated a temporary.
std::string Join(std::initializer_list<std::string_view> pieces) {
  size_t size = 0;
  for (std::string_view piece : pieces) {
    size += piece.size();
  }
  std::string key;
  key.reserve(size);
  for (std::string_view piece : pieces) {
    key += piece;
  }
  return key;
}

// Where the cases live under the prefix (Case, CasePrefix).
constexpr std::string_view kCaseSpace = "case:";

}  // namespace

std::string Keys::SmsSession(std::string_view msisdn) const {
  return Join({prefix_, "sess:{", msisdn, "}:sms"});
}
std::string Keys::UssdSession(std::string_view msisdn) const {
  return Join({prefix_, "ussd:{", msisdn, "}"});
}
std::string Keys::Seen(std::string_view provider, std::string_view message_id) const {
  return Join({prefix_, "seen:", provider, ":", message_id});
}
std::string Keys::Case(std::string_view tracking_no) const {
  return Join({prefix_, kCaseSpace, tracking_no});
}
std::string Keys::CaseLog(std::string_view tracking_no) const { return Case(tracking_no) + ":log"; }
std::string Keys::CasePrefix() const { return Join({prefix_, kCaseSpace}); }
std::string Keys::CaseSequence() const { return prefix_ + "seq:case"; }
std::string Keys::Due() const { return prefix_ + "due"; }
std::string Keys::DueClaimed() const { return prefix_ + "due:claimed"; }
std::string Keys::CaseIndex() const { return prefix_ + "cases"; }
std::string Keys::Outbox() const { return prefix_ + "outbox"; }
std::string Keys::OutboxSequence() const { return prefix_ + "seq:outbox"; }
std::string Keys::OutboxRetry() const { return prefix_ + "outbox:retry"; }
std::string Keys::OutboxDead() const { return prefix_ + "outbox:dead"; }
std::string Keys::OutboxMessage(std::string_view id) const {
  return OutboxMessagePrefix() + std::string(id);
}
std::string Keys::OutboxMessagePrefix() const { return prefix_ + "outbox:msg:"; }
std::string Keys::OutboxReplies() const { return prefix_ + "outbox:replies"; }
std::string Keys::OutboxReplyOnce(std::string_view provider, std::string_view message_id) const {
  return prefix_ + "outbox:replied:" + std::string(provider) + ":" + std::string(message_id);
}
std::string Keys::OutboxRefPrefix() const { return prefix_ + "outbox:ref:"; }
std::string Keys::OutboxRef(std::string_view gateway, std::string_view reference) const {
  return OutboxRefPrefix() + std::string(gateway) + ":" + std::string(reference);
}
std::string Keys::SendRate(std::string_view gateway) const {
  return prefix_ + "rate:send:" + std::string(gateway);
}
std::string Keys::NumberBudget(std::string_view msisdn, int64_t window) const {
  return Join({prefix_, "budget:{", msisdn, "}:in:", std::to_string(window)});
}
std::string Keys::AddressBudget(std::string_view address, int64_t window) const {
  return Join({prefix_, "budget:addr:", address, ":", std::to_string(window)});
}
std::string Keys::ReportsFiled(std::string_view msisdn, int64_t day) const {
  return Join({prefix_, "budget:{", msisdn, "}:filed:", std::to_string(day)});
}
std::string Keys::ReportsFiledTold(std::string_view msisdn, int64_t day) const {
  return ReportsFiled(msisdn, day) + ":told";
}
std::string Keys::Citizen(std::string_view msisdn) const {
  return Join({prefix_, "citizen:{", msisdn, "}"});
}
std::string Keys::CitizenCases(std::string_view msisdn) const { return Citizen(msisdn) + ":cases"; }
std::string Keys::TemplateTexts(std::string_view lang) const {
  return prefix_ + "tpl:" + std::string(lang);
}
std::string Keys::TemplateHistory() const { return prefix_ + "tpl:history"; }
std::string Keys::TemplateVersion() const { return prefix_ + "tpl:version"; }
std::string Keys::Tokens() const { return prefix_ + "tokens"; }
std::string Keys::TokensRevoked() const { return prefix_ + "tokens:revoked"; }
std::string Keys::TokensLastUse() const { return prefix_ + "tokens:last_use"; }
std::string Keys::TokensVersion() const { return prefix_ + "tokens:version"; }
std::string Keys::DialogDocs() const { return prefix_ + "dlg:docs"; }
std::string Keys::DialogSeq() const { return prefix_ + "dlg:seq"; }
std::string Keys::DialogActive() const { return prefix_ + "dlg:active"; }
std::string Keys::DialogRecent() const { return prefix_ + "dlg:recent"; }
std::string Keys::DialogHistory() const { return prefix_ + "dlg:history"; }

std::string DueMember(std::string_view tracking_no, cases::DeadlineKind kind, TimeMs due) {
  return std::string(tracking_no) + ":" + DueSuffix(kind, due);
}

std::string DueSuffix(cases::DeadlineKind kind, TimeMs due) {
  return std::string(cases::DeadlineName(kind)) + ":" + std::to_string(due);
}

std::optional<DueEntry> ParseDueMember(std::string_view member) {
  auto first = member.find(':');
  auto last = member.rfind(':');
  if (first == std::string_view::npos || first == last) {
    return std::nullopt;
  }
  auto kind = cases::ParseDeadline(member.substr(first + 1, last - first - 1));
  TimeMs due = 0;
  auto digits = member.substr(last + 1);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), due);
  if (!kind || ec != std::errc{} || end != digits.data() + digits.size()) {
    return std::nullopt;
  }
  return DueEntry{std::string(member.substr(0, first)), *kind, due};
}

}  // namespace lapor::store
