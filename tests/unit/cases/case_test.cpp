#include "cases/case.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "cases/case_status.hpp"

namespace lapor::cases {
namespace {

using Fields = std::map<std::string, std::string>;

Case FullCase() {
  Case c;
  c.tracking_no = "000000427";
  c.status = Status::kExtended;
  c.type = "pengaduan";
  c.category = "kesehatan";
  c.subcategory = "puskesmas";
  c.kecamatan = "Cibinong";
  c.location = "Desa Pakansari, dekat pasar";
  c.details = "Antrean puskesmas lama sekali, loket buka jam 10";
  c.identity = "rahasia";
  c.phone = "+6281234567890";
  c.lang = "en";
  c.channel = "ussd";
  c.region = "bogor";
  c.created_at = 1795827600000;
  c.updated_at = 1796000000000;
  c.forwarded_to = "bogor";
  c.opd = "dinkes";
  c.tier = "complaint";
  c.answer = "Jadwal loket sudah diperbaiki.";
  c.reason = "lokasi kurang jelas";
  c.dispatched_at = 1795900000000;
  c.responded_at = 1795950000000;
  c.closed_at = 1795960000000;
  c.verify_late = true;
  c.answered_late = true;
  c.feedback = "not_satisfied";
  c.reopen_count = 2;
  c.deadlines = {{DeadlineKind::kExtensionEnd, 1801000000000},
                 {DeadlineKind::kVerify, 1795999999999}};
  c.version = 17;
  return c;
}

TEST(CaseFields, EveryFieldSurvivesARoundTrip) {
  const Case c = FullCase();
  auto back = CaseFromFields(ToFields(c));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, c);
}

TEST(CaseFields, DefaultCaseSurvivesARoundTrip) {
  Case c;
  c.tracking_no = "00000011";
  auto back = CaseFromFields(ToFields(c));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, c);
}

TEST(CaseFields, AreStoredUnderTheirDocumentedNames) {
  const Fields f = ToFields(FullCase());
  EXPECT_EQ(f.at("status"), "extended");
  EXPECT_EQ(f.at("created_at"), "1795827600000");
  EXPECT_EQ(f.at("verify_late"), "1");
  EXPECT_EQ(f.at("answered_late"), "1");
  EXPECT_EQ(f.at("reopen_count"), "2");
  EXPECT_EQ(f.at("due_extension_end"), "1801000000000");
  EXPECT_EQ(f.at("due_verify_by"), "1795999999999");
  EXPECT_FALSE(f.contains("due_answer_due"));
  EXPECT_EQ(f.at("v"), "17");
  for (const char* name :
       {"tracking_no",   "type",         "category",  "subcategory", "kecamatan", "location",
        "details",       "identity",     "phone",     "lang",        "channel",   "region",
        "updated_at",    "forwarded_to", "opd",       "tier",        "answer",    "reason",
        "dispatched_at", "responded_at", "closed_at", "feedback"}) {
    EXPECT_TRUE(f.contains(name)) << name;
  }
}

TEST(CaseFields, EmptyFieldsAreWrittenSoAnOverwriteClearsThem) {
  Case c;
  c.tracking_no = "00000011";
  const Fields f = ToFields(c);
  EXPECT_EQ(f.at("answer"), "");
  EXPECT_EQ(f.at("closed_at"), "0");
  EXPECT_EQ(f.at("verify_late"), "0");
}

// A new case is written with only the fields that hold something: read back, it is the case.
TEST(CaseFields, ANewCaseLeavesOutItsDefaultsAndReadsBackWhole) {
  for (Case c : {FullCase(), Case{}}) {
    c.tracking_no = "000000427";
    c.version = 0;
    const Fields written = [&] {
      auto fields = NewCaseFields(c);
      return Fields(fields.begin(), fields.end());
    }();
    EXPECT_EQ(written.at("status"), StatusName(c.status));
    EXPECT_FALSE(written.contains("v"));
    auto back = CaseFromFields(written);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, c);
  }
  Case filed;
  filed.tracking_no = "000000427";
  filed.details = "Antrean puskesmas lama sekali";
  filed.created_at = 1795827600000;
  const auto fields = NewCaseFields(filed);
  const Fields written(fields.begin(), fields.end());
  EXPECT_EQ(written.size(), 4u);  // tracking_no, details, created_at, status
  EXPECT_EQ(written.at("details"), "Antrean puskesmas lama sekali");
  EXPECT_EQ(written.at("created_at"), "1795827600000");
  for (const char* left_out : {"opd", "answer", "closed_at", "verify_late", "reopen_count"}) {
    EXPECT_FALSE(written.contains(left_out)) << left_out;
  }
}

TEST(CaseFields, CaseFiledByTheDialogParsesWithVersionZero) {
  // What dialog_step.lua writes: the answers, then status, phone, lang, channel, region,
  // created_at, updated_at and tracking_no (Lua's tostring of the JSON numbers).
  const Fields filed = {{"type", "pengaduan"},
                        {"category", "kesehatan"},
                        {"subcategory", "puskesmas"},
                        {"kecamatan", "Cibinong"},
                        {"location", "Desa Pakansari"},
                        {"details", "Antrean puskesmas lama sekali"},
                        {"identity", "anonim"},
                        {"status", "submitted"},
                        {"phone", "+6281234567890"},
                        {"lang", "id"},
                        {"channel", "sms"},
                        {"region", "bogor"},
                        {"created_at", "1795827600000"},
                        {"updated_at", "1795827600000"},
                        {"tracking_no", "000000427"},
                        {"check_no", "12345678"}};
  auto c = CaseFromFields(filed);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->tracking_no, "000000427");
  EXPECT_EQ(c->status, Status::kSubmitted);
  EXPECT_EQ(c->kecamatan, "Cibinong");
  EXPECT_TRUE(c->anonymous());
  EXPECT_EQ(c->created_at, 1795827600000);
  EXPECT_EQ(c->version, 0);
  EXPECT_TRUE(c->deadlines.empty());
  EXPECT_EQ(c->opd, "");
  EXPECT_EQ(c->reopen_count, 0);
  EXPECT_FALSE(c->verify_late);
}

void ExpectUnreadable(const std::string& field, const std::string& value,
                      const std::string& named) {
  Fields f = ToFields(FullCase());
  f[field] = value;
  auto c = CaseFromFields(f);
  ASSERT_FALSE(c.ok()) << field << "=" << value;
  EXPECT_EQ(c.error().code, Errc::kInternal);
  EXPECT_NE(c.error().message.find(named), std::string::npos) << c.error().message;
}

TEST(CaseFields, BadNumbersAreErrorsNamingTheField) {
  ExpectUnreadable("created_at", "12x", "created_at");
  ExpectUnreadable("updated_at", "", "updated_at");
  ExpectUnreadable("closed_at", "1.5e12", "closed_at");
  ExpectUnreadable("dispatched_at", " 12", "dispatched_at");
  ExpectUnreadable("reopen_count", "-1", "reopen_count");
  ExpectUnreadable("reopen_count", "99999999999", "reopen_count");
  ExpectUnreadable("v", "abc", "field v");
  ExpectUnreadable("v", "-3", "field v");
  ExpectUnreadable("due_answer_due", "soon", "due_answer_due");
  ExpectUnreadable("verify_late", "yes", "verify_late");
  ExpectUnreadable("answered_late", "2", "answered_late");
}

TEST(CaseFields, UnknownStatusOrDeadlineKindIsAnError) {
  ExpectUnreadable("status", "lost", "status");
  ExpectUnreadable("due_reminder", "1795827600000", "due_reminder");
}

TEST(CaseFields, MissingTrackingNumberOrStatusIsAnError) {
  Fields f = ToFields(FullCase());
  f.erase("status");
  EXPECT_FALSE(CaseFromFields(f).ok());
  f = ToFields(FullCase());
  f.erase("tracking_no");
  auto c = CaseFromFields(f);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("tracking_no"), std::string::npos);
}

// What ChangedFields must give: the difference of the two cases' whole field maps, as the
// store wrote it before (two ToFields and a comparison of ~40 strings).
FieldChanges DiffOfToFields(const Case& before, const Case& after) {
  FieldChanges changes;
  Fields was = ToFields(before);
  for (auto& [field, value] : ToFields(after)) {
    auto old = was.find(field);
    if (field != "v" && (old == was.end() || old->second != value)) {
      changes.set.emplace_back(field, value);
    }
    if (old != was.end()) {
      was.erase(old);
    }
  }
  for (const auto& [field, value] : was) {
    if (field != "v") {
      changes.gone.push_back(field);
    }
  }
  return changes;
}

TEST(CaseFields, ChangedFieldsAreTheDifferenceOfTheWholeFieldMaps) {
  const Case full = FullCase();
  std::vector<std::pair<std::string, Case>> afters;
  auto with = [&](std::string what, auto change) {
    Case c = full;
    change(c);
    afters.emplace_back(std::move(what), std::move(c));
  };
  with("nothing", [](Case&) {});
  with("version only", [](Case& c) { c.version += 1; });
  with("text", [](Case& c) { c.answer = "Sudah ditangani."; });
  with("text emptied", [](Case& c) { c.location.clear(); });
  with("text set", [](Case& c) { c.referred_to = "ombudsman"; });
  with("status", [](Case& c) { c.status = Status::kEscalated; });
  with("number", [](Case& c) { c.updated_at += 1; });
  with("number from zero", [](Case& c) { c.info_count = 3; });
  with("flag", [](Case& c) { c.verify_late = false; });
  with("feedback", [](Case& c) { c.feedback = "satisfied"; });
  with("reopen count", [](Case& c) { c.reopen_count = 3; });
  with("deadline moved", [](Case& c) { c.deadlines[DeadlineKind::kExtensionEnd] += 86400000; });
  with("deadline added", [](Case& c) { c.deadlines[DeadlineKind::kAnswerDue] = 1801000000000; });
  with("deadline gone", [](Case& c) { c.deadlines.erase(DeadlineKind::kVerify); });
  with("all deadlines gone", [](Case& c) { c.deadlines.clear(); });
  with("label added", [](Case& c) { c.labels["category"] = "Kesehatan"; });
  with("default case", [](Case& c) { c = Case{.tracking_no = c.tracking_no}; });
  with("a deadline's move", [](Case& c) {
    c.status = Status::kExtended;
    c.updated_at += 60000;
    c.deadlines.erase(DeadlineKind::kVerify);
    c.deadlines[DeadlineKind::kExtensionEnd] = 1802000000000;
    c.version += 1;
  });
  Case labelled = full;
  labelled.labels = {{"category", "Kesehatan"}, {"type", "Pengaduan"}};
  auto sorted = [](FieldChanges changes) {
    std::sort(changes.set.begin(), changes.set.end());
    std::sort(changes.gone.begin(), changes.gone.end());
    return std::pair(changes.set, changes.gone);
  };
  for (const auto& [what, after] : afters) {
    EXPECT_EQ(sorted(ChangedFields(full, after)), sorted(DiffOfToFields(full, after))) << what;
    EXPECT_EQ(sorted(ChangedFields(after, full)), sorted(DiffOfToFields(after, full))) << what;
    EXPECT_EQ(sorted(ChangedFields(labelled, after)), sorted(DiffOfToFields(labelled, after)))
        << what << ", from a labelled case";
  }
  EXPECT_TRUE(ChangedFields(full, full).set.empty());
  EXPECT_EQ(ChangedFields(full, afters.back().second).gone,
            std::vector<std::string>{"due_verify_by"});
}

TEST(CaseStatus, EveryStatusNameRoundTripsAndMatchesTheStatusList) {
  for (size_t i = 0; i < kCaseStatuses.size(); ++i) {
    const auto status = static_cast<Status>(i);
    EXPECT_EQ(StatusName(status), kCaseStatuses[i]);
    EXPECT_EQ(ParseStatus(kCaseStatuses[i]), status);
  }
  EXPECT_EQ(StatusName(Status::kNeedsInfo), "needs_info");
  EXPECT_EQ(ParseStatus("Submitted"), std::nullopt);
  EXPECT_EQ(ParseStatus(""), std::nullopt);
}

TEST(CaseDeadline, EveryDeadlineNameRoundTrips) {
  for (auto kind : {DeadlineKind::kVerify, DeadlineKind::kAnswerWarn, DeadlineKind::kAnswerDue,
                    DeadlineKind::kExtensionEnd}) {
    EXPECT_EQ(ParseDeadline(DeadlineName(kind)), kind);
  }
  EXPECT_EQ(DeadlineName(DeadlineKind::kAnswerWarn), "answer_warn");
  EXPECT_EQ(DeadlineName(DeadlineKind::kExtensionEnd), "extension_end");
  EXPECT_EQ(ParseDeadline("due"), std::nullopt);
}

}  // namespace
}  // namespace lapor::cases
