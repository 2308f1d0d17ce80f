#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "channels/inbound.hpp"
#include "text/url_encoding.hpp"

namespace lapor::test {

// The public address Twilio signs its callbacks against, and the generic gateway's secret, as the
// gateway tests configure them.
inline constexpr const char* kPublicBase = "https://lapor1708.example.go.id";
inline constexpr const char* kGenericSecret = "generic-gateway-secret-2026";

// A provider payload from tests/fixtures/ (`name` relative to it, "kannel/dlr-failed.query"):
// one request per file, on one line. The file's line end is not part of the request and is
// dropped. Fails the test when the file cannot be read.
inline std::string ReadProviderFixture(const std::string& name) {
  const std::string path = std::string(LAPOR_SOURCE_DIR) + "/tests/fixtures/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  std::ostringstream out;
  out << in.rdbuf();
  std::string text = out.str();
  if (text.ends_with('\n')) {
    text.pop_back();
  }
  return text;
}

// The fields of a fixture, parsed as the route parses the request (text::ParseUrlEncoded).
inline channels::Fields ProviderFixtureFields(const std::string& name) {
  auto fields = text::ParseUrlEncoded(ReadProviderFixture(name));
  EXPECT_TRUE(fields.ok()) << name << ": " << fields.error().message;
  return fields.ok() ? *fields : channels::Fields{};
}

// `encoded` (a query string or form body) with the raw, still encoded, value of field `name`
// replaced by `raw_value`, or the field left out when `raw_value` is nullptr. Other fields stay
// byte for byte as they were, so a bad request differs from a real one in that field only.
inline std::string WithRawField(std::string_view encoded, std::string_view name,
                                const char* raw_value) {
  std::string out;
  bool found = false;
  while (!encoded.empty()) {
    const size_t amp = encoded.find('&');
    std::string_view piece = encoded.substr(0, amp);
    encoded = amp == std::string_view::npos ? std::string_view{} : encoded.substr(amp + 1);
    const bool match = piece.substr(0, piece.find('=')) == name;
    found = found || match;
    if (match && raw_value == nullptr) {
      continue;
    }
    if (!out.empty()) {
      out += '&';
    }
    if (match) {
      out += std::string(name) + "=" + raw_value;
    } else {
      out += piece;
    }
  }
  if (!found && raw_value != nullptr) {
    out += (out.empty() ? "" : "&") + std::string(name) + "=" + raw_value;
  }
  return out;
}

}  // namespace lapor::test
