#include "channels/outbound.hpp"

namespace lapor::channels {

OutboundOptions ReadOutboundOptions(JsonReader& r, const nlohmann::json& section,
                                    const std::string& path, OutboundOptions defaults) {
  OutboundOptions o = std::move(defaults);
  o.max_parts = r.Count(section, path, "max_parts", o.max_parts, 1, 255);
  o.ca_file = r.String(section, path, "ca_file", false, o.ca_file);
  const std::string rate_path = path + "/send_rate";
  const nlohmann::json& rate = r.Object(section, path, "send_rate", false);
  constexpr size_t kMaxPerSecond = 100000;
  o.rate.per_second = static_cast<double>(r.Count(
      rate, rate_path, "per_second", static_cast<size_t>(o.rate.per_second), 0, kMaxPerSecond));
  o.rate.burst = static_cast<double>(
      r.Count(rate, rate_path, "burst", static_cast<size_t>(o.rate.burst), 0, kMaxPerSecond));
  const std::string unit =
      r.String(rate, rate_path, "unit", false, o.rate.per_segment ? "segments" : "messages");
  if (unit != "messages" && unit != "segments") {
    r.Problem(rate_path + "/unit", "must be \"messages\" or \"segments\"");
  }
  o.rate.per_segment = unit == "segments";
  return o;
}

std::string RefusalText(int status, std::string_view body) {
  constexpr size_t kMaxRefusalBytes = 200;
  std::string_view line = body.substr(0, body.find_first_of("\r\n"));
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  if (line.size() > kMaxRefusalBytes) {
    line = line.substr(0, kMaxRefusalBytes);
  }
  std::string out = "HTTP " + std::to_string(status);
  if (!line.empty()) {
    out += ": ";
    out += line;
  }
  return out;
}

}  // namespace lapor::channels
