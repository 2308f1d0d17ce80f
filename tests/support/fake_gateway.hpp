#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "http/server.hpp"

namespace lapor::test {

// One request as the fake gateway received it.
struct RecordedRequest {
  std::string method;
  std::string target;  // path and query, as sent
  std::string path;
  std::string query;
  std::map<std::string, std::string> headers;  // names lowercased
  std::string body;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// A provider's API played on 127.0.0.1 (our own http::Server): records every request and
// answers each with what `answer` says (status and body, Content-Type application/json unless
// the body starts otherwise than '{' or '['). Thread-safe.
class FakeGateway {
 public:
  struct Answer {
    int status = 200;
    std::string body;
  };
  using Answering = std::function<Answer(const RecordedRequest&)>;

  FakeGateway(boost::asio::io_context& io, Answering answering);
  ~FakeGateway();

  uint16_t Start();  // a free port
  void Stop();
  void set_answering(Answering answering);

  std::string base_url() const;  // "http://127.0.0.1:<port>"
  std::vector<RecordedRequest> requests() const;
  size_t count() const;
  // The milliseconds (steady clock) at which each request arrived, in order.
  std::vector<int64_t> arrivals() const;

 private:
  boost::asio::io_context& io_;
  std::unique_ptr<http::Server> server_;
  mutable std::mutex mutex_;
  Answering answering_;
  std::vector<RecordedRequest> requests_;
  std::vector<int64_t> arrivals_;
};

}  // namespace lapor::test
