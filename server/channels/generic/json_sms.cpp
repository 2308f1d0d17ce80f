#include "channels/generic/json_sms.hpp"

#include <nlohmann/json.hpp>

#include "channels/generic/signature.hpp"
#include "text/gsm7.hpp"

namespace lapor::channels::generic {
namespace {

// The string fields of a JSON object body, as a form would give them.
Result<Fields> StringFields(std::string_view body) {
  auto doc = nlohmann::json::parse(body, nullptr, false);
  if (!doc.is_object()) {
    return Error{Errc::kBadRequest, "body: must be a JSON object"};
  }
  Fields fields;
  for (const auto& [name, value] : doc.items()) {
    if (value.is_string()) {
      fields.emplace(name, value.get<std::string>());
    } else if (name == "from" || name == "to" || name == "text" || name == "id" ||
               name == "status") {
      return Error{Errc::kBadRequest, name + ": must be a string"};
    }
  }
  return fields;
}

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Result<InboundMessage> ParseSms(std::string_view body) {
  auto fields = StringFields(body);
  if (!fields) {
    return fields.error();
  }
  return ParseSmsFields(*fields, "generic");
}

ProviderReply RenderReply(const DialogReply& reply) {
  ProviderReply out;
  out.content_type = "application/json";
  out.status = reply.busy ? 503 : 200;
  out.body = Dump({{"reply", text::ToSmsText(reply.text)}});
  return out;
}

Result<DeliveryReport> ParseDeliveryReport(std::string_view body) {
  auto fields = StringFields(body);
  if (!fields) {
    return fields.error();
  }
  auto id = fields->find("id");
  if (id == fields->end() || id->second.empty() || id->second.size() > 19 ||
      id->second.find_first_not_of("0123456789") != std::string::npos) {
    return Error{Errc::kBadRequest, "id: must be our message id (digits)"};
  }
  auto status = fields->find("status");
  const std::string given = status == fields->end() ? "" : status->second;
  for (auto state : {DeliveryState::kQueued, DeliveryState::kSent, DeliveryState::kDelivered,
                     DeliveryState::kFailed}) {
    if (given == DeliveryStateName(state)) {
      auto reason = fields->find("reason");
      return DeliveryReport{.message_id = id->second,
                            .state = state,
                            .provider_status = given,
                            .reason = reason == fields->end() ? "" : reason->second.substr(0, 100)};
    }
  }
  return Error{Errc::kBadRequest, "status: must be queued, sent, delivered or failed"};
}

GenericGateway::GenericGateway(const GenericConfig& config) : config_(config) {}

OutboundRequest GenericGateway::Build(const OutboundSms& sms) const {
  std::string body =
      Dump({{"from", config_.from}, {"to", sms.to}, {"text", sms.text}, {"id", sms.id}});
  const int64_t timestamp = sms.now / 1000;
  return OutboundRequest{
      .method = "POST",
      .url = config_.send_url,
      .headers = {{"Content-Type", "application/json"},
                  {std::string(kTimestampHeader), std::to_string(timestamp)},
                  {std::string(kSignatureHeader), Sign(config_.secret, timestamp, body)}},
      .body = std::move(body)};
}

SendVerdict GenericGateway::Read(int status, std::string_view body) const {
  using Kind = SendVerdict::Kind;
  if (status >= 200 && status <= 299) {
    auto doc = nlohmann::json::parse(body, nullptr, false);
    std::string ref;
    if (doc.is_object() && doc.contains("id") && doc["id"].is_string()) {
      ref = doc["id"].get<std::string>();
    }
    return {.kind = Kind::kAccepted, .provider_ref = ref};
  }
  const bool again = status == 408 || status == 429 || status >= 500 || status < 400;
  return {.kind = again ? Kind::kRetry : Kind::kRefused, .error = RefusalText(status, body)};
}

}  // namespace lapor::channels::generic
