#include "store/budget_store.hpp"

#include <algorithm>

#include "store/lua_library.hpp"
#include "text/local_time.hpp"

namespace lapor::store {
namespace {

constexpr TimeMs kDayMs = 24 * 3600 * 1000;
using text::kWibOffsetMs;

}  // namespace

int64_t WibDay(TimeMs now) { return (now + kWibOffsetMs) / kDayMs; }

TimeMs WibDayEnd(TimeMs now) { return (WibDay(now) + 1) * kDayMs - kWibOffsetMs; }

BudgetStore::BudgetStore(RedisClient& redis, Keys keys, Budgets budgets)
    : redis_(redis), keys_(std::move(keys)), budgets_(budgets), script_(LibraryScript("budget")) {
  redis_.RegisterScript(script_);
}

std::vector<std::string> BudgetStore::AdmitCall(const std::string& msisdn,
                                                const std::string& address, TimeMs now) const {
  const int64_t now_s = now / 1000;
  const int64_t window = now_s / budgets_.number_window_s;
  const int64_t address_window = now_s / budgets_.address_window_s;
  const bool exempt =
      std::any_of(budgets_.exempt_networks.begin(), budgets_.exempt_networks.end(),
                  [&](const Network& network) { return Contains(network, address); });
  const bool count_address = !address.empty() && budgets_.requests_per_address > 0 && !exempt;
  return RedisClient::EvalSha(
      script_,
      {keys_.NumberBudget(msisdn, window), keys_.NumberBudgetTold(msisdn, window),
       count_address ? keys_.AddressBudget(address, address_window) : keys_.AddressBudget("-", 0)},
      {std::to_string(budgets_.messages_per_number), std::to_string(budgets_.number_window_s),
       std::to_string(count_address ? budgets_.requests_per_address : 0),
       std::to_string(budgets_.address_window_s)});
}

Result<Admission> BudgetStore::ReadAdmission(const RedisReply& reply, TimeMs now) const {
  if (reply.is_error()) {
    return Error{Errc::kInternal, "redis: " + reply.str};
  }
  const int64_t window = now / 1000 / budgets_.number_window_s;
  Admission admission{.retry_at = (window + 1) * budgets_.number_window_s * 1000};
  if ((reply.is_string() || reply.is_status()) && reply.str == "tell") {
    admission.verdict = BudgetVerdict::kTell;
  } else if ((reply.is_string() || reply.is_status()) && reply.str == "silent") {
    admission.verdict = BudgetVerdict::kSilent;
  } else if (!(reply.is_string() || reply.is_status()) || reply.str != "ok") {
    return Error{Errc::kInternal, "redis: unexpected reply to budget"};
  }
  return admission;
}

boost::asio::awaitable<Result<Admission>> BudgetStore::Admit(const std::string& msisdn,
                                                             const std::string& address,
                                                             TimeMs now) {
  auto reply = co_await redis_.Command(AdmitCall(msisdn, address, now));
  if (!reply) {
    co_return reply.error();
  }
  co_return ReadAdmission(*reply, now);
}

}  // namespace lapor::store
