#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/config.hpp"
#include "app/service.hpp"
#include "common/clock.hpp"
#include "support/http_client.hpp"
#include "support/test_time.hpp"

namespace lapor::test {

// The real server (config/default.json) in this process on 127.0.0.1:<free port>, with a
// manual clock and its own key prefix in the given Redis, so tests never see each other's keys.
class TestServer {
 public:
  explicit TestServer(const std::string& redis_url,
                      const std::function<void(app::Config&)>& tweak = {});
  ~TestServer();

  uint16_t port() const { return service_->port(); }
  ManualClock& clock() { return clock_; }
  const std::string& prefix() const { return prefix_; }
  app::Service& service() { return *service_; }

  // `target` with the config's Kannel secret (secret=) or Africa's Talking token (token=) added
  // to its query, as the configured gateways call us.
  std::string Kannel(const std::string& target) const;
  std::string AfricasTalking(const std::string& target) const;

  // Africa's Talking USSD callback; returns the whole reply ("CON ..." / "END ...").
  HttpReply Ussd(const std::string& session_id, const std::string& phone, const std::string& text);
  // Kannel get-url; returns the reply SMS (body).
  HttpReply Sms(const std::string& from, const std::string& text, const std::string& id);
  // Kannel get-url with a fresh message id.
  std::string Sms(const std::string& from, const std::string& text);

 private:
  ManualClock clock_{kTestEpochMs};
  std::string prefix_;
  std::unique_ptr<app::Service> service_;
  int next_id_ = 0;
};

// The config the server ships with, pointed at `redis_url`, listening on a free port.
app::Config TestConfig(const std::string& redis_url);

// `target` with name=value added to its query.
std::string WithQuery(const std::string& target, const std::string& name, const std::string& value);

}  // namespace lapor::test
