#include "support/case_driver.hpp"

#include <gtest/gtest.h>

#include "outbox/notice_text.hpp"
#include "support/run_sync.hpp"

namespace lapor::test {

std::string CaseDriver::FileBySms(const std::string& phone) {
  for (const char* text :
       {"LAPOR", "1", "1", "1", "7", "Desa Pakansari", "Antrean puskesmas lama sekali", "1"}) {
    server_.Sms(phone, text);
  }
  std::string done = server_.Sms(phone, "1");
  auto at = done.find("nomor ");
  EXPECT_NE(at, std::string::npos) << done;
  return at == std::string::npos ? "" : done.substr(at + 6, 8);
}

std::string CaseDriver::FileAndDispatch(const std::string& phone) {
  std::string no = FileBySms(phone);
  Act(no, {.kind = cases::ActionKind::kVerify}, Verifier());
  Act(no, {.kind = cases::ActionKind::kForward, .region = "bogor"}, Verifier());
  Act(no, {.kind = cases::ActionKind::kDispatch, .opd = "dinkes"}, RegionAdmin());
  return no;
}

void CaseDriver::Act(const std::string& no, const cases::Action& action,
                     const cases::Actor& actor) {
  auto& service = server_.service();
  auto& store = service.cases();
  auto before = RunSync(service.io(), store.Load(no));
  ASSERT_TRUE(before && *before) << no;
  auto t = cases::Apply(**before, action, actor, server_.clock().Now(), service.config().policy,
                        service.calendar());
  ASSERT_TRUE(t) << t.error().message;
  auto sms = outbox::RenderNotices(t->notices, service.templates());
  auto written = RunSync(service.io(), store.Commit(**before, *t, sms, "", server_.clock().Now()));
  ASSERT_TRUE(written && *written == store::CaseWrite::kOk);
}

cases::Case CaseDriver::Load(const std::string& no) {
  auto c = RunSync(server_.service().io(), server_.service().cases().Load(no));
  EXPECT_TRUE(c && *c) << no;
  return c && *c ? **c : cases::Case{};
}

int64_t CaseDriver::Queued() {
  auto counts = RunSync(server_.service().io(), server_.service().outbox().Counts());
  EXPECT_TRUE(counts);
  return counts ? counts->queued : -1;
}

}  // namespace lapor::test
