#include "app/simulate.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <iostream>
#include <random>

#include "app/service.hpp"
#include "store/scratch_keys.hpp"
#include "text/citizen_text.hpp"

namespace lapor::app {
namespace {

// One citizen's chat: USSD sessions one after the other, or SMS messages.
class SimulatedChat {
 public:
  SimulatedChat(Service& service, const SimulateOptions& options, std::ostream& out)
      : service_(service), options_(options), out_(out) {}

  void Run(std::istream& in) {
    if (options_.ussd) {
      NewSession();
    } else {
      out_ << "> " << std::flush;
    }
    std::string line;
    while (std::getline(in, line)) {
      auto cleaned = text::CleanCitizenText(line).value_or("");
      if (!options_.ussd) {
        Step(cleaned);
        continue;
      }
      cumulative_ += (cumulative_.empty() && message_no_ == 1 ? "" : "*") + cleaned;
      if (Step(cumulative_)) {
        out_ << "(new session)\n";
        NewSession();
      }
    }
  }

 private:
  void NewSession() {
    session_id_ = "sim-" + std::to_string(random_() % 1000000000);
    cumulative_.clear();
    message_no_ = 0;
    Step("");
  }
  // True when the reply ends the USSD session.
  bool Step(const std::string& text) {
    channels::InboundMessage message{
        .provider = "simulate",
        .channel = options_.ussd ? dialog::Channel::kUssd : dialog::Channel::kSms,
        .msisdn = options_.phone,
        .text = text,
        .message_id = session_id_ + "-" + std::to_string(++message_no_),
        .ussd_session_id = session_id_};
    auto reply = boost::asio::co_spawn(service_.io(), service_.conversation().Handle(message),
                                       boost::asio::use_future)
                     .get();
    out_ << "\n"
         << (options_.ussd ? (reply.end ? "[END] " : "[CON] ") : "[SMS] ") << reply.text << "\n\n> "
         << std::flush;
    return reply.end;
  }

  Service& service_;
  const SimulateOptions& options_;
  std::ostream& out_;
  std::mt19937_64 random_{std::random_device{}()};
  std::string session_id_ = "sim-sms";
  std::string cumulative_;
  uint64_t message_no_ = 0;
};

}  // namespace

Config ScratchConfig(Config config, const std::string& scratch_prefix) {
  config.redis.prefix = scratch_prefix;
  config.http.port = 0;  // the listener is not started; never clash with a running server
  config.http.threads = 1;
  config.roles = {.web = false, .scheduler = false, .sender = false};
  return config;
}

int Simulate(Config config, const SimulateOptions& options, std::istream& in, std::ostream& out,
             std::ostream& err) {
  std::mt19937_64 random(std::random_device{}());
  const std::string prefix =
      config.redis.prefix + "simulate-" + std::to_string(random() % 1000000000) + ":";
  SystemClock clock;
  Service service(ScratchConfig(std::move(config), prefix), clock);
  if (auto started = service.Start(); !started) {
    err << started.error().message << "\n";
    return 1;
  }
  out << "lapor1708 simulate: " << (options.ussd ? "USSD *1708#" : "SMS to 1708") << " as "
      << options.phone << ". Type what a citizen would type; Ctrl-D quits.\n"
      << "A simulation: keys under the scratch prefix " << prefix
      << ", no web listener, no scheduler, no sender; no real case is filed and nothing is "
         "sent. The scratch keys are removed at the end.\n";
  SimulatedChat(service, options, out).Run(in);
  // (Through an optional: co_spawn's future needs a default-constructible value.)
  std::optional<Result<int64_t>> removed;
  auto remove = [&]() -> boost::asio::awaitable<void> {
    removed = co_await store::DeleteKeysUnder(service.redis(), prefix);
  };
  boost::asio::co_spawn(service.io(), remove, boost::asio::use_future).get();
  service.Stop();
  if (!*removed) {
    err << "\nscratch keys under " << prefix << " not removed: " << removed->error().message
        << "\n";
    return 1;
  }
  out << "\n" << **removed << " scratch key(s) removed.\n";
  return 0;
}

}  // namespace lapor::app
