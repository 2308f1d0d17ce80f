#pragma once

#include <boost/asio/awaitable.hpp>

#include "channels/inbound.hpp"
#include "common/clock.hpp"
#include "dialog/engine.hpp"
#include "http/metrics.hpp"
#include "store/dialog_store.hpp"

namespace lapor::app {

// One citizen message through the dialog: read (one pipelined round trip) ▶ pure engine step ▶
// one atomic write. A lost compare-and-set redoes the step on fresh state, so concurrent
// messages of one session are applied one after the other and none is lost.
class Conversation {
 public:
  Conversation(const dialog::Engine& engine, store::DialogStore& store, const Clock& clock,
               http::Metrics& metrics)
      : engine_(engine), store_(store), clock_(clock), metrics_(metrics) {}

  // Never fails: when Redis cannot be reached the reply is busy, with a text the citizen can
  // read, and nothing was changed (the provider may retry; dedupe makes that safe).
  boost::asio::awaitable<channels::DialogReply> Handle(const channels::InboundMessage& message);

 private:
  channels::DialogReply Busy(const Error& error);

  const dialog::Engine& engine_;
  store::DialogStore& store_;
  const Clock& clock_;
  http::Metrics& metrics_;
};

}  // namespace lapor::app
