#include "support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cctype>

#include "text/url_encoding.hpp"

namespace lapor::test {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

HttpReply HttpRequestWithHeaders(uint16_t port, const std::string& method,
                                 const std::string& target, const std::string& body,
                                 const std::map<std::string, std::string>& headers) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) {
    req.set(name, value);
  }
  req.body() = body;
  req.prepare_payload();
  bhttp::write(socket, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  parser.skip(method == "HEAD");  // the answer to HEAD has a Content-Length but no body
  bhttp::read(socket, buffer, parser);
  auto res = parser.release();
  HttpReply reply{.status = static_cast<int>(res.result_int()), .body = res.body()};
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (auto& c : name) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    reply.headers[name] = std::string(field.value());
  }
  boost::system::error_code ignored;
  socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  return reply;
}

HttpReply HttpRequest(uint16_t port, const std::string& method, const std::string& target,
                      const std::string& body, const std::string& content_type) {
  std::map<std::string, std::string> headers;
  if (!body.empty() || method == "POST") {
    headers["Content-Type"] = content_type;
  }
  return HttpRequestWithHeaders(port, method, target, body, headers);
}

HttpReply HttpGet(uint16_t port, const std::string& target) {
  return HttpRequest(port, "GET", target, "", "");
}

HttpReply HttpPost(uint16_t port, const std::string& target, const std::string& body,
                   const std::string& content_type) {
  return HttpRequest(port, "POST", target, body, content_type);
}

std::string UrlEncode(const std::string& value) { return text::UrlEncode(value); }

}  // namespace lapor::test
