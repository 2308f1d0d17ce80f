#include "cases/workflow.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cases/case_status.hpp"
#include "common/clock.hpp"
#include "support/test_time.hpp"
#include "text/local_time.hpp"
#include "text/sms_segments.hpp"
#include "text/template.hpp"
#include "text/template_set.hpp"

namespace lapor::cases {
namespace {

using K = ActionKind;
using S = Status;
using D = DeadlineKind;

using test::Wib;

using test::kMinute;
// Filed Monday 2 November 2026 09:00 WIB; no holidays until 24 December.
const TimeMs kFiled = Wib(2026, 11, 2, 9);
const TimeMs kDispatched = Wib(2026, 11, 3, 9);
// When the actions of most tests are taken: Wednesday 4 November 13:30 WIB, before every
// deadline of the cases below.
const TimeMs kNow = Wib(2026, 11, 4, 13, 30);
const std::string kPhone = "+6281234567890";
const std::vector<std::string> kDinkesPhones = {"+6281100000101", "+6281100000111"};
const std::string kInspectorate = "+6281100000201";
const std::string kRegentPhone = "+6281100000301";

// The region every case below is in: Kabupaten Bangka Tengah.
const std::string kRegion = "19.04";
const std::string kKoba = "19.04.01";
const std::string kKobaPuskesmas = "+6281100000111";

const Actor kVerifier{.name = "siti", .role = Role::kVerifier};
const Actor kRegionAdmin{.name = "budi", .role = Role::kRegionAdmin, .region = kRegion};
const Actor kDinkes{
    .name = "dinkes-liaison", .role = Role::kOpd, .opd = "dinkes", .region = kRegion};
const Actor kDpupr{.name = "pupr-liaison", .role = Role::kOpd, .opd = "dpupr", .region = kRegion};
const Actor kInspector{.name = "irda", .role = Role::kInspectorate, .region = kRegion};
const Actor kRegent{.name = "bupati", .role = Role::kRegent, .region = kRegion};
const Actor kOmbudsman{.name = "ori", .role = Role::kOmbudsman};
const Actor kAuditor{.name = "bpk", .role = Role::kAuditor};
const Actor kCitizen{.name = kPhone, .role = Role::kCitizen};
const Actor kScheduler{.name = "", .role = Role::kSystem};

const std::vector<S> kAllStatuses = {S::kSubmitted, S::kNeedsInfo,  S::kRejected,  S::kVerified,
                                     S::kForwarded, S::kDispatched, S::kResponded, S::kOverdue,
                                     S::kExtended,  S::kEscalated,  S::kClosed,    S::kReopened,
                                     S::kReferred};
const std::vector<K> kCaseActions = {
    K::kVerify,      K::kAskInfo,         K::kReject,   K::kForward, K::kDispatch,
    K::kRespond,     K::kExtend,          K::kEscalate, K::kClose,   K::kReopen,
    K::kCitizenInfo, K::kCitizenFeedback, K::kRefer};

// The specification, written out independently of the code: where each action may start.
const std::map<K, std::set<S>> kLegal = {
    {K::kVerify, {S::kSubmitted}},
    {K::kAskInfo, {S::kSubmitted, S::kVerified}},
    {K::kReject, {S::kSubmitted, S::kNeedsInfo, S::kVerified}},
    {K::kForward, {S::kVerified}},
    {K::kRefer, {S::kVerified}},
    {K::kDispatch, {S::kForwarded}},
    {K::kRespond, {S::kDispatched, S::kReopened, S::kOverdue, S::kExtended, S::kEscalated}},
    {K::kExtend, {S::kDispatched, S::kReopened}},
    {K::kEscalate, {S::kDispatched, S::kReopened, S::kOverdue, S::kExtended}},
    {K::kClose, {S::kResponded, S::kEscalated}},
    {K::kReopen, {S::kResponded, S::kClosed}},
    {K::kCitizenInfo,
     {S::kSubmitted, S::kNeedsInfo, S::kVerified, S::kForwarded, S::kDispatched, S::kResponded,
      S::kOverdue, S::kExtended, S::kEscalated, S::kReopened}},
    {K::kCitizenFeedback, {S::kResponded}},
};

// ... and which role may take which action.
const std::map<Role, std::set<K>> kRoleMay = {
    {Role::kVerifier,
     {K::kVerify, K::kAskInfo, K::kReject, K::kForward, K::kRefer, K::kClose, K::kReopen}},
    {Role::kRegionAdmin, {K::kDispatch, K::kExtend, K::kEscalate, K::kClose, K::kReopen}},
    {Role::kOpd, {K::kRespond, K::kExtend}},
    {Role::kInspectorate, {K::kExtend, K::kEscalate}},
    {Role::kOmbudsman, {}},
    {Role::kAuditor, {}},
    {Role::kRegent, {}},
    {Role::kCitizen, {K::kCitizenInfo, K::kCitizenFeedback}},
    {Role::kSystem, {K::kDeadline}},
};

// Bangka Tengah onboarded, with the health office (and the puskesmas of Koba) and PUPR; and a
// second region whose officials must never hear of Bangka Tengah's cases.
Policy TestPolicy() {
  Policy p;
  p.regions.push_back(RegionPolicy{.code = kRegion,
                                   .name = "Kabupaten Bangka Tengah",
                                   .opds = {Opd{.code = "dinkes",
                                                .name = "Dinas Kesehatan",
                                                .liaison_phones = kDinkesPhones,
                                                .categories = {"kesehatan"},
                                                .units = {{.name = "Puskesmas Koba",
                                                           .kecamatan = kKoba,
                                                           .phones = {kKobaPuskesmas}},
                                                          {.name = "Puskesmas Namang",
                                                           .kecamatan = "19.04.05",
                                                           .phones = {"+6281100000113"}}}},
                                            Opd{.code = "dpupr",
                                                .name = "Dinas PUPR",
                                                .liaison_phones = {"+6281100000104"},
                                                .categories = {"infrastruktur"}}},
                                   .inspectorate_phones = {kInspectorate},
                                   .regent_phones = {kRegentPhone}});
  p.regions.push_back(RegionPolicy{
      .code = "32.01",
      .name = "Kabupaten Bogor",
      .opds = {Opd{
          .code = "dinkes", .name = "Dinas Kesehatan Bogor", .liaison_phones = {"+6281100009101"}}},
      .inspectorate_phones = {"+6281100009201"},
      .regent_phones = {"+6281100009301"}});
  return p;
}

class Workflow : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    calendar_ = new Calendar(
        true, Calendar::LoadHolidays(std::string(LAPOR_SOURCE_DIR) + "/config/holidays-id.json"));
  }
  static void TearDownTestSuite() {
    delete calendar_;
    calendar_ = nullptr;
  }
  static const Calendar& cal() { return *calendar_; }

  // A consistent case in `status`, with the deadlines that status has pending.
  Case CaseIn(S status) const {
    Case c;
    c.tracking_no = "000000427";
    c.status = status;
    c.type = "pengaduan";
    c.category = "kesehatan";
    c.subcategory = "puskesmas";
    c.place = kKoba;
    c.kecamatan = kKoba;
    c.labels = {{"kecamatan", "Koba"}, {"category", "Kesehatan"}};
    c.details = "Antrean puskesmas lama sekali";
    c.identity = "biasa";
    c.phone = kPhone;
    c.lang = "id";
    c.channel = "sms";
    c.region = kRegion;
    c.created_at = kFiled;
    c.updated_at = kFiled;
    c.version = 3;
    if (In(status, {S::kSubmitted, S::kNeedsInfo, S::kVerified})) {
      c.deadlines[D::kVerify] = cal().AddDays(kFiled, policy_.verify_days);
    }
    if (status == S::kNeedsInfo || status == S::kRejected) {
      c.reason = "Mohon sebutkan nama puskesmas";
    }
    if (In(status, {S::kSubmitted, S::kNeedsInfo, S::kRejected, S::kVerified})) {
      return c;
    }
    c.forwarded_to = kRegion;
    if (status == S::kForwarded) {
      return c;
    }
    c.opd = "dinkes";
    c.dispatched_at = kDispatched;
    const TimeMs due = cal().AddDays(kDispatched, policy_.answer_days);
    if (status == S::kDispatched || status == S::kReopened) {
      c.deadlines[D::kAnswerDue] = due;
      c.deadlines[D::kAnswerWarn] = cal().SubtractDays(due, policy_.warn_before_days);
    }
    if (status == S::kExtended) {
      c.deadlines[D::kExtensionEnd] = cal().AddDays(due, policy_.extension_days);
    }
    if (In(status, {S::kResponded, S::kClosed, S::kReopened})) {
      c.answer = "Loket dibuka pukul 07.30 mulai besok.";
      c.responded_at = kDispatched + 60 * kMinute;
    }
    if (status == S::kClosed) {
      c.closed_at = kDispatched + 120 * kMinute;
    }
    if (status == S::kReopened) {
      c.reopen_count = 1;
      c.feedback = "not_satisfied";
    }
    return c;
  }

  static bool In(S s, std::initializer_list<S> set) {
    return std::find(set.begin(), set.end(), s) != set.end();
  }

  // A well-formed action of each kind, and an actor allowed to take it.
  static Action GoodAction(K kind) {
    Action a{.kind = kind};
    switch (kind) {
      case K::kAskInfo:
        a.text = "Mohon sebutkan nama puskesmas";
        break;
      case K::kReject:
        a.text = "Bukan kewenangan pemerintah daerah";
        break;
      case K::kForward:
        a.region = kRegion;
        break;
      case K::kRefer:
        a.agency = "Pemkab Bogor (SP4N-LAPOR!)";
        a.date = "2026-11-04";
        break;
      case K::kDispatch:
        a.opd = "dinkes";
        break;
      case K::kRespond:
        a.text = "Loket dibuka pukul 07.30 mulai besok.";
        break;
      case K::kCitizenInfo:
        a.text = "Puskesmas Koba, loket 2";
        break;
      case K::kCitizenFeedback:
        a.satisfied = true;
        break;
      default:
        break;
    }
    return a;
  }
  static const Actor& ActorFor(K kind) {
    switch (kind) {
      case K::kDispatch:
      case K::kExtend:
      case K::kEscalate:
        return kRegionAdmin;
      case K::kRespond:
        return kDinkes;
      case K::kCitizenInfo:
      case K::kCitizenFeedback:
        return kCitizen;
      case K::kDeadline:
        return kScheduler;
      default:
        return kVerifier;
    }
  }

  Result<Transition> Run(const Case& c, const Action& a, const Actor& actor,
                         TimeMs now = kNow) const {
    return Apply(c, a, actor, now, policy_, cal());
  }
  Transition Ok(const Case& c, const Action& a, const Actor& actor, TimeMs now = kNow) const {
    auto t = Run(c, a, actor, now);
    EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
    return t.ok() ? std::move(t).value() : Transition{};
  }
  static Action Deadline(const Case& c, D kind) {
    return Action{.kind = K::kDeadline, .deadline = kind, .deadline_due = c.deadlines.at(kind)};
  }

  Policy policy_ = TestPolicy();

 private:
  static Calendar* calendar_;
};
Calendar* Workflow::calendar_ = nullptr;

std::vector<std::string> CitizenKeys(const Transition& t) {
  std::vector<std::string> keys;
  for (const auto& n : t.notices) {
    if (n.audience == Audience::kCitizen) {
      EXPECT_EQ(n.to, kPhone);
      keys.push_back(n.template_key);
    }
  }
  return keys;
}

// (key, to) of every notice to an official.
std::set<std::pair<std::string, std::string>> OfficialNotices(const Transition& t) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& n : t.notices) {
    if (n.audience != Audience::kCitizen) {
      EXPECT_EQ(n.lang, "id") << n.template_key;
      EXPECT_FALSE(n.essential);
      out.emplace(n.template_key, n.to);
    }
  }
  return out;
}

std::set<D> Kinds(const std::map<D, TimeMs>& deadlines) {
  std::set<D> kinds;
  for (const auto& [kind, due] : deadlines) {
    kinds.insert(kind);
  }
  return kinds;
}

const Notice* Find(const Transition& t, const std::string& key, const std::string& to) {
  for (const auto& n : t.notices) {
    if (n.template_key == key && n.to == to) {
      return &n;
    }
  }
  return nullptr;
}

// ---- Every legal and every illegal transition, from the tables above. ----

TEST_F(Workflow, EveryLegalTransitionMovesLogsSetsDeadlinesAndTellsTheCitizen) {
  const std::map<K, std::vector<std::string>> citizen_keys = {
      {K::kVerify, {"notice.verified"}},
      {K::kAskInfo, {"notice.needs_info"}},
      {K::kReject, {"notice.rejected"}},
      {K::kForward, {"notice.forwarded"}},
      {K::kRefer, {"notice.referred"}},
      {K::kDispatch, {"notice.dispatched"}},
      {K::kRespond, {"notice.answer", "notice.rate"}},
      {K::kExtend, {"notice.extended"}},
      {K::kEscalate, {"notice.escalated"}},
      {K::kClose, {"notice.closed"}},
      {K::kReopen, {"notice.reopened"}},
      {K::kCitizenInfo, {"notice.info_received"}},
      {K::kCitizenFeedback, {"notice.closed"}},
  };
  // The OPD: its liaisons and its puskesmas in the case's kecamatan.
  auto opd = [&](const std::string& key) {
    std::set<std::pair<std::string, std::string>> out = {{key, kKobaPuskesmas}};
    for (const auto& phone : kDinkesPhones) {
      out.emplace(key, phone);
    }
    return out;
  };
  const std::map<K, std::set<std::pair<std::string, std::string>>> official = {
      {K::kDispatch, opd("official.dispatched")},
      {K::kReopen, opd("official.reopened")},
      {K::kEscalate, {{"official.escalated", kInspectorate}, {"official.escalated", kRegentPhone}}},
  };
  int legal = 0;
  for (K kind : kCaseActions) {
    for (S from : kLegal.at(kind)) {
      SCOPED_TRACE(std::string(ActionName(kind)) + " from " + std::string(StatusName(from)));
      const Case before = CaseIn(from);
      const Actor& actor = ActorFor(kind);
      const Transition t = Ok(before, GoodAction(kind), actor);
      ++legal;

      S to = from;
      std::set<D> deadlines;
      switch (kind) {
        case K::kVerify:
          to = S::kVerified;
          deadlines = {D::kVerify};
          break;
        case K::kAskInfo:
          to = S::kNeedsInfo;
          deadlines = {D::kVerify};
          break;
        case K::kReject:
          to = S::kRejected;
          break;
        case K::kForward:
          to = S::kForwarded;
          break;
        case K::kRefer:
          to = S::kReferred;
          break;
        case K::kDispatch:
          to = S::kDispatched;
          deadlines = {D::kAnswerWarn, D::kAnswerDue};
          break;
        case K::kRespond:
          to = S::kResponded;
          break;
        case K::kExtend:
          to = S::kExtended;
          deadlines = {D::kExtensionEnd};
          break;
        case K::kEscalate:
          to = S::kEscalated;
          break;
        case K::kClose:
        case K::kCitizenFeedback:
          to = S::kClosed;
          break;
        case K::kReopen:
          to = S::kReopened;
          deadlines = {D::kAnswerWarn, D::kAnswerDue};
          break;
        case K::kCitizenInfo:
          to = from == S::kNeedsInfo ? S::kSubmitted : from;
          deadlines = Kinds(before.deadlines);
          break;
        case K::kDeadline:
          break;
      }
      EXPECT_TRUE(t.changed);
      EXPECT_EQ(t.after.status, to);
      EXPECT_EQ(t.after.updated_at, kNow);
      EXPECT_EQ(t.after.version, before.version);  // the store bumps it when it writes
      EXPECT_EQ(Kinds(t.after.deadlines), deadlines);
      ASSERT_EQ(t.log.size(), 1u);
      EXPECT_EQ(t.log[0].at, kNow);
      EXPECT_EQ(t.log[0].actor, actor.role == Role::kCitizen ? "citizen" : actor.name);
      EXPECT_EQ(t.log[0].action, ActionName(kind));
      EXPECT_EQ(t.log[0].from, StatusName(from));
      EXPECT_EQ(t.log[0].to, StatusName(to));
      EXPECT_EQ(CitizenKeys(t), citizen_keys.at(kind));
      auto expected_official = official.contains(kind)
                                   ? official.at(kind)
                                   : std::set<std::pair<std::string, std::string>>{};
      EXPECT_EQ(OfficialNotices(t), expected_official);
      for (const auto& n : t.notices) {
        EXPECT_EQ(n.vars.at("tracking_no"), "000000427");
      }
    }
  }
  EXPECT_EQ(legal, 35);
}

TEST_F(Workflow, EveryIllegalTransitionIsAConflictNamingTheStatus) {
  int illegal = 0;
  for (K kind : kCaseActions) {
    for (S from : kAllStatuses) {
      if (kLegal.at(kind).contains(from)) {
        continue;
      }
      SCOPED_TRACE(std::string(ActionName(kind)) + " from " + std::string(StatusName(from)));
      ++illegal;
      Case before = CaseIn(from);
      // So the region's and the OPD's ownership checks pass and the status is judged.
      before.forwarded_to = kRegion;
      before.opd = "dinkes";
      auto t = Run(before, GoodAction(kind), ActorFor(kind));
      ASSERT_FALSE(t.ok());
      EXPECT_EQ(t.error().code, Errc::kConflict);
      const std::string& message = t.error().message;
      EXPECT_TRUE(message.starts_with("cannot ")) << message;
      EXPECT_NE(message.find("a case that is " + std::string(StatusName(from)) + ": "),
                std::string::npos)
          << message;
      EXPECT_FALSE(message.ends_with(": ")) << message;
    }
  }
  EXPECT_EQ(illegal, 13 * 13 - 35);
}

TEST_F(Workflow, RefusalsSayWhatMustHappenFirst) {
  auto message = [&](S from, K kind) {
    Case c = CaseIn(from);
    c.forwarded_to = kRegion;  // the region's own case, judged on its status
    return Run(c, GoodAction(kind), ActorFor(kind)).error().message;
  };
  EXPECT_EQ(message(S::kVerified, K::kExtend),
            "cannot extend a case that is verified: it has not been dispatched yet");
  EXPECT_EQ(message(S::kResponded, K::kRespond),
            "cannot respond to a case that is responded: it has already been answered");
  EXPECT_EQ(message(S::kSubmitted, K::kForward),
            "cannot forward a case that is submitted: verify it first");
  EXPECT_EQ(message(S::kVerified, K::kDispatch),
            "cannot dispatch a case that is verified: forward it to the region first");
  EXPECT_EQ(message(S::kDispatched, K::kClose),
            "cannot close a case that is dispatched: it has not been answered yet");
  EXPECT_EQ(message(S::kExtended, K::kExtend),
            "cannot extend a case that is extended: it is already extended");
  EXPECT_EQ(message(S::kClosed, K::kCitizenInfo),
            "cannot add information to a case that is closed: it is closed; send LAPOR to file a "
            "new report");
}

// ---- Roles. ----

TEST_F(Workflow, EveryRoleMayTakeOnlyItsOwnActions) {
  const std::vector<Actor> actors = {kVerifier, kRegionAdmin, kDinkes,    kInspector, kOmbudsman,
                                     kAuditor,  kCitizen,     kScheduler, kRegent};
  std::vector<K> kinds = kCaseActions;
  kinds.push_back(K::kDeadline);
  for (const Actor& actor : actors) {
    for (K kind : kinds) {
      SCOPED_TRACE(std::string(RoleName(actor.role)) + " " + std::string(ActionName(kind)));
      Case before = CaseIn(kind == K::kDeadline ? S::kDispatched : *kLegal.at(kind).rbegin());
      if (kind == K::kRespond || kind == K::kExtend) {
        before = CaseIn(S::kDispatched);
      }
      const Action action =
          kind == K::kDeadline ? Deadline(before, D::kAnswerWarn) : GoodAction(kind);
      auto t = Run(before, action, actor);
      if (kRoleMay.at(actor.role).contains(kind)) {
        EXPECT_TRUE(t.ok()) << t.error().message;
        continue;
      }
      ASSERT_FALSE(t.ok());
      EXPECT_EQ(t.error().code, Errc::kForbidden);
      if (actor.role == Role::kOmbudsman || actor.role == Role::kAuditor ||
          actor.role == Role::kRegent) {
        EXPECT_TRUE(t.error().message.starts_with("read-only role")) << t.error().message;
      }
    }
  }
}

TEST_F(Workflow, AnOpdCannotActOnAnotherAgencysCase) {
  for (K kind : {K::kRespond, K::kExtend}) {
    auto t = Run(CaseIn(S::kDispatched), GoodAction(kind), kDpupr);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, Errc::kForbidden);
    EXPECT_EQ(t.error().message, "this case belongs to another agency");
  }
  // Not dispatched at all: no agency's case yet, refused before its status is looked at.
  auto t = Run(CaseIn(S::kForwarded), GoodAction(K::kRespond), kDinkes);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, Errc::kForbidden);
  EXPECT_TRUE(Run(CaseIn(S::kDispatched), GoodAction(K::kRespond), kDinkes).ok());
}

TEST_F(Workflow, InspectorateMayExtendAndEscalate) {
  const Transition extended = Ok(CaseIn(S::kReopened), GoodAction(K::kExtend), kInspector);
  EXPECT_EQ(extended.after.status, S::kExtended);
  EXPECT_EQ(extended.log[0].actor, "irda");
  EXPECT_EQ(Ok(extended.after, GoodAction(K::kEscalate), kInspector).after.status, S::kEscalated);
}

TEST(Actor, ARegionSeesItsForwardedCasesAnOpdItsOwnNationalRolesAll) {
  Case dinkes_case;
  dinkes_case.forwarded_to = kRegion;
  dinkes_case.opd = "dinkes";
  Case forwarded;
  forwarded.forwarded_to = kRegion;
  Case national;  // not forwarded yet, or its regency not onboarded
  national.region = kRegion;
  Case elsewhere;
  elsewhere.forwarded_to = "32.01";
  elsewhere.opd = "dinkes";
  EXPECT_TRUE(kDinkes.CanSee(dinkes_case));
  EXPECT_FALSE(kDpupr.CanSee(dinkes_case));
  EXPECT_FALSE(kDinkes.CanSee(forwarded));
  EXPECT_FALSE(kDinkes.CanSee(elsewhere));  // dinkes of another region
  for (const Actor& a : {kRegionAdmin, kInspector, kRegent}) {
    EXPECT_TRUE(a.CanSee(dinkes_case)) << RoleName(a.role);
    EXPECT_TRUE(a.CanSee(forwarded)) << RoleName(a.role);
    EXPECT_FALSE(a.CanSee(national)) << RoleName(a.role);
    EXPECT_FALSE(a.CanSee(elsewhere)) << RoleName(a.role);
  }
  for (const Actor& a : {kVerifier, kOmbudsman, kAuditor, kScheduler}) {
    for (const Case& c : {dinkes_case, forwarded, national, elsewhere}) {
      EXPECT_TRUE(a.CanSee(c)) << RoleName(a.role);
    }
  }
  EXPECT_FALSE((Actor{.role = Role::kOpd}).CanSee(forwarded));
  EXPECT_FALSE((Actor{.role = Role::kRegionAdmin}).CanSee(national));
}

TEST(Actor, ParsesTheScopedRolesOfTheTokensFile) {
  for (Role role : {Role::kVerifier, Role::kOmbudsman, Role::kAuditor}) {
    auto actor = ParseRole(RoleName(role), "siti");
    ASSERT_TRUE(actor.has_value()) << RoleName(role);
    EXPECT_EQ(actor->role, role);
    EXPECT_EQ(actor->name, "siti");
    EXPECT_FALSE(actor->Regional());
    EXPECT_EQ(RoleText(*actor), RoleName(role));
  }
  for (Role role : {Role::kRegionAdmin, Role::kInspectorate, Role::kRegent}) {
    std::string text = std::string(RoleName(role)) + ":19.04";
    auto actor = ParseRole(text, "rina");
    ASSERT_TRUE(actor.has_value()) << text;
    EXPECT_EQ(actor->role, role);
    EXPECT_EQ(actor->region, "19.04");
    EXPECT_TRUE(actor->Regional());
    EXPECT_EQ(RoleText(*actor), text);
  }
  auto opd = ParseRole("opd:19.04/dinkes", "andi");
  ASSERT_TRUE(opd.has_value());
  EXPECT_EQ(opd->role, Role::kOpd);
  EXPECT_EQ(opd->region, "19.04");
  EXPECT_EQ(opd->opd, "dinkes");
  EXPECT_EQ(RoleText(*opd), "opd:19.04/dinkes");
  for (const char* bad :
       {"opd:", "opd", "opd:dinkes", "opd:19.04", "opd:19.04/", "region_admin",
        "region_admin:", "region_admin:bangka-tengah", "inspectorate", "regent:19.4",
        "regent:19.04.01", "verifier:19.04", "citizen", "system", "admin", "Verifier", ""}) {
    EXPECT_EQ(ParseRole(bad, "x"), std::nullopt) << bad;
  }
}

TEST(Names, ActionAndRoleNames) {
  EXPECT_EQ(ActionName(K::kAskInfo), "ask_info");
  EXPECT_EQ(ActionName(K::kCitizenFeedback), "citizen_feedback");
  EXPECT_EQ(ActionName(K::kDeadline), "deadline");
  EXPECT_EQ(ActionName(K::kRefer), "refer");
  EXPECT_EQ(RoleName(Role::kRegionAdmin), "region_admin");
  EXPECT_EQ(RoleName(Role::kRegent), "regent");
  EXPECT_EQ(RoleName(Role::kOpd), "opd");
}

// ---- Fields. ----

TEST_F(Workflow, EmptyOrUnknownFieldsAreUnprocessable) {
  auto refused = [&](S from, Action a, const Actor& actor, const std::string& field) {
    auto t = Run(CaseIn(from), a, actor);
    ASSERT_FALSE(t.ok()) << field;
    EXPECT_EQ(t.error().code, Errc::kUnprocessable);
    EXPECT_TRUE(t.error().message.starts_with(field + ": ")) << t.error().message;
  };
  refused(S::kSubmitted, Action{.kind = K::kAskInfo, .text = ""}, kVerifier, "reason");
  refused(S::kSubmitted, Action{.kind = K::kReject, .text = "  \n"}, kVerifier, "reason");
  refused(S::kVerified, Action{.kind = K::kForward, .region = "31.71"}, kVerifier, "region");
  refused(S::kVerified, Action{.kind = K::kRefer, .agency = " "}, kVerifier, "agency");
  refused(S::kVerified, Action{.kind = K::kRefer, .agency = "Pemkab Bogor", .date = "4/11/2026"},
          kVerifier, "date");
  refused(S::kForwarded, Action{.kind = K::kDispatch, .opd = "dishub"}, kRegionAdmin, "opd");
  refused(S::kForwarded, Action{.kind = K::kDispatch, .opd = ""}, kRegionAdmin, "opd");
  refused(S::kForwarded, Action{.kind = K::kDispatch, .opd = "dinkes", .tier = "urgent"},
          kRegionAdmin, "tier");
  refused(S::kDispatched, Action{.kind = K::kRespond, .text = " "}, kDinkes, "answer");
  refused(S::kNeedsInfo, Action{.kind = K::kCitizenInfo, .text = ""}, kCitizen, "text");
  auto tier = Run(CaseIn(S::kForwarded),
                  Action{.kind = K::kDispatch, .opd = "dinkes", .tier = "urgent"}, kRegionAdmin);
  EXPECT_EQ(tier.error().message,
            "tier: unknown tier \"urgent\" (complaint, field_check, information)");
}

// ---- Each transition in detail. ----

TEST_F(Workflow, AskInfoKeepsTheReasonAndTellsTheCitizenHowToReply) {
  const Transition t = Ok(CaseIn(S::kVerified), GoodAction(K::kAskInfo), kVerifier);
  EXPECT_EQ(t.after.reason, "Mohon sebutkan nama puskesmas");
  EXPECT_EQ(t.log[0].note, "Mohon sebutkan nama puskesmas");
  EXPECT_EQ(t.notices[0].vars.at("reason"), "Mohon sebutkan nama puskesmas");
  // The verification clock keeps running.
  EXPECT_EQ(t.after.deadlines, CaseIn(S::kVerified).deadlines);
}

TEST_F(Workflow, RejectClearsEveryDeadlineAndGivesTheReason) {
  const Transition t = Ok(CaseIn(S::kNeedsInfo), GoodAction(K::kReject), kVerifier);
  EXPECT_TRUE(t.after.deadlines.empty());
  EXPECT_EQ(t.after.reason, "Bukan kewenangan pemerintah daerah");
  EXPECT_EQ(t.notices[0].vars.at("reason"), "Bukan kewenangan pemerintah daerah");
}

TEST_F(Workflow, ForwardClearsTheVerifyDeadlineAndFlagsItLateOnlyWhenPast) {
  const Case verified = CaseIn(S::kVerified);
  const TimeMs due = verified.deadlines.at(D::kVerify);
  const Transition on_time = Ok(verified, GoodAction(K::kForward), kVerifier, due);
  EXPECT_FALSE(on_time.after.verify_late);
  EXPECT_TRUE(on_time.after.deadlines.empty());
  EXPECT_EQ(on_time.after.forwarded_to, kRegion);
  EXPECT_EQ(on_time.log[0].note, kRegion);
  const Transition late = Ok(verified, GoodAction(K::kForward), kVerifier, due + 1);
  EXPECT_TRUE(late.after.verify_late);
  EXPECT_TRUE(late.after.deadlines.empty());
}

// ---- Regions as tenants. ----

TEST_F(Workflow, ForwardGoesToTheCasesOwnRegionUnlessAnotherOnboardedOneIsNamed) {
  const Case verified = CaseIn(S::kVerified);
  EXPECT_EQ(Ok(verified, Action{.kind = K::kForward}, kVerifier).after.forwarded_to, kRegion);
  EXPECT_EQ(
      Ok(verified, Action{.kind = K::kForward, .region = "32.01"}, kVerifier).after.forwarded_to,
      "32.01");
  auto refused = Run(verified, Action{.kind = K::kForward, .region = "31.71"}, kVerifier);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, Errc::kUnprocessable);
  EXPECT_EQ(refused.error().message,
            "region: \"31.71\" is not an onboarded region (19.04 (Kabupaten Bangka Tengah), "
            "32.01 (Kabupaten Bogor))");
}

// A report from a regency that is not onboarded stays with the national verifier: forwarding it
// needs an onboarded region named, or it is recorded as sent to an agency outside.
TEST_F(Workflow, ACaseOfARegencyNotOnboardedIsReferredOutsideAndTheCitizenTold) {
  Case bandung = CaseIn(S::kVerified);
  bandung.region = "32.73";
  auto forward = Run(bandung, Action{.kind = K::kForward}, kVerifier);
  ASSERT_FALSE(forward.ok());
  EXPECT_EQ(forward.error().code, Errc::kUnprocessable);
  EXPECT_NE(forward.error().message.find("the case's regency 32.73 is not onboarded"),
            std::string::npos)
      << forward.error().message;
  EXPECT_NE(forward.error().message.find("action refer"), std::string::npos);
  const Transition t =
      Ok(bandung, Action{.kind = K::kRefer, .agency = "Pemkot Bandung", .date = "2026-11-04"},
         kVerifier);
  EXPECT_EQ(t.after.status, S::kReferred);
  EXPECT_EQ(t.after.referred_to, "Pemkot Bandung");
  EXPECT_EQ(t.after.referred_on, "2026-11-04");
  EXPECT_EQ(t.after.forwarded_to, "");
  EXPECT_TRUE(t.after.deadlines.empty());
  EXPECT_FALSE(t.after.verify_late);
  EXPECT_EQ(t.log[0].note, "Pemkot Bandung (2026-11-04)");
  ASSERT_EQ(t.notices.size(), 1u);
  EXPECT_EQ(t.notices[0].template_key, "notice.referred");
  EXPECT_EQ(t.notices[0].to, kPhone);
  EXPECT_EQ(t.notices[0].vars.at("agency"), "Pemkot Bandung");
  EXPECT_EQ(t.notices[0].vars.at("date"), "2026-11-04");
  // Without a date: today, in WIB.
  EXPECT_EQ(Ok(bandung, Action{.kind = K::kRefer, .agency = "Pemkot Bandung"}, kVerifier)
                .after.referred_on,
            "2026-11-04");
  // Referred is the end of it here.
  auto info = Run(t.after, GoodAction(K::kCitizenInfo), kCitizen);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.error().code, Errc::kConflict);
}

TEST_F(Workflow, NoticesGoOnlyToTheOfficialsOfTheCasesRegion) {
  Case bogor = CaseIn(S::kDispatched);
  bogor.forwarded_to = "32.01";
  bogor.region = "32.01";
  bogor.kecamatan = "32.01.01";
  const std::set<std::string> bogor_phones = {"+6281100009101", "+6281100009201", "+6281100009301"};
  std::vector<Transition> moves = {
      Ok(bogor, Deadline(bogor, D::kAnswerWarn), kScheduler),
      Ok(bogor, Deadline(bogor, D::kAnswerDue), kScheduler),
      Ok(bogor, GoodAction(K::kEscalate),
         Actor{.name = "bogor-admin", .role = Role::kRegionAdmin, .region = "32.01"})};
  for (const auto& t : moves) {
    for (const auto& n : t.notices) {
      if (n.audience != Audience::kCitizen) {
        EXPECT_TRUE(bogor_phones.contains(n.to)) << n.template_key << " to " << n.to;
      }
    }
  }
  EXPECT_EQ(OfficialNotices(moves[0]),
            (std::set<std::pair<std::string, std::string>>{
                {"official.warning", "+6281100009101"}, {"official.warning", "+6281100009201"}}));
  EXPECT_EQ(Find(moves[1], "official.overdue", "+6281100009301")->vars.at("opd_name"),
            "Dinas Kesehatan Bogor");
}

TEST_F(Workflow, ARegionsOfficialsCannotActOnAnotherRegionsCase) {
  Case bogor = CaseIn(S::kForwarded);
  bogor.forwarded_to = "32.01";
  for (const Actor& actor : {kRegionAdmin, kInspector}) {
    auto t = Run(bogor, GoodAction(K::kDispatch), actor);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, Errc::kForbidden);
  }
  EXPECT_EQ(Run(bogor, GoodAction(K::kDispatch), kRegionAdmin).error().message,
            "this case is not in your region");
  const Actor bogor_admin{.name = "bogor-admin", .role = Role::kRegionAdmin, .region = "32.01"};
  EXPECT_EQ(Ok(bogor, GoodAction(K::kDispatch), bogor_admin).notices[0].vars.at("opd_name"),
            "Dinas Kesehatan Bogor");
  auto unknown = Run(bogor, Action{.kind = K::kDispatch, .opd = "dpupr"}, bogor_admin);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message, "opd: \"dpupr\" is not an agency of region 32.01 (dinkes)");
}

TEST_F(Workflow, ARegionsLocalHolidaysMoveItsAnswerDeadlines) {
  // Thursday 5 and Friday 6 November off in Bangka Tengah only.
  policy_.regions[0].holidays = {{2026, 11, 5}, {2026, 11, 6}};
  const Transition t = Ok(CaseIn(S::kForwarded), GoodAction(K::kDispatch), kRegionAdmin);
  EXPECT_EQ(t.after.deadlines.at(D::kAnswerDue), Wib(2026, 11, 13, 13, 30));
  Case bogor = CaseIn(S::kForwarded);
  bogor.forwarded_to = "32.01";
  const Actor bogor_admin{.name = "bogor-admin", .role = Role::kRegionAdmin, .region = "32.01"};
  EXPECT_EQ(Ok(bogor, GoodAction(K::kDispatch), bogor_admin).after.deadlines.at(D::kAnswerDue),
            Wib(2026, 11, 11, 13, 30));
}

TEST_F(Workflow, DispatchSetsAnswerAndWarningDeadlinesAndTellsCitizenAndOpd) {
  const Transition t = Ok(CaseIn(S::kForwarded), GoodAction(K::kDispatch), kRegionAdmin);
  // Wednesday 4 November 13:30 + 5 working days; the warning 1 working day before.
  const TimeMs due = Wib(2026, 11, 11, 13, 30);
  EXPECT_EQ(t.after.deadlines.at(D::kAnswerDue), due);
  EXPECT_EQ(t.after.deadlines.at(D::kAnswerWarn), Wib(2026, 11, 10, 13, 30));
  EXPECT_EQ(t.after.opd, "dinkes");
  EXPECT_EQ(t.after.tier, "");
  EXPECT_EQ(t.after.dispatched_at, kNow);
  EXPECT_EQ(t.log[0].note, "dinkes");
  const Notice* citizen = Find(t, "notice.dispatched", kPhone);
  ASSERT_NE(citizen, nullptr);
  EXPECT_EQ(citizen->vars.at("opd_name"), "Dinas Kesehatan");
  EXPECT_EQ(citizen->vars.at("due"), "11/11/2026 13:30 WIB");
  EXPECT_EQ(citizen->lang, "id");
  for (const auto& phone : kDinkesPhones) {
    const Notice* official = Find(t, "official.dispatched", phone);
    ASSERT_NE(official, nullptr);
    EXPECT_EQ(official->audience, Audience::kOpd);
    EXPECT_EQ(official->vars.at("category"), "Kesehatan");
    EXPECT_EQ(official->vars.at("kecamatan"), "Koba");
    EXPECT_EQ(official->vars.at("due"), "11/11/2026 13:30 WIB");
  }
}

TEST_F(Workflow, DispatchWithATierUsesItsDays) {
  const Transition t =
      Ok(CaseIn(S::kForwarded), Action{.kind = K::kDispatch, .opd = "dinkes", .tier = "complaint"},
         kRegionAdmin);
  EXPECT_EQ(t.after.tier, "complaint");
  EXPECT_EQ(t.after.deadlines.at(D::kAnswerDue), Wib(2026, 11, 24, 13, 30));
  EXPECT_EQ(t.after.deadlines.at(D::kAnswerWarn), Wib(2026, 11, 23, 13, 30));
  EXPECT_EQ(t.log[0].note, "dinkes (complaint)");
}

TEST_F(Workflow, NoWarningWhenItWouldNotFallAfterDispatch) {
  policy_.warn_before_days = 0;
  Transition t = Ok(CaseIn(S::kForwarded), GoodAction(K::kDispatch), kRegionAdmin);
  EXPECT_EQ(Kinds(t.after.deadlines), std::set<D>{D::kAnswerDue});
  policy_.warn_before_days = 1;
  policy_.tiers["same_day"] = 1;
  t = Ok(CaseIn(S::kForwarded), Action{.kind = K::kDispatch, .opd = "dinkes", .tier = "same_day"},
         kRegionAdmin);
  EXPECT_EQ(Kinds(t.after.deadlines), std::set<D>{D::kAnswerDue});
}

TEST_F(Workflow, CitizenNoticesUseTheCaseLanguageOfficialsIndonesian) {
  Case english = CaseIn(S::kForwarded);
  english.lang = "en";
  const Transition t = Ok(english, GoodAction(K::kDispatch), kRegionAdmin);
  for (const auto& n : t.notices) {
    EXPECT_EQ(n.lang, n.audience == Audience::kCitizen ? "en" : "id") << n.template_key;
  }
}

TEST_F(Workflow, RespondOnTimeIsNotLateAndTheAnswerIsEssential) {
  const Transition t = Ok(CaseIn(S::kDispatched), GoodAction(K::kRespond), kDinkes);
  EXPECT_FALSE(t.after.answered_late);
  EXPECT_EQ(t.after.answer, "Loket dibuka pukul 07.30 mulai besok.");
  EXPECT_EQ(t.after.responded_at, kNow);
  EXPECT_TRUE(t.after.deadlines.empty());
  EXPECT_EQ(t.log[0].actor, "dinkes-liaison");
  EXPECT_EQ(t.log[0].note, "Loket dibuka pukul 07.30 mulai besok.");
  ASSERT_EQ(t.notices.size(), 2u);
  EXPECT_EQ(t.notices[0].template_key, "notice.answer");
  EXPECT_TRUE(t.notices[0].essential);
  EXPECT_EQ(t.notices[0].vars.at("answer"), "Loket dibuka pukul 07.30 mulai besok.");
  EXPECT_EQ(t.notices[0].vars.at("opd_name"), "Dinas Kesehatan");
  EXPECT_EQ(t.notices[1].template_key, "notice.rate");
  EXPECT_FALSE(t.notices[1].essential);
}

TEST_F(Workflow, RespondAfterTheFirstAnswerDeadlineIsLate) {
  const Case dispatched = CaseIn(S::kDispatched);
  const TimeMs due = dispatched.deadlines.at(D::kAnswerDue);
  EXPECT_FALSE(Ok(dispatched, GoodAction(K::kRespond), kDinkes, due).after.answered_late);
  // The scheduler has not got to the deadline yet: still late.
  EXPECT_TRUE(Ok(dispatched, GoodAction(K::kRespond), kDinkes, due + 1).after.answered_late);
  for (S late : {S::kOverdue, S::kExtended, S::kEscalated}) {
    EXPECT_TRUE(Ok(CaseIn(late), GoodAction(K::kRespond), kDinkes).after.answered_late)
        << StatusName(late);
  }
}

TEST_F(Workflow, ExtendSetsTheExtensionEndFromNowAndDropsTheAnswerDeadlines) {
  const Transition t = Ok(CaseIn(S::kDispatched),
                          Action{.kind = K::kExtend, .text = "perlu survei lapangan"}, kDinkes);
  const TimeMs end = cal().AddDays(kNow, 60);
  EXPECT_EQ(t.after.deadlines, (std::map<D, TimeMs>{{D::kExtensionEnd, end}}));
  EXPECT_EQ(t.log[0].note, "until " + text::FormatWib(end) + ": perlu survei lapangan");
  EXPECT_EQ(t.notices[0].vars.at("due"), text::FormatWib(end));
}

TEST_F(Workflow, EscalateTellsInspectorateAndRegentWhichAgency) {
  const Transition t = Ok(CaseIn(S::kExtended), GoodAction(K::kEscalate), kRegionAdmin);
  EXPECT_TRUE(t.after.deadlines.empty());
  for (const auto& [phone, audience] : {std::pair{kInspectorate, Audience::kInspectorate},
                                        std::pair{kRegentPhone, Audience::kRegent}}) {
    const Notice* n = Find(t, "official.escalated", phone);
    ASSERT_NE(n, nullptr);
    EXPECT_EQ(n->audience, audience);
    EXPECT_EQ(n->vars.at("opd_name"), "Dinas Kesehatan");
  }
}

TEST_F(Workflow, CloseRecordsWhen) {
  const Transition t = Ok(CaseIn(S::kResponded), GoodAction(K::kClose), kRegionAdmin);
  EXPECT_EQ(t.after.closed_at, kNow);
  EXPECT_EQ(t.after.feedback, "");
}

TEST_F(Workflow, SatisfiedCitizenClosesTheCase) {
  const Transition t = Ok(CaseIn(S::kResponded), GoodAction(K::kCitizenFeedback), kCitizen);
  EXPECT_EQ(t.after.status, S::kClosed);
  EXPECT_EQ(t.after.feedback, "satisfied");
  EXPECT_EQ(t.after.closed_at, kNow);
  EXPECT_EQ(t.log[0].actor, "citizen");
  EXPECT_EQ(t.log[0].note, "satisfied");
}

TEST_F(Workflow, UnsatisfiedCitizenReopensItToTheOpdWithNewDeadlines) {
  const Transition t =
      Ok(CaseIn(S::kResponded), Action{.kind = K::kCitizenFeedback, .satisfied = false}, kCitizen);
  EXPECT_EQ(t.after.status, S::kReopened);
  EXPECT_EQ(t.after.feedback, "not_satisfied");
  EXPECT_EQ(t.after.reopen_count, 1);
  const TimeMs due = cal().AddDays(kNow, 5);
  EXPECT_EQ(t.after.deadlines.at(D::kAnswerDue), due);
  EXPECT_EQ(t.after.deadlines.at(D::kAnswerWarn), cal().SubtractDays(due, 1));
  ASSERT_EQ(t.log.size(), 1u);
  EXPECT_EQ(t.log[0].action, "citizen_feedback");
  EXPECT_EQ(t.log[0].note, "not satisfied");
  const Notice* citizen = Find(t, "notice.reopened", kPhone);
  ASSERT_NE(citizen, nullptr);
  EXPECT_EQ(citizen->vars.at("due"), text::FormatWib(due));
  for (const auto& phone : kDinkesPhones) {
    const Notice* n = Find(t, "official.reopened", phone);
    ASSERT_NE(n, nullptr);
    EXPECT_EQ(n->vars.at("due"), text::FormatWib(due));
  }
}

TEST_F(Workflow, OfficialReopenOfAClosedCaseClearsClosedAt) {
  const Transition t = Ok(CaseIn(S::kClosed),
                          Action{.kind = K::kReopen, .text = "jawaban belum lengkap"}, kVerifier);
  EXPECT_EQ(t.after.status, S::kReopened);
  EXPECT_EQ(t.after.closed_at, 0);
  EXPECT_EQ(t.after.reopen_count, 1);
  EXPECT_EQ(t.log[0].note, "jawaban belum lengkap");
  EXPECT_TRUE(t.after.deadlines.contains(D::kAnswerDue));
}

TEST_F(Workflow, ReopenedCaseKeepsItsTierForTheNewDeadline) {
  Case responded = CaseIn(S::kResponded);
  responded.tier = "complaint";
  const Transition t = Ok(responded, GoodAction(K::kReopen), kRegionAdmin);
  EXPECT_EQ(t.after.deadlines.at(D::kAnswerDue), cal().AddDays(kNow, 14));
}

TEST_F(Workflow, CitizenInfoSendsANeedsInfoCaseBackToTheVerifier) {
  const Transition t = Ok(CaseIn(S::kNeedsInfo), GoodAction(K::kCitizenInfo), kCitizen);
  EXPECT_EQ(t.after.status, S::kSubmitted);
  EXPECT_EQ(t.log[0].note, "Puskesmas Koba, loket 2");
  EXPECT_EQ(t.log[0].actor, "citizen");  // never the phone number
}

TEST_F(Workflow, CitizenInfoIsLimitedPerCaseAndDay) {
  Case c = CaseIn(S::kDispatched);
  const int limit = policy_.info_per_day;
  for (int i = 0; i < limit; ++i) {
    c = Ok(c, GoodAction(K::kCitizenInfo), kCitizen).after;
  }
  auto refused = Apply(c, GoodAction(K::kCitizenInfo), kCitizen, kNow, policy_, cal());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, Errc::kTooManyRequests);
  // A day later (WIB) the count starts again.
  auto next_day =
      Apply(c, GoodAction(K::kCitizenInfo), kCitizen, kNow + 24LL * 3600 * 1000, policy_, cal());
  ASSERT_TRUE(next_day.ok());
  EXPECT_EQ(next_day->after.info_count, 1);
}

TEST_F(Workflow, CitizenInfoOnAnOpenCaseIsOnlyLogged) {
  const Case before = CaseIn(S::kDispatched);
  const Transition t = Ok(before, GoodAction(K::kCitizenInfo), kCitizen);
  Case expected = before;
  expected.updated_at = kNow;
  expected.info_day = (kNow + text::kWibOffsetMs) / (24LL * 3600 * 1000);  // counted for the day
  expected.info_count = 1;
  EXPECT_EQ(t.after, expected);
  ASSERT_EQ(t.log.size(), 1u);
  EXPECT_EQ(t.log[0].from, "dispatched");
  EXPECT_EQ(t.log[0].to, "dispatched");
  EXPECT_EQ(t.log[0].note, "Puskesmas Koba, loket 2");
  EXPECT_EQ(CitizenKeys(t), std::vector<std::string>{"notice.info_received"});
}

// ---- Deadlines (the scheduler). ----

TEST_F(Workflow, VerifyDeadlineFlagsTheCaseLateWithoutMovingIt) {
  const Case before = CaseIn(S::kSubmitted);
  const Action a = Deadline(before, D::kVerify);
  const Transition t = Ok(before, a, kScheduler, a.deadline_due);
  EXPECT_TRUE(t.changed);
  EXPECT_TRUE(t.after.verify_late);
  EXPECT_EQ(t.after.status, S::kSubmitted);
  EXPECT_TRUE(t.after.deadlines.empty());
  ASSERT_EQ(t.log.size(), 1u);
  EXPECT_EQ(t.log[0].actor, "scheduler");
  EXPECT_EQ(t.log[0].action, "verify_by");  // the deadline, never to be read as a verification
  EXPECT_EQ(t.log[0].from, "submitted");
  EXPECT_EQ(t.log[0].to, "submitted");
  EXPECT_TRUE(t.notices.empty());
}

TEST_F(Workflow, StaleDeadlineChangesNothing) {
  const Case dispatched = CaseIn(S::kDispatched);
  // Set again for another time.
  Action moved = Deadline(dispatched, D::kAnswerDue);
  moved.deadline_due -= kMinute;
  // No longer pending: answered meanwhile.
  const Case responded = CaseIn(S::kResponded);
  const Action answered = Deadline(dispatched, D::kAnswerDue);
  for (const auto& [c, a] : {std::pair{dispatched, moved}, std::pair{responded, answered}}) {
    const Transition t = Ok(c, a, kScheduler, a.deadline_due + kMinute);
    EXPECT_FALSE(t.changed);
    EXPECT_EQ(t.after, c);
    EXPECT_TRUE(t.log.empty());
    EXPECT_TRUE(t.notices.empty());
  }
}

TEST_F(Workflow, WarningGoesToEveryOpdLiaisonAndTheInspectorate) {
  const Case before = CaseIn(S::kDispatched);
  const Action a = Deadline(before, D::kAnswerWarn);
  const Transition t = Ok(before, a, kScheduler, a.deadline_due);
  EXPECT_EQ(t.after.status, S::kDispatched);
  EXPECT_EQ(Kinds(t.after.deadlines), std::set<D>{D::kAnswerDue});
  EXPECT_EQ(t.log[0].action, "answer_warn");
  const std::string due = text::FormatWib(before.deadlines.at(D::kAnswerDue));
  std::set<std::pair<std::string, std::string>> expected = {{"official.warning", kInspectorate}};
  for (const auto& phone : kDinkesPhones) {
    expected.emplace("official.warning", phone);
  }
  EXPECT_EQ(OfficialNotices(t), expected);
  EXPECT_TRUE(CitizenKeys(t).empty());
  for (const auto& n : t.notices) {
    EXPECT_EQ(n.vars.at("due"), due);
    EXPECT_EQ(n.vars.at("opd_name"), "Dinas Kesehatan");
  }
}

TEST_F(Workflow, AnswerDueMakesTheCaseOverdueThenExtendedInOneTransition) {
  const Case before = CaseIn(S::kReopened);
  const Action a = Deadline(before, D::kAnswerDue);
  const TimeMs now = a.deadline_due + 5 * kMinute;
  const Transition t = Ok(before, a, kScheduler, now);
  EXPECT_EQ(t.after.status, S::kExtended);
  const TimeMs end = cal().AddDays(now, 60);
  EXPECT_EQ(t.after.deadlines, (std::map<D, TimeMs>{{D::kExtensionEnd, end}}));
  ASSERT_EQ(t.log.size(), 2u);
  EXPECT_EQ(t.log[0].action, "answer_due");
  EXPECT_EQ(t.log[0].from, "reopened");
  EXPECT_EQ(t.log[0].to, "overdue");
  EXPECT_EQ(t.log[1].action, "extend");
  EXPECT_EQ(t.log[1].from, "overdue");
  EXPECT_EQ(t.log[1].to, "extended");
  EXPECT_EQ(t.log[1].actor, "scheduler");
  std::set<std::pair<std::string, std::string>> expected = {{"official.overdue", kRegentPhone}};
  for (const auto& phone : kDinkesPhones) {
    expected.emplace("official.overdue", phone);
  }
  EXPECT_EQ(OfficialNotices(t), expected);
  EXPECT_EQ(CitizenKeys(t), std::vector<std::string>{"notice.extended"});
  for (const auto& n : t.notices) {
    EXPECT_EQ(n.vars.at("due"), text::FormatWib(end));
  }
}

TEST_F(Workflow, ExtensionEndEscalatesToOmbudsmanMediation) {
  const Case before = CaseIn(S::kExtended);
  const Action a = Deadline(before, D::kExtensionEnd);
  const Transition t = Ok(before, a, kScheduler, a.deadline_due);
  EXPECT_EQ(t.after.status, S::kEscalated);
  EXPECT_TRUE(t.after.deadlines.empty());
  EXPECT_EQ(t.log[0].action, "extension_end");
  EXPECT_EQ(CitizenKeys(t), std::vector<std::string>{"notice.escalated"});
  EXPECT_EQ(OfficialNotices(t),
            (std::set<std::pair<std::string, std::string>>{{"official.escalated", kInspectorate},
                                                           {"official.escalated", kRegentPhone}}));
}

TEST_F(Workflow, DeadlinePendingOnAStatusItDoesNotFitIsAConflict) {
  Case odd = CaseIn(S::kVerified);
  odd.deadlines[D::kAnswerDue] = kNow;
  auto t = Run(odd, Deadline(odd, D::kAnswerDue), kScheduler);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, Errc::kConflict);
  EXPECT_NE(t.error().message.find("verified"), std::string::npos);
}

TEST_F(Workflow, InitialDeadlineIsVerifyDaysAfterFiling) {
  Case filed = CaseIn(S::kSubmitted);
  filed.created_at = Wib(2026, 11, 27, 10);  // a Friday
  EXPECT_EQ(InitialDeadlines(filed, policy_, cal()),
            (std::map<D, TimeMs>{{D::kVerify, Wib(2026, 12, 2, 10)}}));
}

// ---- A whole case, with an injected clock. ----

TEST_F(Workflow, FullPathFromSubmittedThroughEscalationToClosedWithAnInjectedClock) {
  ManualClock clock(kFiled);
  Case c = CaseIn(S::kSubmitted);
  c.deadlines = InitialDeadlines(c, policy_, cal());
  std::vector<std::string> trail;
  std::vector<std::string> citizen;
  auto step = [&](const Action& a, const Actor& actor) {
    auto t = Apply(c, a, actor, clock.Now(), policy_, cal());
    ASSERT_TRUE(t.ok()) << t.error().message;
    ASSERT_TRUE(t->changed);
    for (const auto& e : t->log) {
      EXPECT_EQ(e.at, clock.Now());
      trail.push_back(e.action + ":" + e.from + ">" + e.to);
    }
    for (const auto& key : CitizenKeys(*t)) {
      citizen.push_back(key);
    }
    c = t->after;
  };
  // The scheduler: the earliest pending deadline, applied when it falls due.
  auto fire_next = [&] {
    ASSERT_FALSE(c.deadlines.empty());
    auto next = std::min_element(c.deadlines.begin(), c.deadlines.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    clock.Set(next->second);
    step(Action{.kind = K::kDeadline, .deadline = next->first, .deadline_due = next->second},
         kScheduler);
  };

  clock.Advance(60 * kMinute);
  step(GoodAction(K::kVerify), kVerifier);
  clock.Set(Wib(2026, 11, 3, 11));
  step(GoodAction(K::kForward), kVerifier);
  EXPECT_FALSE(c.verify_late);
  clock.Set(Wib(2026, 11, 4, 9));
  step(GoodAction(K::kDispatch), kRegionAdmin);
  EXPECT_EQ(c.deadlines.at(D::kAnswerWarn), Wib(2026, 11, 10, 9));
  EXPECT_EQ(c.deadlines.at(D::kAnswerDue), Wib(2026, 11, 11, 9));
  fire_next();  // the warning, Tuesday 10 November
  EXPECT_EQ(clock.Now(), Wib(2026, 11, 10, 9));
  EXPECT_EQ(c.status, S::kDispatched);
  fire_next();  // no answer by Wednesday 11 November: overdue, extended 60 working days
  EXPECT_EQ(c.status, S::kExtended);
  EXPECT_EQ(c.deadlines.at(D::kExtensionEnd), cal().AddDays(Wib(2026, 11, 11, 9), 60));
  fire_next();  // still no answer: Ombudsman mediation
  EXPECT_EQ(c.status, S::kEscalated);
  EXPECT_TRUE(c.deadlines.empty());
  clock.Advance(24 * 60 * kMinute);
  step(GoodAction(K::kRespond), kDinkes);  // the OPD answers under mediation
  EXPECT_TRUE(c.answered_late);
  clock.Advance(60 * kMinute);
  step(Action{.kind = K::kCitizenFeedback, .satisfied = false}, kCitizen);
  EXPECT_EQ(c.status, S::kReopened);
  EXPECT_EQ(c.deadlines.at(D::kAnswerDue), cal().AddDays(clock.Now(), 5));
  clock.Advance(2 * 60 * kMinute);
  step(Action{.kind = K::kRespond, .text = "Petugas tambahan sudah ditempatkan."}, kDinkes);
  EXPECT_EQ(c.answer, "Petugas tambahan sudah ditempatkan.");
  clock.Advance(60 * kMinute);
  step(GoodAction(K::kCitizenFeedback), kCitizen);
  EXPECT_EQ(c.status, S::kClosed);
  EXPECT_EQ(c.feedback, "satisfied");
  EXPECT_EQ(c.reopen_count, 1);

  EXPECT_EQ(trail, (std::vector<std::string>{
                       "verify:submitted>verified",
                       "forward:verified>forwarded",
                       "dispatch:forwarded>dispatched",
                       "answer_warn:dispatched>dispatched",
                       "answer_due:dispatched>overdue",
                       "extend:overdue>extended",
                       "extension_end:extended>escalated",
                       "respond:escalated>responded",
                       "citizen_feedback:responded>reopened",
                       "respond:reopened>responded",
                       "citizen_feedback:responded>closed",
                   }));
  EXPECT_EQ(citizen, (std::vector<std::string>{
                         "notice.verified", "notice.forwarded", "notice.dispatched",
                         "notice.extended", "notice.escalated", "notice.answer", "notice.rate",
                         "notice.reopened", "notice.answer", "notice.rate", "notice.closed"}));
}

// ---- Templates for every notice. ----

TEST_F(Workflow, EveryNoticeTemplateExistsInBothLanguagesAndFitsOneSms) {
  const auto templates =
      text::TemplateSet::LoadDir(std::string(LAPOR_SOURCE_DIR) + "/templates", {"id", "en"});
  // Realistic values: an 8-digit number, a ~30-character agency name, a WIB date.
  const std::map<std::string, std::string, std::less<>> realistic = {
      {"tracking_no", "00012348"},
      {"opd_name", "Dinas Perumahan dan Permukiman"},
      {"due", "28/11/2026 22:06 WIB"},
      {"category", "pelayanan-publik"},
      {"kecamatan", "Babakan Madang"},
      {"reason", "Sebutkan nama desa"},
      {"answer", "Jalan sudah diperbaiki."},
      {"agency", "Pemkab Bogor (SP4N-LAPOR!)"},
      {"date", "2026-11-30"}};
  // Every notice the workflow sends, with the vars it sends.
  std::map<std::string, std::set<std::string>> sent = {{"notice.received", {"tracking_no"}}};
  auto collect = [&](const Transition& t) {
    for (const auto& n : t.notices) {
      for (const auto& [name, value] : n.vars) {
        sent[n.template_key].insert(name);
      }
    }
  };
  for (K kind : kCaseActions) {
    for (S from : kLegal.at(kind)) {
      collect(Ok(CaseIn(from), GoodAction(kind), ActorFor(kind)));
    }
  }
  collect(Ok(CaseIn(S::kResponded), Action{.kind = K::kCitizenFeedback}, kCitizen));
  for (auto [status, kind] :
       {std::pair{S::kDispatched, D::kAnswerWarn}, std::pair{S::kDispatched, D::kAnswerDue},
        std::pair{S::kExtended, D::kExtensionEnd}}) {
    collect(Ok(CaseIn(status), Deadline(CaseIn(status), kind), kScheduler));
  }
  const std::set<std::string> documented = {
      "notice.received",   "notice.verified",      "notice.forwarded",    "notice.referred",
      "notice.needs_info", "notice.info_received", "notice.rejected",     "notice.dispatched",
      "notice.answer",     "notice.rate",          "notice.extended",     "notice.escalated",
      "notice.closed",     "notice.reopened",      "official.dispatched", "official.warning",
      "official.overdue",  "official.escalated",   "official.reopened"};
  std::set<std::string> keys;
  for (const auto& [key, vars] : sent) {
    keys.insert(key);
  }
  EXPECT_EQ(keys, documented);
  for (const auto& [key, vars] : sent) {
    for (const char* lang : {"id", "en"}) {
      SCOPED_TRACE(std::string(lang) + " " + key);
      ASSERT_TRUE(templates.Has(lang, key));
      // Every placeholder gets a value.
      for (const auto& name : text::Placeholders(templates.Raw(lang, key))) {
        EXPECT_TRUE(vars.contains(name)) << name;
      }
      text::Vars values;
      for (const auto& name : vars) {
        values[name] = realistic.at(name);
      }
      const std::string sms = templates.Render(lang, key, values);
      const auto count = text::CountSegments(sms);
      EXPECT_EQ(count.encoding, text::SegmentCount::Encoding::kGsm7) << sms;
      EXPECT_LE(count.units, 160u) << sms;
    }
  }
}

// ---- The admin API's action bodies. ----

TEST(ParseAction, ReadsEachOfficialActionBody) {
  auto parse = [](const char* body) { return ParseAction(nlohmann::json::parse(body)); };
  EXPECT_EQ(parse(R"({"action": "verify"})")->kind, K::kVerify);
  auto forward = parse(R"({"action": "forward", "region": "19.04"})");
  ASSERT_TRUE(forward.ok());
  EXPECT_EQ(forward->kind, K::kForward);
  EXPECT_EQ(forward->region, "19.04");
  EXPECT_EQ(parse(R"({"action": "forward"})")->region, "");  // the case's own regency
  auto refer = parse(R"({"action": "refer", "agency": "Pemkab Bogor", "date": "2026-11-30"})");
  ASSERT_TRUE(refer.ok());
  EXPECT_EQ(refer->kind, K::kRefer);
  EXPECT_EQ(refer->agency, "Pemkab Bogor");
  EXPECT_EQ(refer->date, "2026-11-30");
  auto dispatch = parse(R"({"action": "dispatch", "opd": "dinkes", "tier": "complaint"})");
  ASSERT_TRUE(dispatch.ok());
  EXPECT_EQ(dispatch->opd, "dinkes");
  EXPECT_EQ(dispatch->tier, "complaint");
  EXPECT_EQ(parse(R"({"action": "dispatch", "opd": "dinkes"})")->tier, "");
  EXPECT_EQ(parse(R"({"action": "respond", "answer": "Sudah diperbaiki"})")->text,
            "Sudah diperbaiki");
  EXPECT_EQ(parse(R"({"action": "reject", "reason": "Bukan kewenangan"})")->text,
            "Bukan kewenangan");
  EXPECT_EQ(parse(R"({"action": "ask_info", "reason": "Nama desa?"})")->kind, K::kAskInfo);
  for (const char* name : {"extend", "escalate", "close", "reopen"}) {
    auto a = ParseAction(nlohmann::json{{"action", name}, {"reason", "catatan"}});
    ASSERT_TRUE(a.ok()) << name;
    EXPECT_EQ(ActionName(a->kind), name);
    EXPECT_EQ(a->text, "catatan");
  }
}

TEST(ParseAction, BadBodiesAreBadRequestsNamingTheField) {
  auto refused = [](const char* body, const std::string& field) {
    auto a = ParseAction(nlohmann::json::parse(body));
    ASSERT_FALSE(a.ok()) << body;
    EXPECT_EQ(a.error().code, Errc::kBadRequest);
    EXPECT_TRUE(a.error().message.starts_with(field + ": ")) << a.error().message;
  };
  refused(R"([])", "body");
  refused(R"({})", "action");
  refused(R"({"action": 3})", "action");
  refused(R"({"action": "approve"})", "action");
  refused(R"({"action": "citizen_info", "text": "x"})", "action");
  refused(R"({"action": "citizen_feedback"})", "action");
  refused(R"({"action": "deadline"})", "action");
  refused(R"({"action": "respond"})", "answer");
  refused(R"({"action": "reject"})", "reason");
  refused(R"({"action": "ask_info", "reason": 5})", "reason");
  refused(R"({"action": "forward", "region": ["a"]})", "region");
  refused(R"({"action": "dispatch"})", "opd");
  refused(R"({"action": "refer"})", "agency");
  refused(R"({"action": "refer", "agency": "X", "date": 20261130})", "date");
  refused(R"({"action": "dispatch", "opd": "dinkes", "tier": 14})", "tier");
}

TEST(Policy, FindsARegionAndAnOpdOfIt) {
  const Policy p = TestPolicy();
  ASSERT_NE(p.FindRegion(kRegion), nullptr);
  EXPECT_EQ(p.FindRegion(kRegion)->name, "Kabupaten Bangka Tengah");
  EXPECT_EQ(p.FindRegion("31.71"), nullptr);
  ASSERT_NE(p.FindOpd(kRegion, "dpupr"), nullptr);
  EXPECT_EQ(p.FindOpd(kRegion, "dpupr")->name, "Dinas PUPR");
  EXPECT_EQ(p.FindOpd("32.01", "dinkes")->name, "Dinas Kesehatan Bogor");
  EXPECT_EQ(p.FindOpd("32.01", "dpupr"), nullptr);
  EXPECT_EQ(p.FindOpd(kRegion, "DPUPR"), nullptr);
  EXPECT_EQ(p.FindOpd(kRegion, ""), nullptr);
}

}  // namespace
}  // namespace lapor::cases
