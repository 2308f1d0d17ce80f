#include "outbox/dispatch.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <stdexcept>

#include "http/client.hpp"
#include "text/gsm7.hpp"
#include "text/sms_segments.hpp"

namespace lapor::outbox {
namespace {

namespace asio = boost::asio;
using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using Kind = Dispatched::Kind;

const channels::Gateway* Find(const std::vector<std::shared_ptr<const channels::Gateway>>& all,
                              std::string_view name) {
  for (const auto& gateway : all) {
    if (gateway->name() == name) {
      return gateway.get();
    }
  }
  return nullptr;
}

http::ClientRequest ToClient(channels::OutboundRequest request, const std::string& ca_file) {
  return http::ClientRequest{.method = std::move(request.method),
                             .url = std::move(request.url),
                             .headers = std::move(request.headers),
                             .body = std::move(request.body),
                             .ca_file = ca_file};
}

}  // namespace

Dispatcher::Dispatcher(std::vector<std::shared_ptr<const channels::Gateway>> gateways,
                       Routes routes, store::SendRateStore* rates,
                       std::chrono::milliseconds send_timeout, const Clock& clock, SmsBill& bill)
    : gateways_(std::move(gateways)),
      routes_(std::move(routes)),
      rates_(rates),
      send_timeout_(send_timeout),
      clock_(clock),
      bill_(bill) {
  for (const std::string& route : {routes_.citizen, routes_.official}) {
    if (Find(gateways_, route) == nullptr) {
      throw std::invalid_argument("outbox sender: no gateway \"" + route + "\" to route to");
    }
  }
  for (const auto& gateway : gateways_) {
    const auto probe = gateway->Build({.id = "1", .to = "+62", .text = "x"});
    if (!text::ParseHttpUrl(probe.url).ok()) {
      throw std::invalid_argument("outbox sender: " + std::string(gateway->name()) +
                                  ": the send URL must be http(s)://host[:port]/path");
    }
  }
}

const channels::Gateway* Dispatcher::Route(const store::OutboxMessage& m) const {
  if (!m.via.empty()) {
    return Find(gateways_, m.via);
  }
  return Find(gateways_, m.kind.starts_with("official.") ? routes_.official : routes_.citizen);
}

boost::asio::awaitable<std::optional<Dispatched>> Dispatcher::TakeRate(
    const channels::Gateway& gateway, int64_t cost, SteadyClock::time_point deadline,
    const std::atomic<bool>& stopping) const {
  const channels::SendRate& rate = gateway.options().rate;
  if (rates_ == nullptr || rate.per_second <= 0) {
    co_return std::nullopt;
  }
  const double burst = rate.burst > 0 ? rate.burst : rate.per_second;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (true) {
    auto wait = co_await rates_->Take(std::string(gateway.name()), rate.per_second, burst, cost);
    if (!wait) {
      co_return Dispatched{.kind = Kind::kRetry, .error = "send rate: " + wait.error().message};
    }
    if (*wait == 0) {
      co_return std::nullopt;
    }
    if (SteadyClock::now() + milliseconds(*wait) > deadline) {
      co_return Dispatched{.kind = Kind::kDeferred, .wait_ms = *wait};
    }
    timer.expires_after(milliseconds(*wait));
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (stopping.load()) {
      co_return Dispatched{.kind = Kind::kStopped};
    }
  }
}

boost::asio::awaitable<Dispatched> Dispatcher::Send(const store::OutboxMessage& m,
                                                    SteadyClock::time_point deadline,
                                                    const std::atomic<bool>& stopping) const {
  co_await asio::this_coro::throw_if_cancelled(false);
  const channels::Gateway* gateway = Route(m);
  if (gateway == nullptr) {
    co_return Dispatched{.kind = Kind::kRefused,
                         .error = "no gateway for " + (m.via.empty() ? m.kind : m.via)};
  }
  const auto& options = gateway->options();
  const std::vector<std::string> pieces =
      text::SplitIntoSms(text::ToSmsText(m.text), options.max_parts);
  Dispatched out{
      .kind = Kind::kSent, .parts_done = m.parts_done, .gateway = std::string(gateway->name())};
  for (size_t i = static_cast<size_t>(m.parts_done); i < pieces.size(); ++i) {
    const int64_t cost = options.rate.per_segment
                             ? static_cast<int64_t>(text::CountSegments(pieces[i]).segments)
                             : 1;
    if (auto held = co_await TakeRate(*gateway, cost, deadline, stopping)) {
      held->parts_done = out.parts_done;
      held->references = std::move(out.references);
      held->gateway = out.gateway;
      co_return std::move(*held);
    }
    auto request = gateway->Build({.id = m.id, .to = m.to, .text = pieces[i], .now = clock_.Now()});
    auto reply =
        co_await http::HttpCall(ToClient(std::move(request), options.ca_file), send_timeout_);
    if (!reply && stopping.load()) {
      out.kind = Kind::kStopped;  // cancelled by Stop(): not the message's failure
      co_return out;
    }
    const channels::SendVerdict verdict =
        reply ? gateway->Read(reply->status, reply->body)
              : channels::SendVerdict{.kind = channels::SendVerdict::Kind::kRetry,
                                      .error = reply.error().message};
    if (verdict.kind != channels::SendVerdict::Kind::kAccepted) {
      out.kind =
          verdict.kind == channels::SendVerdict::Kind::kRefused ? Kind::kRefused : Kind::kRetry;
      out.error = verdict.error;
      co_return out;
    }
    bill_.Count(gateway->name(), m.kind, pieces[i]);
    out.references.push_back(verdict.provider_ref);
    out.parts_done = static_cast<int64_t>(i) + 1;
  }
  co_return out;
}

}  // namespace lapor::outbox
