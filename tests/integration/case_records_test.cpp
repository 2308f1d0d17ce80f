// The audit entry as stored in a case's log: written without a JSON DOM, it must read as the
// entries written before (by nlohmann::json's dump) do, byte for byte.
#include "store/case_records.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace lapor::store {
namespace {

std::string AsBefore(const cases::AuditEntry& e) {
  nlohmann::json entry = {{"at", e.at},     {"actor", e.actor}, {"action", e.action},
                          {"from", e.from}, {"to", e.to},       {"note", e.note}};
  return entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST(AuditEntry, IsWrittenByteForByteAsTheDomWroteIt) {
  const cases::AuditEntry entries[] = {
      {.at = 1790000000123,
       .actor = "scheduler",
       .action = "answer_due",
       .from = "dispatched",
       .to = "extended",
       .note = ""},
      {.at = 0,
       .actor = "citizen",
       .action = "file",
       .from = "",
       .to = "submitted",
       .note = "Jalan \"rusak\"\ndi C:\\desa \xF0\x9F\x98\x80 \x01"},
      {.at = -5,
       .actor = "verif-19",
       .action = "reject",
       .from = "submitted",
       .to = "rejected",
       .note = "bukan wewenang"},
  };
  for (const auto& e : entries) {
    EXPECT_EQ(EncodeAuditEntry(e), AsBefore(e));
  }
}

TEST(AuditEntry, ABadByteInANoteStillGivesAnEntryThatParses) {
  cases::AuditEntry e{.at = 1,
                      .actor = "citizen",
                      .action = "file",
                      .note =
                          "a\xFF"
                          "b"};
  auto parsed = nlohmann::json::parse(EncodeAuditEntry(e), nullptr, false);
  ASSERT_FALSE(parsed.is_discarded());
  EXPECT_EQ(parsed["note"],
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(parsed["at"], 1);
}

}  // namespace
}  // namespace lapor::store
