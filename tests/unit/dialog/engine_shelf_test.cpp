// Which dialog version a step runs on: a session finishes on the version it started on while
// that version is kept; a session whose version is gone starts again on the active one; a report
// left unfinished is offered again only on the version it was written on.
#include "dialog/engine_shelf.hpp"

#include <gtest/gtest.h>

#include "unit/dialog/engine_fixture.hpp"

namespace lapor::dialog {
namespace {

class ChooseEngineTest : public ::testing::Test {
 protected:
  std::shared_ptr<const Engine> shipped_ = test::DefaultEngine();
  std::shared_ptr<const Dialog> dialog_ = std::make_shared<Dialog>(shipped_->dialog());
  std::shared_ptr<const Engine> v3_ = shipped_->WithDialog(dialog_, 3);
  std::shared_ptr<const Engine> v4_ = shipped_->WithDialog(dialog_, 4);
  EngineShelf shelf_{{3, v3_}, {4, v4_}};

  static Session On(int64_t version, std::string node) {
    Session s;
    s.dialog_version = version;
    s.node = std::move(node);
    return s;
  }
};

TEST_F(ChooseEngineTest, ANewSessionStartsOnTheActiveVersion) {
  auto choice = ChooseEngine(v4_, &shelf_, std::nullopt, std::nullopt);
  EXPECT_EQ(choice.engine, v4_);
  EXPECT_FALSE(choice.session);
  EXPECT_FALSE(choice.resume);
}

TEST_F(ChooseEngineTest, ASessionInFlightFinishesOnTheVersionItStartedOn) {
  auto choice = ChooseEngine(v4_, &shelf_, On(3, "category"), std::nullopt);
  EXPECT_EQ(choice.engine, v3_);
  ASSERT_TRUE(choice.session);
  EXPECT_EQ(choice.session->node, "category");
}

TEST_F(ChooseEngineTest, ASessionOnTheActiveVersionStaysOnIt) {
  auto choice = ChooseEngine(v4_, &shelf_, On(4, "details"), std::nullopt);
  EXPECT_EQ(choice.engine, v4_);
  ASSERT_TRUE(choice.session);
  EXPECT_EQ(choice.session->node, "details");
}

TEST_F(ChooseEngineTest, ASessionWhoseVersionIsNoLongerKeptStartsAgainOnTheActive) {
  // Its nodes may not exist in the active dialog: continuing could land anywhere.
  auto choice = ChooseEngine(v4_, &shelf_, On(2, "category"), std::nullopt);
  EXPECT_EQ(choice.engine, v4_);
  EXPECT_FALSE(choice.session);
}

TEST_F(ChooseEngineTest, WithoutAShelfOnlyTheActiveVersionIsKnown) {
  auto choice = ChooseEngine(v4_, nullptr, On(3, "category"), std::nullopt);
  EXPECT_EQ(choice.engine, v4_);
  EXPECT_FALSE(choice.session);
}

TEST_F(ChooseEngineTest, AnUnfinishedReportIsOfferedAgainOnlyOnItsOwnVersion) {
  auto same = ChooseEngine(v4_, &shelf_, std::nullopt, On(4, "details"));
  ASSERT_TRUE(same.resume);
  EXPECT_EQ(same.resume->node, "details");

  auto older = ChooseEngine(v4_, &shelf_, std::nullopt, On(3, "details"));
  EXPECT_EQ(older.engine, v4_);
  EXPECT_FALSE(older.resume);
}

}  // namespace
}  // namespace lapor::dialog
