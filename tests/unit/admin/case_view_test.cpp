#include "admin/case_view.hpp"

#include <gtest/gtest.h>

#include "support/test_time.hpp"

namespace lapor::admin {
namespace {

using cases::Actor;
using cases::DeadlineKind;
using cases::Role;
using cases::Status;

using test::kHour;
// 2026-11-28 08:00 WIB (01:00 UTC); that WIB day starts 2026-11-27 17:00 UTC.
using test::kTestEpochMs;
constexpr TimeMs kDayStart = kTestEpochMs - 8 * kHour;

cases::Case AnonymousCase() {
  cases::Case c;
  c.tracking_no = "000000427";
  c.status = Status::kDispatched;
  c.category = "infrastruktur";
  c.place = "19.04.01.2003";
  c.kecamatan = "19.04.01";
  c.region = "19.04";
  c.forwarded_to = "19.04";
  c.labels = {{"place", "Desa Nibung, Koba, Bangka Tengah"}, {"region", "Kabupaten Bangka Tengah"}};
  c.identity = "anonim";
  c.phone = "+6281234567890";
  c.details = "jalan rusak";
  c.opd = "dinas-pu";
  c.created_at = kTestEpochMs - 48 * kHour;
  c.dispatched_at = kTestEpochMs - 24 * kHour;
  c.deadlines[DeadlineKind::kAnswerDue] = kTestEpochMs + 96 * kHour;
  c.version = 4;
  return c;
}

Actor As(Role role) {
  return {.name = "x", .role = role, .opd = role == Role::kOpd ? "dinas-pu" : ""};
}

TEST(PhoneHidden, AnonymousAndConfidentialReportersAreMaskedForAllButTheVerifier) {
  auto c = AnonymousCase();
  for (const char* identity : {"anonim", "rahasia"}) {
    c.identity = identity;
    EXPECT_FALSE(PhoneHidden(c, As(Role::kVerifier))) << identity;
    for (Role role :
         {Role::kRegionAdmin, Role::kOpd, Role::kInspectorate, Role::kOmbudsman, Role::kAuditor}) {
      EXPECT_TRUE(PhoneHidden(c, As(role))) << identity << " " << cases::RoleName(role);
    }
  }
  c.identity = "biasa";
  EXPECT_FALSE(PhoneHidden(c, As(Role::kAuditor)));
}

TEST(CaseJson, MasksThePhoneForTheAuditorAndShowsItToTheVerifier) {
  auto c = AnonymousCase();
  auto audit = CaseJson(c, As(Role::kAuditor), kTestEpochMs);
  EXPECT_EQ(audit["phone"], "+628******7890");
  EXPECT_EQ(audit["phone_masked"], true);
  EXPECT_EQ(audit.dump().find("81234567890"), std::string::npos);

  auto verifier = CaseJson(c, As(Role::kVerifier), kTestEpochMs);
  EXPECT_EQ(verifier["phone"], "+6281234567890");
  EXPECT_EQ(verifier["phone_masked"], false);
}

TEST(CaseJson, HoldsTheFieldsTimesAndDeadlines) {
  auto c = AnonymousCase();
  auto json = CaseJson(c, As(Role::kRegionAdmin), kTestEpochMs);
  EXPECT_EQ(json["tracking_no"], "000000427");
  EXPECT_EQ(json["status"], "dispatched");
  EXPECT_EQ(json["category"], "infrastruktur");
  EXPECT_EQ(json["details"], "jalan rusak");
  EXPECT_EQ(json["opd"], "dinas-pu");
  EXPECT_EQ(json["place"], "19.04.01.2003");
  EXPECT_EQ(json["place_name"], "Desa Nibung, Koba, Bangka Tengah");
  EXPECT_EQ(json["kecamatan"], "19.04.01");
  EXPECT_EQ(json["region"], "19.04");
  EXPECT_EQ(json["region_name"], "Kabupaten Bangka Tengah");
  EXPECT_EQ(json["forwarded_to"], "19.04");
  EXPECT_EQ(json["referred_to"], "");
  EXPECT_EQ(json["created_at"], kTestEpochMs - 48 * kHour);
  EXPECT_TRUE(json["responded_at"].is_null());
  EXPECT_TRUE(json["closed_at"].is_null());
  EXPECT_EQ(json["deadlines"]["answer_due"], kTestEpochMs + 96 * kHour);
  EXPECT_EQ(json["overdue"], false);
  EXPECT_EQ(json["version"], 4);
}

TEST(AuditEntryJson, MasksTheReportersNumberInEverySpellingWhenHidden) {
  auto c = AnonymousCase();
  nlohmann::json entry = {{"at", kTestEpochMs},
                          {"actor", "citizen"},
                          {"action", "citizen_info"},
                          {"from", "dispatched"},
                          {"to", "dispatched"},
                          {"note", "call me on 081234567890 or +6281234567890 / 6281234567890"}};
  auto hidden = AuditEntryJson(entry, c, As(Role::kOpd));
  std::string note = hidden["note"];
  EXPECT_EQ(note.find("1234567"), std::string::npos) << note;
  EXPECT_NE(note.find("+628******7890"), std::string::npos) << note;
  EXPECT_EQ(hidden["at"], kTestEpochMs);

  EXPECT_EQ(AuditEntryJson(entry, c, As(Role::kVerifier)), entry);
}

TEST(IsOverdue, LateStatusesAndPassedDeadlinesButNotTheWarning) {
  auto c = AnonymousCase();
  EXPECT_FALSE(IsOverdue(c, kTestEpochMs));
  EXPECT_TRUE(IsOverdue(c, kTestEpochMs + 96 * kHour));
  c.deadlines = {{DeadlineKind::kAnswerWarn, kTestEpochMs - kHour}};
  EXPECT_FALSE(IsOverdue(c, kTestEpochMs));
  c.deadlines = {{DeadlineKind::kVerify, kTestEpochMs - kHour}};
  EXPECT_TRUE(IsOverdue(c, kTestEpochMs));
  c.deadlines.clear();
  for (Status s : {Status::kOverdue, Status::kExtended, Status::kEscalated}) {
    c.status = s;
    EXPECT_TRUE(IsOverdue(c, kTestEpochMs)) << cases::StatusName(s);
  }
}

TEST(ParseCaseFilter, EmptyQueryMatchesEverythingTwentyAtATime) {
  auto filter = ParseCaseFilter("");
  ASSERT_TRUE(filter.ok());
  EXPECT_TRUE(filter->statuses.empty());
  EXPECT_FALSE(filter->overdue.has_value());
  EXPECT_EQ(filter->limit, 20u);
  EXPECT_EQ(filter->filed.from, 0);
  EXPECT_TRUE(Matches(AnonymousCase(), *filter, kTestEpochMs));
}

TEST(ParseCaseFilter, ReadsEveryParameter) {
  auto filter = ParseCaseFilter(
      "status=dispatched,overdue&category=infrastruktur&region=19.04&kecamatan=19.04.01&opd=dinas-"
      "pu"
      "&overdue=false&from=2026-11-28&to=2026-11-28&limit=100&cursor=000000427");
  ASSERT_TRUE(filter.ok()) << filter.error().message;
  EXPECT_EQ(filter->statuses, (std::vector<Status>{Status::kDispatched, Status::kOverdue}));
  EXPECT_EQ(filter->category, "infrastruktur");
  EXPECT_EQ(filter->region, "19.04");
  EXPECT_EQ(filter->kecamatan, "19.04.01");
  EXPECT_EQ(filter->opd, "dinas-pu");
  EXPECT_EQ(filter->overdue, false);
  EXPECT_EQ(filter->filed.from, kDayStart);
  EXPECT_EQ(filter->filed.to, kDayStart + 24 * kHour - 1);
  EXPECT_EQ(filter->limit, 100u);
  EXPECT_EQ(filter->cursor, "000000427");
}

TEST(ParseCaseFilter, TimesInMsAreTakenAsTheyAre) {
  auto filter = ParseCaseFilter("from=1000&to=2000");
  ASSERT_TRUE(filter.ok());
  EXPECT_EQ(filter->filed.from, 1000);
  EXPECT_EQ(filter->filed.to, 2000);
}

TEST(ParseCaseFilter, BadValuesAreBadRequestsNamingTheParameter) {
  const std::pair<const char*, const char*> cases[] = {
      {"status=dispatched,lost", "\"status\""},
      {"status=", "\"status\""},
      {"overdue=yes", "\"overdue\""},
      {"limit=0", "\"limit\""},
      {"limit=101", "\"limit\""},
      {"limit=ten", "\"limit\""},
      {"from=2026-02-30", "\"from\""},
      {"to=28-11-2026", "\"to\""},
      {"from=-5", "\"from\""},
      {"from=2026-11-29&to=2026-11-28", "\"from\""},
      {"stauts=dispatched", "\"stauts\""},
      {"opd=%zz", "\"opd\""},
  };
  for (const auto& [query, name] : cases) {
    auto filter = ParseCaseFilter(query);
    ASSERT_FALSE(filter.ok()) << query;
    EXPECT_EQ(filter.error().code, Errc::kBadRequest) << query;
    EXPECT_NE(filter.error().message.find(name), std::string::npos)
        << query << ": " << filter.error().message;
  }
}

TEST(Matches, EachFilterNarrows) {
  auto c = AnonymousCase();
  auto check = [&](const std::string& query) {
    auto filter = ParseCaseFilter(query);
    EXPECT_TRUE(filter.ok()) << query;
    return filter.ok() && Matches(c, *filter, kTestEpochMs);
  };
  EXPECT_TRUE(check("status=submitted,dispatched"));
  EXPECT_FALSE(check("status=submitted"));
  EXPECT_TRUE(check("category=infrastruktur"));
  EXPECT_FALSE(check("category=kesehatan"));
  EXPECT_TRUE(check("region=19.04"));
  EXPECT_FALSE(check("region=32.01"));
  EXPECT_TRUE(check("kecamatan=19.04.01"));
  EXPECT_FALSE(check("kecamatan=19.04.05"));
  EXPECT_TRUE(check("opd=dinas-pu"));
  EXPECT_FALSE(check("opd=dinkes"));
  EXPECT_TRUE(check("overdue=false"));
  EXPECT_FALSE(check("overdue=true"));
  EXPECT_TRUE(check("from=2026-11-26&to=2026-11-26"));  // filed 2026-11-26 08:00 WIB
  EXPECT_FALSE(check("from=2026-11-27"));
  EXPECT_FALSE(check("to=2026-11-25"));
}

}  // namespace
}  // namespace lapor::admin
