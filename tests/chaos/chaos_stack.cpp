#include "chaos/chaos_stack.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <stdexcept>
#include <thread>

#include "support/http_client.hpp"

#ifndef LAPOR1708_E2E_BIN
#define LAPOR1708_E2E_BIN ""
#endif

namespace lapor::chaos {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

std::string Binary() {
  const char* bin = std::getenv("LAPOR1708_BIN");
  return bin != nullptr && *bin != '\0' ? bin : LAPOR1708_E2E_BIN;
}

std::string Source(const std::string& relative) {
  return std::string(LAPOR_SOURCE_DIR) + "/" + relative;
}

// The shipped config, made to run the chaos dialog as role web on `port` against `redis_url`.
nlohmann::json ChaosConfig(uint16_t port, const std::string& redis_url, const std::string& prefix) {
  std::ifstream in(Source("config/default.json"));
  nlohmann::json config = nlohmann::json::parse(in);
  config["listen"] = {{"address", "127.0.0.1"}, {"port", port}};
  config["http"]["threads"] = 2;
  config["redis"]["url"] = redis_url;
  config["redis"]["prefix"] = prefix;
  config["redis"]["connect_timeout_ms"] = 500;
  config["redis"]["command_timeout_ms"] = 500;
  config["redis"]["reconnect_delay_ms"] = 50;
  config["dialog"]["file"] = Source("tests/fixtures/chaos/dialog.json");
  config["dialog"]["templates_dir"] = Source("tests/fixtures/chaos/templates");
  config["dialog"]["languages"] = {"id"};
  config["calendar"]["holidays_file"] = Source("config/holidays-id.json");
  config["places"]["dir"] = Source("data/wilayah");
  // The chaos dialog asks no category, so no OPD can be matched to one.
  for (auto& region : config["regions"]) {
    for (auto& opd : region["opds"]) {
      opd.erase("categories");
    }
  }
  config["admin"]["tokens_file"] = "";
  config["roles"] = {"web"};
  config["log"]["level"] = "warn";
  return config;
}

// What the server answered, or how asking it failed.
struct Answer {
  bool answered = false;  // a whole HTTP response came back
  bool cut_off = false;   // a response began and broke off
  int status = 0;
  std::string body;
};

Answer Ask(uint16_t port, const std::string& target) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
  if (ec) {
    return {};
  }
  bhttp::request<bhttp::empty_body> req{bhttp::verb::get, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  bhttp::write(socket, req, ec);
  if (ec) {
    return {};
  }
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  bhttp::read(socket, buffer, parser, ec);
  if (ec) {
    // Reset before a byte came back: a connection the server never took (its backlog when it
    // stopped, or a crash). After some bytes: an answer cut off, which must never happen.
    return {.cut_off = parser.got_some()};
  }
  return {.answered = true,
          .status = static_cast<int>(parser.get().result_int()),
          .body = parser.get().body()};
}

}  // namespace

ChaosStack::ChaosStack() {
  dir_ =
      (std::filesystem::temp_directory_path() / ("lapor1708-chaos-" + std::to_string(::getpid())))
          .string();
  std::filesystem::create_directories(dir_);
  redis_ = test::RedisProcess::Start({"--appendonly", "yes", "--appendfsync", "always"});
  port_ = static_cast<uint16_t>(test::UnusedPort());
  config_path_ = dir_ + "/lapor1708.json";
  std::ofstream(config_path_) << ChaosConfig(port_, redis_->url(), prefix_).dump(2);
  std::ifstream templates(Source("tests/fixtures/chaos/templates/id.json"));
  busy_text_ = nlohmann::json::parse(templates).at("busy.text").get<std::string>();
}

ChaosStack::~ChaosStack() {
  if (server_) {
    server_->KillNow();
    server_->Stop();
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void ChaosStack::StartServer() {
  server_ = e2e::ChildProcess::Start(
      {.name = "lapor1708",
       .argv = {Binary(), "serve", "--config", config_path_},
       .log_path = dir_ + "/lapor1708-" + std::to_string(++starts_) + ".log"});
  const auto deadline = SteadyClock::now() + 10s;
  while (SteadyClock::now() < deadline) {
    if (Ask(port_, "/readyz").status == 200) {
      return;
    }
    std::this_thread::sleep_for(10ms);
  }
  throw std::runtime_error("lapor1708 not ready:\n" + e2e::FileTail(server_->log_path(), 20));
}

void ChaosStack::KillServer() {
  server_->KillNow();
  server_->Stop();
}

void ChaosStack::TermServer() { server_->Stop(std::chrono::milliseconds(15000)); }

void ChaosStack::KillRedis() {
  redis_->Kill();
  sync_.reset();
}

void ChaosStack::StartRedis() { redis_->Restart(); }

test::RedisSync& ChaosStack::redis() {
  if (!sync_) {
    sync_ = std::make_unique<test::RedisSync>(redis_->url());
  }
  return *sync_;
}

void FileReports(const ChaosStack& stack, int citizen, int min_reports,
                 const std::atomic<bool>& stop, CitizenLog& log) {
  static const std::regex kNumber(R"(Nomor ([0-9]{8})\.)");
  log.phone = "+62812" + std::to_string(30000000 + citizen);
  // Sends one message until it is answered for real; returns the answer.
  auto send = [&](const std::string& text, const std::string& id) {
    const std::string target = "/webhooks/kannel/sms?from=" + test::UrlEncode(log.phone) +
                               "&to=1708&text=" + test::UrlEncode(text) + "&id=" + id;
    for (;;) {
      const auto asked = SteadyClock::now();
      Answer answer = Ask(stack.port(), target);
      log.cut_off += answer.cut_off ? 1 : 0;
      if (answer.answered && answer.status == 200 && answer.body != stack.busy_text()) {
        return answer.body;
      }
      if (answer.answered && answer.body == stack.busy_text()) {
        ++log.busy;
        log.slow_busy += SteadyClock::now() - asked > 2s ? 1 : 0;
      }
      std::this_thread::sleep_for(20ms);
    }
  };
  for (int r = 0; r < min_reports || !stop.load(); ++r) {
    const std::string id = "c" + std::to_string(citizen) + "-r" + std::to_string(r);
    std::string confirm =
        send("Jalan rusak parah di depan pasar, laporan " + std::to_string(r), id + "-d");
    std::string done = send("1", id + "-k");
    std::smatch m;
    if (!confirm.starts_with("Kirim?") || !std::regex_search(done, m, kNumber)) {
      if (log.unexpected++ == 0) {
        log.first_unexpected = confirm + " / " + done;
      }
      continue;
    }
    log.numbers.push_back(m[1]);
  }
}

Audit Check(ChaosStack& stack, const std::vector<CitizenLog>& logs) {
  Audit audit;
  std::map<std::string, std::string> owner;  // number -> phone the citizen was told
  for (const auto& log : logs) {
    for (const auto& no : log.numbers) {
      ++audit.told;
      auto [it, fresh] = owner.emplace(no, log.phone);
      audit.reused += fresh ? 0 : 1;
      auto c = stack.redis().HGetAll(stack.prefix() + "case:" + no);
      audit.lost += c["phone"] == log.phone ? 0 : 1;
    }
  }
  for (const auto& key : stack.redis().Keys(stack.prefix() + "case:*")) {
    if (key.ends_with(":log")) {
      continue;
    }
    ++audit.filed;
  }
  audit.duplicates = audit.filed - static_cast<int>(owner.size());
  return audit;
}

}  // namespace lapor::chaos
