#include "channels/kannel/delivery_report.hpp"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <utility>

#include "channels/kannel/sendsms.hpp"
#include "text/url_encoding.hpp"
#include "unit/channels/provider_fixture.hpp"

namespace lapor::channels::kannel {
namespace {

// tests/fixtures/kannel/dlr-*.query: Kannel's call of our dlr-url for each report type.
const std::pair<const char*, DlrStatus> kDlrFixtures[] = {
    {"dlr-delivered.query", DlrStatus::kDelivered}, {"dlr-failed.query", DlrStatus::kFailed},
    {"dlr-buffered.query", DlrStatus::kBuffered},   {"dlr-submitted.query", DlrStatus::kSubmitted},
    {"dlr-rejected.query", DlrStatus::kRejected},
};

TEST(ParseDeliveryReport, ReadsOurIdAndEachReportType) {
  const std::pair<const char*, DlrStatus> cases[] = {{"1", DlrStatus::kDelivered},
                                                     {"2", DlrStatus::kFailed},
                                                     {"4", DlrStatus::kBuffered},
                                                     {"8", DlrStatus::kSubmitted},
                                                     {"16", DlrStatus::kRejected}};
  for (const auto& [code, status] : cases) {
    auto report = ParseDeliveryReport(std::string("id=42&status=") + code);
    ASSERT_TRUE(report.ok()) << code << ": " << report.error().message;
    EXPECT_EQ(report->message_id, "42");
    EXPECT_EQ(report->status, status);
  }
}

TEST(ParseDeliveryReport, NamesTheTypesAndTellsFinalFromInterim) {
  EXPECT_EQ(DlrStatusName(DlrStatus::kDelivered), "delivered");
  EXPECT_EQ(DlrStatusName(DlrStatus::kFailed), "failed");
  EXPECT_EQ(DlrStatusName(DlrStatus::kBuffered), "buffered");
  EXPECT_EQ(DlrStatusName(DlrStatus::kSubmitted), "submitted");
  EXPECT_EQ(DlrStatusName(DlrStatus::kRejected), "rejected");
  EXPECT_TRUE(IsFinalDlr(DlrStatus::kDelivered));
  EXPECT_TRUE(IsFinalDlr(DlrStatus::kFailed));
  EXPECT_TRUE(IsFinalDlr(DlrStatus::kRejected));
  EXPECT_FALSE(IsFinalDlr(DlrStatus::kBuffered));
  EXPECT_FALSE(IsFinalDlr(DlrStatus::kSubmitted));
}

TEST(ParseDeliveryReport, EachTypeMapsToOurStates) {
  const std::pair<DlrStatus, DeliveryState> cases[] = {
      {DlrStatus::kDelivered, DeliveryState::kDelivered},
      {DlrStatus::kFailed, DeliveryState::kFailed},
      {DlrStatus::kRejected, DeliveryState::kFailed},
      {DlrStatus::kBuffered, DeliveryState::kQueued},
      {DlrStatus::kSubmitted, DeliveryState::kSent}};
  for (const auto& [type, state] : cases) {
    EXPECT_EQ(ToDeliveryState(type), state) << DlrStatusName(type);
    EXPECT_EQ(IsFinal(state), IsFinalDlr(type)) << DlrStatusName(type);
  }
  const DeliveryReport report =
      ToDeliveryReport({.message_id = "42", .status = DlrStatus::kFailed});
  EXPECT_EQ(report.message_id, "42");
  EXPECT_EQ(report.state, DeliveryState::kFailed);
  EXPECT_EQ(report.provider_status, "2");
}

TEST(ParseDeliveryReport, FieldOrderAndExtraFieldsDoNotMatter) {
  auto report = ParseDeliveryReport("status=1&smsc=telkomsel&id=7");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->message_id, "7");
  EXPECT_EQ(report->status, DlrStatus::kDelivered);
}

TEST(ParseDeliveryReport, LeadingZerosNameTheSameMessage) {
  auto report = ParseDeliveryReport("id=007&status=1");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->message_id, "7");
}

TEST(ParseDeliveryReport, RefusesWhatIsNotOneOfOurReports) {
  for (const char* bad : {"", "status=1", "id=42", "id=&status=1", "id=42&status=",
                          "id=abc&status=1", "id=-4&status=1", "id=4 2&status=1", "id=0&status=1",
                          "id=12345678901234567890&status=1", "id=42&status=3", "id=42&status=32",
                          "id=42&status=1x", "id=42&status=%d", "id=42&status=%"}) {
    auto report = ParseDeliveryReport(bad);
    ASSERT_FALSE(report.ok()) << bad;
    EXPECT_EQ(report.error().code, Errc::kBadRequest) << bad;
  }
}

TEST(ParseDeliveryReport, TheMessageNamesTheField) {
  auto report = ParseDeliveryReport("id=42&status=3");
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.error().message.find("status"), std::string::npos);
  report = ParseDeliveryReport("status=1");
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.error().message.find("id"), std::string::npos);
}

TEST(KannelDeliveryReport, EachReportKannelSendsNamesOurMessageAndItsType) {
  for (const auto& [name, status] : kDlrFixtures) {
    auto report = ParseDeliveryReport(test::ReadProviderFixture(std::string("kannel/") + name));
    ASSERT_TRUE(report.ok()) << name << ": " << report.error().message;
    EXPECT_EQ(report->message_id, "42") << name;
    EXPECT_EQ(report->status, status) << name;
  }
}

TEST(KannelDeliveryReport, FixturesAreTheDlrUrlSendSmsUrlAsksForWithTheTypeFilledIn) {
  // What Kannel does with our dlr-url: decode it from the sendsms query, replace %d by the
  // report type ("Parameters (Escape Codes)": "%d the delivery report value"), call it.
  SendSmsAccount account{.sendsms_url = "http://127.0.0.1:13013/cgi-bin/sendsms",
                         .username = "lapor1708",
                         .password = "pw",
                         .from = "1708",
                         .dlr_url = "http://127.0.0.1:8080/webhooks/kannel/dlr"};
  auto sendsms = text::ParseUrlEncoded(
      text::SplitTarget(SendSmsUrl(account, "42", "+6281234567890", "Laporan diterima.")).second);
  ASSERT_TRUE(sendsms.ok());
  ASSERT_EQ(sendsms->at("dlr-mask"), "31");
  const std::string dlr_url = sendsms->at("dlr-url");
  const size_t placeholder = dlr_url.find("%d");
  ASSERT_NE(placeholder, std::string::npos) << dlr_url;
  for (const auto& [name, status] : kDlrFixtures) {
    std::string called = dlr_url;
    called.replace(placeholder, 2, std::to_string(static_cast<int>(status)));
    auto [path, query] = text::SplitTarget(called);
    EXPECT_EQ(path, "http://127.0.0.1:8080/webhooks/kannel/dlr");
    EXPECT_EQ(query, test::ReadProviderFixture(std::string("kannel/") + name)) << name;
  }
}

TEST(KannelDeliveryReport, FinalTypesEndTheMessagesStory) {
  for (const auto& [name, status] : kDlrFixtures) {
    auto report = ParseDeliveryReport(test::ReadProviderFixture(std::string("kannel/") + name));
    ASSERT_TRUE(report.ok()) << name;
    const bool final = status == DlrStatus::kDelivered || status == DlrStatus::kFailed ||
                       status == DlrStatus::kRejected;
    EXPECT_EQ(IsFinalDlr(report->status), final) << name;
  }
}

TEST(KannelDeliveryReport, BadShapesOfTheCallAreBadRequestsNamingTheField) {
  const std::string good = test::ReadProviderFixture("kannel/dlr-delivered.query");
  const std::tuple<const char*, std::string, const char*> cases[] = {
      {"no id", test::WithRawField(good, "id", nullptr), "id"},
      {"no status", test::WithRawField(good, "status", nullptr), "status"},
      {"20-digit id", test::WithRawField(good, "id", "12345678901234567890"), "id"},
      {"id with a Redis hash tag", test::WithRawField(good, "id", "42%7Bx%7D"), "id"},
      {"id with a NUL", test::WithRawField(good, "id", "42%00"), "id"},
      {"id zero", test::WithRawField(good, "id", "000"), "id"},
      {"placeholder left unfilled", test::WithRawField(good, "status", "%25d"), "status"},
      {"intermediate notice (32, not in our mask)", test::WithRawField(good, "status", "32"),
       "status"},
      {"the whole mask", test::WithRawField(good, "status", "31"), "status"},
      {"status with a sign", test::WithRawField(good, "status", "%2B1"), "status"},
      {"bad escape in id", test::WithRawField(good, "id", "4%2"), "id"},
  };
  for (const auto& [what, query, field] : cases) {
    auto report = ParseDeliveryReport(query);
    ASSERT_FALSE(report.ok()) << what;
    EXPECT_EQ(report.error().code, Errc::kBadRequest) << what;
    EXPECT_NE(report.error().message.find(field), std::string::npos)
        << what << ": " << report.error().message;
  }
}

}  // namespace
}  // namespace lapor::channels::kannel
