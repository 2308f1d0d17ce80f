#include "channels/kannel/gateway.hpp"

namespace lapor::channels::kannel {

KannelGateway::KannelGateway(const KannelConfig& config, std::string from)
    : account_{.sendsms_url = config.sendsms_url,
               .username = config.username,
               .password = config.password,
               .from = std::move(from),
               .dlr_url = config.dlr_url,
               .secret = config.secret},
      options_(config.outbound) {}

OutboundRequest KannelGateway::Build(const OutboundSms& sms) const {
  return OutboundRequest{.method = "GET", .url = SendSmsUrl(account_, sms.id, sms.to, sms.text)};
}

SendVerdict KannelGateway::Read(int status, std::string_view body) const {
  if (SendSmsAccepted(status)) {
    return {.kind = SendVerdict::Kind::kAccepted};
  }
  // Kannel's 4xx are its account or request refused: config to fix, then the retry goes through.
  return {.kind = SendVerdict::Kind::kRetry, .error = RefusalText(status, body)};
}

}  // namespace lapor::channels::kannel
