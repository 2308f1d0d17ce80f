#include "support/case_driver.hpp"

#include <gtest/gtest.h>

#include "cases/tracking_number.hpp"
#include "support/run_sync.hpp"

namespace lapor::test {

std::string CaseDriver::FileBySms(const std::string& phone) {
  for (const char* text : {"LAPOR", "1", "1", "1", "koba", "1", "Antrean puskesmas lama sekali"}) {
    server_.Sms(phone, text);
  }
  std::string done = server_.Sms(phone, "1");
  auto at = done.find("nomor ");
  EXPECT_NE(at, std::string::npos) << done;
  return at == std::string::npos ? "" : done.substr(at + 6, cases::kTrackingNumberDigits);
}

std::string CaseDriver::FileAndDispatch(const std::string& phone) {
  std::string no = FileBySms(phone);
  Act(no, {.kind = cases::ActionKind::kVerify}, Verifier());
  Act(no, {.kind = cases::ActionKind::kForward, .region = "19.04"}, Verifier());
  Act(no, {.kind = cases::ActionKind::kDispatch, .opd = "dinkes"}, RegionAdmin());
  return no;
}

void CaseDriver::Act(const std::string& no, const cases::Action& action,
                     const cases::Actor& actor) {
  auto& service = server_.service();
  casework::MoveRequest request{
      .case_no = no, .action = action, .actor = actor, .now = server_.clock().Now()};
  auto outcome = RunSync(service.io(), service.desk().Move(std::move(request)));
  ASSERT_EQ(outcome.result, casework::MoveResult::kMoved) << no << ": " << outcome.error.message;
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
