#include "support/fake_gateway.hpp"

#include <boost/beast/http/field.hpp>
#include <cctype>
#include <chrono>
#include <stdexcept>

#include "text/url_encoding.hpp"

namespace lapor::test {

FakeGateway::FakeGateway(boost::asio::io_context& io, Answering answering)
    : io_(io), answering_(std::move(answering)) {}

FakeGateway::~FakeGateway() { Stop(); }

uint16_t FakeGateway::Start() {
  server_ = std::make_unique<http::Server>(
      io_, http::Limits{},
      [this](http::Request& req, const http::Peer&) -> boost::asio::awaitable<http::Response> {
        RecordedRequest got{.method = std::string(req.method_string()),
                            .target = std::string(req.target()),
                            .body = req.body()};
        auto [path, query] = text::SplitTarget(got.target);
        got.path = std::string(path);
        got.query = std::string(query);
        for (const auto& field : req) {
          std::string name(field.name_string());
          for (auto& c : name) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          }
          got.headers[name] = std::string(field.value());
        }
        Answer answer;
        {
          std::lock_guard lock(mutex_);
          answer = answering_(got);
          requests_.push_back(std::move(got));
          arrivals_.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::steady_clock::now().time_since_epoch())
                                  .count());
        }
        const bool json = !answer.body.empty() && (answer.body[0] == '{' || answer.body[0] == '[');
        co_return http::TextResponse(req, static_cast<boost::beast::http::status>(answer.status),
                                     answer.body,
                                     json ? "application/json" : "text/plain; charset=utf-8");
      });
  auto listening = server_->Listen("127.0.0.1", 0);
  if (!listening) {
    throw std::runtime_error(listening.error().message);
  }
  return server_->port();
}

void FakeGateway::Stop() {
  if (server_) {
    server_->Stop();
    server_.reset();
  }
}

void FakeGateway::set_answering(Answering answering) {
  std::lock_guard lock(mutex_);
  answering_ = std::move(answering);
}

std::string FakeGateway::base_url() const {
  return "http://127.0.0.1:" + std::to_string(server_ ? server_->port() : 0);
}

std::vector<RecordedRequest> FakeGateway::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

size_t FakeGateway::count() const {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

std::vector<int64_t> FakeGateway::arrivals() const {
  std::lock_guard lock(mutex_);
  return arrivals_;
}

}  // namespace lapor::test
