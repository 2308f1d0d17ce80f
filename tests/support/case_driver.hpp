#pragma once

#include <string>

#include "cases/workflow.hpp"
#include "support/test_server.hpp"

namespace lapor::test {

// Drives cases through a TestServer the way citizens and officials do: files a report by SMS and
// applies officials' actions through the workflow and the real case store.
class CaseDriver {
 public:
  explicit CaseDriver(TestServer& server) : server_(server) {}

  // Files a complete report by SMS from `phone`; returns its tracking number.
  std::string FileBySms(const std::string& phone);
  // FileBySms (a puskesmas in Koba, Bangka Tengah), then verify, forward to Bangka Tengah and
  // dispatch to its dinkes.
  std::string FileAndDispatch(const std::string& phone);
  // Applies `action` as `actor` now and writes it (with its notices) atomically.
  void Act(const std::string& no, const cases::Action& action, const cases::Actor& actor);
  cases::Case Load(const std::string& no);
  // How many SMS wait on the outbox stream.
  int64_t Queued();

  static cases::Actor Verifier() { return {.name = "siti", .role = cases::Role::kVerifier}; }
  static cases::Actor RegionAdmin() {
    return {.name = "budi", .role = cases::Role::kRegionAdmin, .region = "19.04"};
  }
  static cases::Actor Dinkes() {
    return {.name = "dewi", .role = cases::Role::kOpd, .opd = "dinkes", .region = "19.04"};
  }

 private:
  TestServer& server_;
};

}  // namespace lapor::test
