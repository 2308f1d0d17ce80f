#include "app/config.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "common/config_error.hpp"

namespace lapor::app {
namespace {

nlohmann::json DefaultDoc() {
  std::ifstream in(std::string(LAPOR_SOURCE_DIR) + "/config/default.json");
  return nlohmann::json::parse(in);
}

// The problems ParseConfig reports for `doc`, or none.
std::vector<std::string> Problems(const nlohmann::json& doc, const Environment& env = {}) {
  try {
    ParseConfig(doc, "c.json", env);
    return {};
  } catch (const ConfigError& e) {
    return e.problems();
  }
}

TEST(Config, ShippedConfigParsesWithPathsRelativeToItsFolder) {
  Config c = ParseConfig(DefaultDoc(), "/srv/lapor/config/default.json", {});
  EXPECT_EQ(c.dialog.file, "/srv/lapor/dialogs/lapor.json");
  EXPECT_EQ(c.dialog.templates_dir, "/srv/lapor/templates");
  EXPECT_EQ(c.http.port, 8080);
  EXPECT_EQ(c.region.kecamatan.size(), 40u);
  EXPECT_EQ(c.dialog.languages.front(), "id");
}

TEST(Config, EnvironmentOverridesAddressesAndSecrets) {
  Config c = ParseConfig(DefaultDoc(), "c.json",
                         {{"REDIS_URL", "redis://:pw@10.0.0.5:6390/2"},
                          {"LAPOR1708_LISTEN", "0.0.0.0:9000"},
                          {"LAPOR1708_KANNEL_SECRET", "s3cret"},
                          {"LAPOR1708_REDIS_PREFIX", "bogor:"}});
  EXPECT_EQ(c.redis.url, "redis://:pw@10.0.0.5:6390/2");
  EXPECT_EQ(c.http.address, "0.0.0.0");
  EXPECT_EQ(c.http.port, 9000);
  EXPECT_EQ(c.kannel.secret, "s3cret");
  EXPECT_EQ(c.redis.prefix, "bogor:");
}

TEST(Config, EveryProblemIsReportedWithItsJsonPath) {
  auto doc = DefaultDoc();
  doc["listen"]["port"] = -1;
  doc["http"]["threads"] = "two";
  doc["redis"]["url"] = 5;
  doc["region"].erase("kecamatan");
  doc["log"]["level"] = "loud";
  doc["extra"] = true;
  auto problems = Problems(doc, {{"LAPOR1708_LISTEN", "nonsense"}});
  std::vector<std::string> expected = {
      "c.json: /extra: unknown key (a typo?)",
      "c.json: /listen/port: must be a whole number from 0 to 65535",
      "c.json: /http/threads: must be a whole number from 0 to 256",
      "c.json: /redis/url: must be a string",
      "c.json: /region/kecamatan: is required",
      "c.json: /log/level: must be debug, info, warn or error",
      "c.json: $LAPOR1708_LISTEN: must be host:port, e.g. 127.0.0.1:8080",
  };
  EXPECT_EQ(problems, expected);
}

TEST(Config, NumbersOutOfRangeAreRefusedNotWrapped) {
  auto doc = DefaultDoc();
  doc["http"]["read_timeout_ms"] = 5000000000ULL;  // would wrap to a small int
  doc["redis"]["command_timeout_ms"] = 0;
  doc["dialog"]["sms_idle_minutes"] = 1000000;
  auto problems = Problems(doc, {{"LAPOR1708_HTTP_THREADS", "-1"}});
  std::vector<std::string> expected = {
      "c.json: /http/read_timeout_ms: must be a whole number from 10 to 86400000",
      "c.json: /redis/command_timeout_ms: must be a whole number from 10 to 60000",
      "c.json: /dialog/sms_idle_minutes: must be a whole number from 1 to 10080",
      "c.json: $LAPOR1708_HTTP_THREADS: must be a whole number from 0 to 256",
  };
  EXPECT_EQ(problems, expected);
}

TEST(Config, NotAnObjectIsRefused) {
  EXPECT_EQ(Problems(nlohmann::json::array()),
            std::vector<std::string>{"c.json: /: must be a JSON object"});
}

}  // namespace
}  // namespace lapor::app
