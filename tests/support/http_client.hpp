#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace lapor::test {

struct HttpReply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lowercased
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// A blocking HTTP/1.1 client for tests, on 127.0.0.1 only. One connection per call.
HttpReply HttpGet(uint16_t port, const std::string& target);
HttpReply HttpPost(uint16_t port, const std::string& target, const std::string& body,
                   const std::string& content_type = "application/x-www-form-urlencoded");
HttpReply HttpRequest(uint16_t port, const std::string& method, const std::string& target,
                      const std::string& body, const std::string& content_type);

// HttpRequest with any request headers (e.g. {"Authorization", "Bearer ..."}, {"Content-Type",
// "application/json"}). A POST without a body still sends Content-Length: 0.
HttpReply HttpRequestWithHeaders(uint16_t port, const std::string& method,
                                 const std::string& target, const std::string& body,
                                 const std::map<std::string, std::string>& headers);

// application/x-www-form-urlencoded encoding of one value (the server's text::UrlEncode).
std::string UrlEncode(const std::string& value);

}  // namespace lapor::test
