#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "support/http_client.hpp"

namespace lapor::test {

// HttpRequest with any request headers (e.g. {"Authorization", "Bearer ..."}, {"Content-Type",
// "application/json"}). A POST without a body still sends Content-Length: 0.
HttpReply HttpRequestWithHeaders(uint16_t port, const std::string& method,
                                 const std::string& target, const std::string& body,
                                 const std::map<std::string, std::string>& headers);

}  // namespace lapor::test
