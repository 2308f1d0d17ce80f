#pragma once

#include "channels/kannel/kannel_config.hpp"
#include "channels/kannel/sendsms.hpp"
#include "channels/outbound.hpp"

namespace lapor::channels::kannel {

// Kannel's sendsms interface as an outbound gateway: one GET a message (SendSmsUrl), any 2xx
// taken, anything else tried again.
class KannelGateway final : public Gateway {
 public:
  // `from`: outbox.from, the sender id.
  KannelGateway(const KannelConfig& config, std::string from);

  std::string_view name() const override { return "kannel"; }
  OutboundRequest Build(const OutboundSms& sms) const override;
  SendVerdict Read(int status, std::string_view body) const override;
  const OutboundOptions& options() const override { return options_; }

 private:
  SendSmsAccount account_;
  OutboundOptions options_;
};

}  // namespace lapor::channels::kannel
