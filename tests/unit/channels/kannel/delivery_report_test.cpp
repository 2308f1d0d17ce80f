#include "channels/kannel/delivery_report.hpp"

#include <gtest/gtest.h>

namespace lapor::channels::kannel {
namespace {

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

}  // namespace
}  // namespace lapor::channels::kannel
