#include "store/budget_store.hpp"

#include <algorithm>

#include "text/local_time.hpp"

namespace lapor::store {
namespace {

constexpr TimeMs kDayMs = 24 * 3600 * 1000;
using text::kWibOffsetMs;

}  // namespace

int64_t WibDay(TimeMs now) { return (now + kWibOffsetMs) / kDayMs; }

TimeMs WibDayEnd(TimeMs now) { return (WibDay(now) + 1) * kDayMs - kWibOffsetMs; }

BudgetStore::BudgetStore(RedisClient& redis, Keys keys, Budgets budgets)
    : redis_(redis), keys_(std::move(keys)), budgets_(budgets) {}

namespace {

// INCR, then EXPIRE on every count: the window is in the key's name, so a TTL renewed by each
// message only keeps the counter of a busy window up to one window longer, and unlike
// `EXPIRE ... NX` (Redis 7) it works on any Redis.
void Count(std::vector<RedisCommand>& commands, const std::string& key, int64_t window_s) {
  commands.push_back({"INCR", key});
  commands.push_back({"EXPIRE", key});
  commands.back().Number(window_s);
}

Result<int64_t> CountOf(const RedisReply& incr, const RedisReply& expire) {
  for (const RedisReply* reply : {&incr, &expire}) {
    if (reply->is_error()) {
      return Error{Errc::kInternal, "redis: " + reply->str};
    }
  }
  if (!incr.is_integer()) {
    return Error{Errc::kInternal, "redis: unexpected reply to a budget count"};
  }
  return incr.integer;
}

}  // namespace

std::vector<RedisCommand> BudgetStore::AdmitCommands(const std::string& msisdn,
                                                     const std::string& address, TimeMs now) const {
  const int64_t now_s = now / 1000;
  std::vector<RedisCommand> commands;
  Count(commands, keys_.NumberBudget(msisdn, now_s / budgets_.number_window_s),
        budgets_.number_window_s);
  const bool exempt =
      std::any_of(budgets_.exempt_networks.begin(), budgets_.exempt_networks.end(),
                  [&](const Network& network) { return Contains(network, address); });
  if (!address.empty() && budgets_.requests_per_address > 0 && !exempt) {
    Count(commands, keys_.AddressBudget(address, now_s / budgets_.address_window_s),
          budgets_.address_window_s);
  }
  return commands;
}

Result<Admission> BudgetStore::ReadAdmission(std::span<const RedisReply> replies,
                                             TimeMs now) const {
  if (replies.size() != 2 && replies.size() != 4) {
    return Error{Errc::kInternal, "budget: replies do not match the commands"};
  }
  auto number = CountOf(replies[0], replies[1]);
  if (!number) {
    return number.error();
  }
  const int64_t window = now / 1000 / budgets_.number_window_s;
  Admission admission{.retry_at = (window + 1) * budgets_.number_window_s * 1000};
  if (replies.size() == 4) {
    auto address = CountOf(replies[2], replies[3]);
    if (!address) {
      return address.error();
    }
    if (*address > budgets_.requests_per_address) {
      // No answer that costs an SMS: a forger cycling numbers through one address gets nobody
      // texted.
      admission.verdict = BudgetVerdict::kSilent;
      return admission;
    }
  }
  if (*number <= budgets_.messages_per_number) {
    return admission;
  }
  // Told once per window, by the message that went over. (After a live edit lowering the
  // limit below a count already passed, that number stays silent until its window ends.)
  admission.verdict =
      *number == budgets_.messages_per_number + 1 ? BudgetVerdict::kTell : BudgetVerdict::kSilent;
  return admission;
}

boost::asio::awaitable<Result<Admission>> BudgetStore::Admit(const std::string& msisdn,
                                                             const std::string& address,
                                                             TimeMs now) {
  auto replies = co_await redis_.Pipeline(AdmitCommands(msisdn, address, now));
  if (!replies) {
    co_return replies.error();
  }
  co_return ReadAdmission(*replies, now);
}

}  // namespace lapor::store
