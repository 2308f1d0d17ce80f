// The HTTP client over TLS (the gateways' APIs are https): a loopback TLS server with a
// certificate made for the test (openssl) is trusted only through ca_file, and only for the name
// the certificate gives; the request (method, headers, body) arrives as sent.
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "http/client.hpp"
#include "support/io_threads.hpp"

namespace lapor::http {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using namespace std::chrono_literals;

// A self-signed certificate for the name localhost (not for 127.0.0.1), in a temporary folder.
class TestCertificate {
 public:
  TestCertificate() {
    dir_ = std::filesystem::temp_directory_path() / ("lapor-tls-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    const std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
        "-addext subjectAltName=DNS:localhost -keyout " +
        key() + " -out " + cert() + " >/dev/null 2>&1";
    ok_ = std::system(command.c_str()) == 0;
  }
  ~TestCertificate() { std::filesystem::remove_all(dir_); }
  bool ok() const { return ok_; }
  std::string cert() const { return (dir_ / "cert.pem").string(); }
  std::string key() const { return (dir_ / "key.pem").string(); }

 private:
  std::filesystem::path dir_;
  bool ok_ = false;
};

// Answers one TLS connection with 201 and echoes what it got; records the request.
class TlsServer {
 public:
  explicit TlsServer(const TestCertificate& certificate)
      : context_(asio::ssl::context::tls_server) {
    context_.use_certificate_chain_file(certificate.cert());
    context_.use_private_key_file(certificate.key(), asio::ssl::context::pem);
    acceptor_.open(asio::ip::tcp::v4());
    acceptor_.bind({asio::ip::make_address("127.0.0.1"), 0});
    acceptor_.listen();
    thread_ = std::thread([this] { Serve(); });
  }
  ~TlsServer() {
    boost::system::error_code ec;
    acceptor_.close(ec);
    thread_.join();
  }
  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  const bhttp::request<bhttp::string_body>& request() const { return request_; }

 private:
  void Serve() {
    for (int connection = 0; connection < 3; ++connection) {
      asio::ip::tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec) {
        return;
      }
      asio::ssl::stream<asio::ip::tcp::socket> tls(std::move(socket), context_);
      tls.handshake(asio::ssl::stream_base::server, ec);
      if (ec) {
        continue;  // the client refused our certificate
      }
      boost::beast::flat_buffer buffer;
      bhttp::read(tls, buffer, request_, ec);
      bhttp::response<bhttp::string_body> res{bhttp::status::created, 11};
      res.body() = "{\"echo\": \"" + request_.body() + "\"}";
      res.prepare_payload();
      bhttp::write(tls, res, ec);
      tls.shutdown(ec);
    }
  }

  asio::io_context io_;
  asio::ssl::context context_;
  asio::ip::tcp::acceptor acceptor_{io_};
  bhttp::request<bhttp::string_body> request_;
  std::thread thread_;
};

TEST(HttpClientTls, PostsOverTlsToAServerItTrustsByName) {
  TestCertificate certificate;
  if (!certificate.ok()) {
    GTEST_SKIP() << "openssl could not make a test certificate";
  }
  TlsServer server(certificate);
  test::IoThreads io;
  const std::string port = std::to_string(server.port());
  const std::string url = "https://localhost:" + port + "/version1/messaging";

  // Not trusted: the system's store does not know this certificate.
  auto untrusted = io.Run(HttpCall({.method = "POST", .url = url, .body = "x"}, 2000ms));
  ASSERT_FALSE(untrusted.ok());
  EXPECT_EQ(untrusted.error().code, Errc::kUnavailable);
  EXPECT_NE(untrusted.error().message.find("TLS"), std::string::npos) << untrusted.error().message;

  // Trusted, but asked by a name the certificate does not give.
  const std::string other = "https://127.0.0.1:" + port + "/";
  auto mismatch =
      io.Run(HttpCall({.method = "GET", .url = other, .ca_file = certificate.cert()}, 2000ms));
  ASSERT_FALSE(mismatch.ok());

  // Trusted: the request arrives as sent.
  auto reply = io.Run(
      HttpCall({.method = "POST",
                .url = url,
                .headers = {{"apiKey", "k"}, {"Content-Type", "application/x-www-form-urlencoded"}},
                .body = "to=%2B628&message=halo",
                .ca_file = certificate.cert()},
               2000ms));
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->status, 201);
  EXPECT_EQ(reply->body, "{\"echo\": \"to=%2B628&message=halo\"}");
  EXPECT_EQ(server.request().method(), bhttp::verb::post);
  EXPECT_EQ(server.request().target(), "/version1/messaging");
  EXPECT_EQ(server.request()["apiKey"], "k");
  EXPECT_EQ(server.request()[bhttp::field::host], "localhost:" + port);
}

}  // namespace
}  // namespace lapor::http
