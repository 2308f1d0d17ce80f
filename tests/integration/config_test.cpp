#include "app/config.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "app/references.hpp"
#include "app/service.hpp"
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
  EXPECT_EQ(c.dialog.languages.front(), "id");
  EXPECT_EQ(c.places.dir, "/srv/lapor/data/wilayah");
  // The national line with Bangka Tengah onboarded, its OPDs named after its real ones, the
  // health office with the puskesmas of its six kecamatan.
  ASSERT_EQ(c.policy.regions.size(), 1u);
  const auto& region = c.policy.regions.front();
  EXPECT_EQ(region.code, "19.04");
  std::vector<std::string> opds;
  for (const auto& opd : region.opds) {
    opds.push_back(opd.code + " " + opd.name);
  }
  EXPECT_EQ(opds, (std::vector<std::string>{"dinkes Dinas Kesehatan", "dpupr Dinas PUPR",
                                            "disdukcapil Disdukcapil", "dpmptsp DPMPTSP",
                                            "kesbangpol Badan Kesbangpol"}));
  std::vector<std::string> puskesmas;
  for (const auto& unit : region.FindOpd("dinkes")->units) {
    puskesmas.push_back(unit.kecamatan);
  }
  EXPECT_EQ(puskesmas, (std::vector<std::string>{"Koba", "Lubuk Besar", "Namang", "Pangkalan Baru",
                                                 "Simpang Katis", "Sungai Selan"}));
  EXPECT_FALSE(region.inspectorate_phones.empty());
  EXPECT_FALSE(region.regent_phones.empty());
}

TEST(Config, EnvironmentOverridesAddressesAndSecrets) {
  Config c = ParseConfig(DefaultDoc(), "c.json",
                         {{"REDIS_URL", "redis://:pw@10.0.0.5:6390/2"},
                          {"LAPOR1708_LISTEN", "0.0.0.0:9000"},
                          {"LAPOR1708_ADMIN_LISTEN", "127.0.0.1:9001"},
                          {"LAPOR1708_KANNEL_SECRET", "Kannel-s3cret-2026"},
                          {"LAPOR1708_AFRICASTALKING_TOKEN", "AT-t0ken-of-our-own"},
                          {"LAPOR1708_REDIS_PREFIX", "bogor:"}});
  EXPECT_EQ(c.redis.url, "redis://:pw@10.0.0.5:6390/2");
  EXPECT_EQ(c.http.address, "0.0.0.0");
  EXPECT_EQ(c.http.port, 9000);
  EXPECT_TRUE(c.http.separate_admin);
  EXPECT_EQ(c.http.admin_address, "127.0.0.1");
  EXPECT_EQ(c.http.admin_port, 9001);
  EXPECT_EQ(c.kannel.secret, "Kannel-s3cret-2026");
  EXPECT_EQ(c.africastalking.token, "AT-t0ken-of-our-own");
  EXPECT_EQ(c.redis.prefix, "bogor:");
}

TEST(Config, BeyondLoopbackTheServerRefusesToStartWithoutWebhookSecretsAndSaysHow) {
  // The shipped config listens on 127.0.0.1 with example secrets: fine there.
  EXPECT_TRUE(Problems(DefaultDoc(), {}).empty());
  // The same on 0.0.0.0: the examples are refused, then empty ones, then short ones.
  auto problems = Problems(DefaultDoc(), {{"LAPOR1708_LISTEN", "0.0.0.0:8080"}});
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("/channels/kannel/secret: is the example"), std::string::npos)
      << problems[0];
  EXPECT_NE(problems[0].find("LAPOR1708_KANNEL_SECRET"), std::string::npos) << problems[0];
  EXPECT_NE(problems[0].find("&secret=<secret> to Kannel's get-url"), std::string::npos);
  EXPECT_NE(problems[1].find("/channels/africastalking/token"), std::string::npos) << problems[1];
  EXPECT_NE(problems[1].find("?token=<token>"), std::string::npos) << problems[1];
  auto doc = DefaultDoc();
  doc["channels"]["kannel"]["secret"] = "";
  doc["channels"]["africastalking"]["token"] = "";
  doc["listen"]["address"] = "::";
  problems = Problems(doc, {{"LAPOR1708_AFRICASTALKING_TOKEN", "short"}});
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("/channels/kannel/secret: required"), std::string::npos);
  EXPECT_NE(problems[1].find("/channels/africastalking/token: too short"), std::string::npos);
  // Kannel reads '%' in its get-url as an escape code: such a secret never works.
  EXPECT_EQ(Problems(DefaultDoc(), {{"LAPOR1708_KANNEL_SECRET", "50%-off-secret-x"}}).size(), 1u);
  // Secrets of their own: it starts.
  EXPECT_TRUE(Problems(DefaultDoc(), {{"LAPOR1708_LISTEN", "0.0.0.0:8080"},
                                      {"LAPOR1708_KANNEL_SECRET", "Kannel-s3cret-2026"},
                                      {"LAPOR1708_AFRICASTALKING_TOKEN", "AT-t0ken-of-our-own"}})
                  .empty());
  // A provider that is switched off needs no secret.
  doc = DefaultDoc();
  doc["channels"]["africastalking"]["enabled"] = false;
  EXPECT_EQ(Problems(doc, {{"LAPOR1708_LISTEN", "0.0.0.0:8080"},
                           {"LAPOR1708_KANNEL_SECRET", "Kannel-s3cret-2026"}})
                .size(),
            0u);
}

TEST(Config, TwilioAndGenericCannotBeEnabledWithoutWhatTheirSignaturesNeed) {
  auto doc = DefaultDoc();
  doc["channels"]["twilio"]["enabled"] = true;
  doc["channels"]["generic"]["enabled"] = true;
  auto problems = Problems(doc, {});
  std::string all;
  for (const auto& p : problems) {
    all += p + "\n";
  }
  for (const char* key :
       {"/channels/twilio/account_sid", "/channels/twilio/auth_token",
        "/channels/twilio/public_base_url", "/channels/twilio/from", "/channels/generic/secret"}) {
    EXPECT_NE(all.find(key), std::string::npos) << key << " in\n" << all;
  }
}

TEST(Config, TheProductionExampleNeedsItsSecretsFromTheEnvironmentAndThenStarts) {
  const std::string path = std::string(LAPOR_SOURCE_DIR) + "/config/example.production.json";
  const Environment secrets = {{"LAPOR1708_KANNEL_SECRET", "Kannel-s3cret-2026"},
                               {"LAPOR1708_AFRICASTALKING_TOKEN", "AT-t0ken-of-our-own"},
                               {"LAPOR1708_AFRICASTALKING_API_KEY", "atsk_live_key"},
                               {"LAPOR1708_TWILIO_AUTH_TOKEN", "f0e1d2c3b4a5968778695a4b3c2d1e0f"},
                               {"LAPOR1708_GENERIC_SECRET", "generic-gateway-secret-2026"}};
  Config c = LoadConfig(path, secrets);
  EXPECT_EQ(c.http.address, "0.0.0.0");
  EXPECT_TRUE(c.http.separate_admin);
  EXPECT_TRUE(c.twilio.enabled);
  EXPECT_TRUE(c.generic.enabled);
  EXPECT_EQ(c.africastalking.allow_networks.size(), 2u);
  EXPECT_EQ(c.outbox.official_route, "africastalking");
  try {
    LoadConfig(path, {});
    ADD_FAILURE() << "started without its secrets";
  } catch (const ConfigError& e) {
    std::string all;
    for (const auto& p : e.problems()) {
      all += p + "\n";
    }
    for (const char* key : {"/channels/kannel/secret", "/channels/africastalking/token",
                            "/channels/africastalking/api_key", "/channels/twilio/auth_token",
                            "/channels/generic/secret"}) {
      EXPECT_NE(all.find(key), std::string::npos) << key << " in\n" << all;
    }
  }
}

TEST(Config, OutboundRoutesMustNameAGatewayThatSends) {
  auto doc = DefaultDoc();
  doc["outbox"]["routes"]["official"] = "twilio";
  auto problems = Problems(doc, {});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("/outbox/routes/official"), std::string::npos) << problems[0];
}

TEST(Config, EveryProblemIsReportedWithItsJsonPath) {
  auto doc = DefaultDoc();
  doc["listen"]["port"] = -1;
  doc["http"]["threads"] = "two";
  doc["redis"]["url"] = 5;
  doc["regions"][0].erase("opds");
  doc["regions"][0]["holidays"] = {{{"date", "2027-02-30"}, {"name", "x"}}};
  doc["log"]["level"] = "loud";
  doc["extra"] = true;
  auto problems = Problems(doc, {{"LAPOR1708_LISTEN", "nonsense"}});
  std::vector<std::string> expected = {
      "c.json: /extra: unknown key (a typo?)",
      "c.json: /listen/port: must be a whole number from 0 to 65535",
      "c.json: /http/threads: must be a whole number from 0 to 256",
      "c.json: /redis/url: must be a string",
      "c.json: /regions/0/opds: must be a list of at least one {code, name, liaison_phones, ...}",
      "c.json: /regions/0/holidays/0/date: must be a real date written YYYY-MM-DD",
      "c.json: /log/level: must be debug, info, warn or error",
      "c.json: $LAPOR1708_LISTEN: must be host:port, e.g. 127.0.0.1:8080",
  };
  EXPECT_EQ(problems, expected);
}

// What one part of the config names in another must exist: check-config and the server's start
// list every region, OPD category, unit kecamatan and official's role that does not resolve.
TEST(Config, ReferencesThatDoNotResolveAreNamed) {
  auto doc = DefaultDoc();
  auto bogor = doc["regions"][0];
  bogor["code"] = "32.99";
  doc["regions"].push_back(bogor);
  doc["regions"][0]["opds"][1]["categories"] = {"infrastruktur", "jalan"};
  doc["regions"][0]["opds"][0]["units"][2]["kecamatan"] = "Cibinong";
  const std::string path = std::string(LAPOR_SOURCE_DIR) + "/config/default.json";
  Config c = ParseConfig(doc, path, {});
  auto places = BuildPlaces(c);
  auto engine = BuildEngine(c, places);
  admin::TokenSet tokens;
  for (const auto& [name, role] :
       std::vector<std::pair<std::string, std::string>>{{"siti", "verifier"},
                                                        {"rina", "region_admin:19.04"},
                                                        {"budi", "opd:19.04/dinas-pu"},
                                                        {"asep", "inspectorate:32.01"}}) {
    tokens.entries.push_back({.sha256 = "", .actor = *cases::ParseRole(role, name)});
  }
  c.admin.tokens_file = "tokens.json";
  std::vector<std::string> problems;
  try {
    ResolveReferences(c, engine->dialog(), *places, &tokens);
  } catch (const ConfigError& e) {
    problems = e.problems();
  }
  EXPECT_EQ(
      problems,
      (std::vector<std::string>{
          path + ": /regions/0/opds/0/units/2/kecamatan: \"Cibinong\" is not a kecamatan of "
                 "this region",
          path + ": /regions/0/opds/1/categories/1: \"jalan\" is not a category of the dialog "
                 "(kesehatan, pelayanan-publik, infrastruktur, ketertiban)",
          path + ": /regions/1/code: \"32.99\" is not the code of a kabupaten or kota (e.g. "
                 "19.04)",
          "tokens.json: budi (opd:19.04/dinas-pu): \"dinas-pu\" is not an OPD of region 19.04 "
          "(dinkes, dpupr, disdukcapil, dpmptsp, kesbangpol)",
          "tokens.json: asep (inspectorate:32.01): region 32.01 is not onboarded"}));
  // Resolved, the region gets its name from the map and a unit's kecamatan its code.
  Config good = ParseConfig(DefaultDoc(), path, {});
  ResolveReferences(good, engine->dialog(), *places, nullptr);
  EXPECT_EQ(good.policy.regions[0].name, "Kabupaten Bangka Tengah");
  EXPECT_EQ(good.policy.regions[0].opds[0].units[0].kecamatan, "19.04.01");
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

// The whole rest of $LAPOR1708_LISTEN after the last colon is the port, and threads are digits
// only: a stray character is a mistake to name, not a number to take the front of.
TEST(Config, AListenPortOrThreadCountWithAnythingBesideDigitsIsRefused) {
  const std::vector<std::string> listen_problem = {
      "c.json: $LAPOR1708_LISTEN: must be host:port, e.g. 127.0.0.1:8080"};
  for (const char* listen :
       {"127.0.0.1:80x", "127.0.0.1:", "127.0.0.1:+80", "127.0.0.1: 80", "127.0.0.1:65536"}) {
    EXPECT_EQ(Problems(DefaultDoc(), {{"LAPOR1708_LISTEN", listen}}), listen_problem) << listen;
  }
  const std::vector<std::string> threads_problem = {
      "c.json: $LAPOR1708_HTTP_THREADS: must be a whole number from 0 to 256"};
  for (const char* threads : {"4x", "+4", " 4", "257"}) {
    EXPECT_EQ(Problems(DefaultDoc(), {{"LAPOR1708_HTTP_THREADS", threads}}), threads_problem)
        << threads;
  }
  EXPECT_TRUE(Problems(DefaultDoc(),
                       {{"LAPOR1708_LISTEN", "127.0.0.1:9000"}, {"LAPOR1708_HTTP_THREADS", "4"}})
                  .empty());
}

TEST(Config, NotAnObjectIsRefused) {
  EXPECT_EQ(Problems(nlohmann::json::array()),
            std::vector<std::string>{"c.json: /: must be a JSON object"});
}

}  // namespace
}  // namespace lapor::app
