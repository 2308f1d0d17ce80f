#include "support/test_server.hpp"

#include <unistd.h>

#include <atomic>
#include <stdexcept>

namespace lapor::test {

app::Config TestConfig(const std::string& redis_url) {
  app::Config config = app::LoadConfig(std::string(LAPOR_SOURCE_DIR) + "/config/default.json",
                                       {{"REDIS_URL", redis_url}});
  config.http.address = "127.0.0.1";
  config.http.port = 0;
  config.http.threads = 2;
  config.redis.command_timeout_ms = 500;
  config.redis.connect_timeout_ms = 500;
  config.redis.reconnect_delay_ms = 50;
  config.log_level = "warn";
  return config;
}

TestServer::TestServer(const std::string& redis_url,
                       const std::function<void(app::Config&)>& tweak) {
  static std::atomic<int> counter{0};
  prefix_ = "t" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ":";
  app::Config config = TestConfig(redis_url);
  config.redis.prefix = prefix_;
  if (tweak) {
    tweak(config);
  }
  service_ = std::make_unique<app::Service>(config, clock_);
  auto started = service_->Start();
  if (!started) {
    throw std::runtime_error("test server did not start: " + started.error().message);
  }
  // Wait (bounded) for Redis to be reachable, so the first step does not see "busy".
  for (int i = 0; i < 200 && !service_->redis().connected(); ++i) {
    usleep(10 * 1000);
  }
}

TestServer::~TestServer() { service_->Stop(); }

std::string WithQuery(const std::string& target, const std::string& name,
                      const std::string& value) {
  return target + (target.find('?') == std::string::npos ? "?" : "&") + name + "=" +
         UrlEncode(value);
}

std::string TestServer::Kannel(const std::string& target) const {
  return WithQuery(target, "secret", service_->config().kannel.secret);
}

std::string TestServer::AfricasTalking(const std::string& target) const {
  return WithQuery(target, "token", service_->config().africastalking.token);
}

HttpReply TestServer::Ussd(const std::string& session_id, const std::string& phone,
                           const std::string& text) {
  std::string body = "sessionId=" + UrlEncode(session_id) + "&serviceCode=" + UrlEncode("*1708#") +
                     "&phoneNumber=" + UrlEncode(phone) +
                     "&networkCode=51010&text=" + UrlEncode(text);
  return HttpPost(port(), AfricasTalking("/webhooks/africastalking/ussd"), body);
}

HttpReply TestServer::Sms(const std::string& from, const std::string& text, const std::string& id) {
  return HttpGet(port(), Kannel("/webhooks/kannel/sms?from=" + UrlEncode(from) +
                                "&to=1708&text=" + UrlEncode(text) + "&id=" + UrlEncode(id)));
}

std::string TestServer::Sms(const std::string& from, const std::string& text) {
  return Sms(from, text, "m" + std::to_string(++next_id_)).body;
}

}  // namespace lapor::test
