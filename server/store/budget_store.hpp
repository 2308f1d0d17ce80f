#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/network.hpp"
#include "common/result.hpp"
#include "store/keys.hpp"
#include "store/redis_client.hpp"

namespace lapor::store {

// How much one number and one address may send, counted in Redis so every instance counts
// together (config "limits").
struct Budgets {
  int64_t messages_per_number = 30;     // inbound messages of one number ...
  int64_t number_window_s = 10 * 60;    // ... in this window
  int64_t requests_per_address = 6000;  // webhook requests through one address (0: no limit) ...
  int64_t address_window_s = 60;        // ... in this window
  // Addresses not counted (a gateway on this machine carries every citizen); the config's
  // default is loopback.
  std::vector<Network> exempt_networks;
  int64_t reports_per_day = 5;  // cases one number may file in a WIB day
};

enum class BudgetVerdict {
  kOk,      // go on
  kTell,    // over: answer once, politely, saying when to try again; store nothing
  kSilent,  // over, told already (or the address is over): store nothing, say nothing that costs
};

struct Admission {
  BudgetVerdict verdict = BudgetVerdict::kOk;
  TimeMs retry_at = 0;  // kTell/kSilent: when the number's window ends
};

// The per-number and per-address budgets: each message INCRements its number's counter (and its
// address's) before any other read or write of it. Fixed windows on the injected clock. Plain
// commands, not a script: INCR is atomic, so the one message that takes a number's count to
// limit + 1 is the one told (no flag to set), and the counting rides in the pipeline of the
// step's read as two plain commands per counter (bench/README.md has what that bought).
class BudgetStore {
 public:
  BudgetStore(RedisClient& redis, Keys keys, Budgets budgets);

  // Counts a message of `msisdn` (E.164) that came through `address` ("" = not counted).
  // Errors: kUnavailable / kTimeout (Redis), kInternal (an unexpected reply).
  boost::asio::awaitable<Result<Admission>> Admit(const std::string& msisdn,
                                                  const std::string& address, TimeMs now);

  // Admit as commands and their replies, for a caller that sends them in the pipeline of its own
  // read (DialogStore::Read), so counting costs no round trip of its own. ReadAdmission takes
  // the replies of exactly the commands AdmitCommands gave.
  std::vector<RedisCommand> AdmitCommands(const std::string& msisdn, const std::string& address,
                                          TimeMs now) const;
  Result<Admission> ReadAdmission(std::span<const RedisReply> replies, TimeMs now) const;

  const Budgets& budgets() const { return budgets_; }

 private:
  RedisClient& redis_;
  Keys keys_;
  Budgets budgets_;
};

// The WIB (UTC+7) day `now` falls in, as days since the epoch, and when that day ends: the
// per-day report budget's window.
int64_t WibDay(TimeMs now);
TimeMs WibDayEnd(TimeMs now);

}  // namespace lapor::store
