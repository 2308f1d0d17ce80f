#include "cases/notice_text.hpp"

#include <gtest/gtest.h>

namespace lapor::cases {
namespace {

text::TemplateSet Templates() {
  return text::TemplateSet::FromJson(
      {{"id",
        {{"notice.verified", "Laporan {tracking_no} telah diverifikasi."},
         {"official.dispatched", "Kasus {tracking_no} untuk {opd}."}}},
       {"en",
        {{"notice.verified", "Report {tracking_no} was verified."},
         {"official.dispatched", "Case {tracking_no} for {opd}."}}}});
}

TEST(RenderNotices, RendersEachNoticeInItsLanguageInOrder) {
  std::vector<cases::Notice> notices = {
      {.audience = cases::Audience::kCitizen,
       .to = "+6281234567890",
       .template_key = "notice.verified",
       .vars = {{"tracking_no", "000000427"}},
       .lang = "en"},
      {.audience = cases::Audience::kOpd,
       .to = "+6281100000001",
       .template_key = "official.dispatched",
       .vars = {{"tracking_no", "000000427"}, {"opd", "Dinas PU"}},
       .lang = "id",
       .essential = true},
  };
  auto sms = RenderNotices(notices, Templates());
  ASSERT_EQ(sms.size(), 2u);
  EXPECT_EQ(sms[0].to, "+6281234567890");
  EXPECT_EQ(sms[0].text, "Report 000000427 was verified.");
  EXPECT_EQ(sms[0].kind, "notice.verified");
  EXPECT_TRUE(sms[0].to_citizen);
  EXPECT_FALSE(sms[0].essential);
  EXPECT_EQ(sms[1].text, "Kasus 000000427 untuk Dinas PU.");
  EXPECT_FALSE(sms[1].to_citizen);
  EXPECT_TRUE(sms[1].essential);
}

TEST(RenderNotices, ALanguageWithoutTheTextFallsBackToIndonesian) {
  std::vector<cases::Notice> notices = {{.to = "+6281234567890",
                                         .template_key = "notice.verified",
                                         .vars = {{"tracking_no", "1"}},
                                         .lang = "jv"}};
  auto sms = RenderNotices(notices, Templates());
  ASSERT_EQ(sms.size(), 1u);
  EXPECT_EQ(sms[0].text, "Laporan 1 telah diverifikasi.");
}

}  // namespace
}  // namespace lapor::cases
