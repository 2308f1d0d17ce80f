#include "dialog/dialog_loader.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/config_error.hpp"
#include "dialog/engine.hpp"
#include "dialog/load.hpp"
#include "text/template_set.hpp"
#include "unit/dialog/engine_fixture.hpp"

namespace lapor::dialog {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using test::KecamatanSources;

// Every language that templates/ has a file for, the default ("id") first.
std::vector<std::string> ShippedLanguages() {
  std::vector<std::string> languages;
  for (const auto& entry : fs::directory_iterator(test::SourceDir() + "/templates")) {
    if (entry.path().extension() == ".json") {
      languages.push_back(entry.path().stem().string());
    }
  }
  std::sort(languages.begin(), languages.end(), [](const std::string& a, const std::string& b) {
    return (a == "id") != (b == "id") ? a == "id" : a < b;
  });
  return languages;
}

std::map<std::string, json> ShippedTemplateDocs() {
  std::map<std::string, json> docs;
  for (const auto& lang : ShippedLanguages()) {
    std::ifstream in(test::SourceDir() + "/templates/" + lang + ".json");
    docs[lang] = json::parse(in);
  }
  return docs;
}

// A small dialog that loads cleanly with the shipped templates; each test breaks one thing.
json SmallDialog() {
  return json::parse(R"({
    "id": "small",
    "start": "main",
    "report_start": "type",
    "sms_details_slot": "details",
    "nodes": {
      "main": {"type": "menu", "prompt": "main.prompt",
               "options": [{"label": "main.check", "next": "type"}]},
      "type": {"type": "menu", "prompt": "type.prompt", "save": "type",
               "options": [{"value": "pengaduan", "label": "type.complaint", "next": "details"}]},
      "details": {"type": "input", "prompt": "details.prompt", "hint": "details.hint",
                  "save": "details", "min_length": 15, "max_length": 100,
                  "pattern": ".*\\S.*", "next": "submit"},
      "submit": {"type": "action", "action": "file_case", "next": "done"},
      "done": {"type": "end", "prompt": "done.text"}
    }
  })");
}

std::shared_ptr<const Engine> BuildEngine(const json& dialog,
                                          const std::map<std::string, json>& templates) {
  auto parsed =
      std::make_shared<const Dialog>(ParseDialog(dialog, KecamatanSources(), "small.json"));
  auto set = std::make_shared<const text::TemplateSet>(text::TemplateSet::FromJson(templates));
  return std::make_shared<const Engine>(parsed, set, EngineOptions{});
}

// The problems a broken dialog is refused with; a failure if it is not refused.
std::vector<std::string> ProblemsOf(
    const json& dialog, const std::map<std::string, json>& templates = ShippedTemplateDocs()) {
  try {
    BuildEngine(dialog, templates);
  } catch (const ConfigError& e) {
    EXPECT_FALSE(e.problems().empty());
    EXPECT_NE(std::string(e.what()).find(e.problems().front()), std::string::npos);
    return e.problems();
  }
  ADD_FAILURE() << "the broken dialog was accepted";
  return {};
}

// True if one of the problems contains every one of `parts`.
bool AnyProblemHas(const std::vector<std::string>& problems,
                   const std::vector<std::string>& parts) {
  return std::any_of(problems.begin(), problems.end(), [&](const std::string& problem) {
    return std::all_of(parts.begin(), parts.end(), [&](const std::string& part) {
      return problem.find(part) != std::string::npos;
    });
  });
}

std::string Joined(const std::vector<std::string>& problems) {
  std::string text;
  for (const auto& p : problems) {
    text += p + "\n";
  }
  return text;
}

// A temporary directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("lapor-dialog-test-" + std::to_string(getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

TEST(DialogLoader, EveryShippedDialogLoadsWithEveryShippedTemplateSet) {
  auto languages = ShippedLanguages();
  ASSERT_GE(languages.size(), 2u);
  EXPECT_EQ(languages.front(), "id");
  int dialogs = 0;
  for (const auto& entry : fs::directory_iterator(test::SourceDir() + "/dialogs")) {
    if (entry.path().extension() != ".json") {
      continue;
    }
    SCOPED_TRACE(entry.path().string());
    ++dialogs;
    std::shared_ptr<const Engine> engine;
    try {
      engine = LoadEngine(entry.path().string(), test::SourceDir() + "/templates", languages,
                          KecamatanSources(), {}, test::SharedNationalIndex());
    } catch (const ConfigError& e) {
      FAIL() << e.what();
    }
    ASSERT_NE(engine, nullptr);
    EXPECT_EQ(engine->options().default_lang, "id");
    EXPECT_NE(engine->dialog().Find(engine->dialog().start), nullptr);
    EXPECT_NE(engine->dialog().Find(engine->dialog().report_start), nullptr);
  }
  EXPECT_GE(dialogs, 1);
}

TEST(DialogLoader, ConfiguredDialogAsksForAPlaceAndOffersCategoriesFromWords) {
  auto engine = test::DefaultEngine();
  const Node* place = engine->dialog().PlaceNode();
  ASSERT_NE(place, nullptr);
  EXPECT_EQ(place->id, "place");
  EXPECT_EQ(place->save, "place");
  EXPECT_EQ(place->choices, 3u);
  EXPECT_EQ(place->next, "details");
  EXPECT_EQ(engine->dialog().Find("category")->offer, "category.offer");
  EXPECT_EQ(
      engine->dialog().ValuesOf("category"),
      (std::vector<std::string>{"kesehatan", "pelayanan-publik", "infrastruktur", "ketertiban"}));
  const Option* roads = engine->dialog().OptionFor("subcategory", "jalan");
  ASSERT_NE(roads, nullptr);
  EXPECT_NE(std::find(roads->words.begin(), roads->words.end(), "berlubang"), roads->words.end());
}

TEST(DialogLoader, RefusesAPlaceNodeWithoutItsTextsOrWithoutTheMap) {
  auto dialog = SmallDialog();
  dialog["nodes"]["type"]["options"][0]["next"] = "place";
  dialog["nodes"]["place"] = {{"type", "place"},
                              {"prompt", "place.prompt"},
                              {"save", "place"},
                              {"choices", 12},
                              {"next", "details"}};
  auto problems = ProblemsOf(dialog);
  EXPECT_TRUE(AnyProblemHas(problems, {"small.json: /nodes/place/choose: ", "required"}))
      << Joined(problems);
  EXPECT_TRUE(AnyProblemHas(problems, {"small.json: /nodes/place/retry: ", "required"}))
      << Joined(problems);
  EXPECT_TRUE(AnyProblemHas(problems, {"/nodes/place/choices"})) << Joined(problems);
  dialog["nodes"]["place"]["choose"] = "place.choose";
  dialog["nodes"]["place"]["retry"] = "place.retry";
  dialog["nodes"]["place"]["choices"] = 3u;
  // Without the map of Indonesia a place cannot be looked up.
  problems = ProblemsOf(dialog);
  EXPECT_TRUE(AnyProblemHas(problems, {"/nodes/place", "map of Indonesia"})) << Joined(problems);
}

TEST(DialogLoader, RefusesSuggestionWordsThatAreNotOneLowercaseWordOrHaveNoValue) {
  auto dialog = SmallDialog();
  dialog["nodes"]["type"]["options"][0]["words"] = {"jalan", "Lampu Jalan", ""};
  dialog["nodes"]["main"]["options"][0]["words"] = {"cek"};
  auto problems = ProblemsOf(dialog);
  EXPECT_TRUE(AnyProblemHas(problems, {"/nodes/type/options/0/words/1", "one lowercase word"}))
      << Joined(problems);
  EXPECT_TRUE(AnyProblemHas(problems, {"/nodes/type/options/0/words/2"})) << Joined(problems);
  EXPECT_TRUE(AnyProblemHas(problems, {"/nodes/main/options/0/words", "with a value"}))
      << Joined(problems);
}

TEST(DialogLoader, TheSmallDialogLoads) {
  // The control for the tests below: each breaks exactly one thing of this.
  EXPECT_NO_THROW(BuildEngine(SmallDialog(), ShippedTemplateDocs()));
}

TEST(DialogLoader, RefusesAnUnknownNodeType) {
  auto dialog = SmallDialog();
  dialog["nodes"]["type"]["type"] = "slider";
  auto problems = ProblemsOf(dialog);
  EXPECT_TRUE(AnyProblemHas(problems,
                            {"small.json: /nodes/type/type: ", "unknown node type", "\"slider\""}))
      << Joined(problems);
}

TEST(DialogLoader, RefusesNextToAnUnknownNode) {
  auto dialog = SmallDialog();
  dialog["nodes"]["details"]["next"] = "nowhere";
  auto problems = ProblemsOf(dialog);
  EXPECT_TRUE(AnyProblemHas(problems, {"small.json: /nodes/details/next: ", "\"nowhere\""}))
      << Joined(problems);
}

TEST(DialogLoader, RefusesAnOptionLeadingToAnUnknownNode) {
  auto dialog = SmallDialog();
  dialog["nodes"]["main"]["options"][0]["next"] = "tipe";
  auto problems = ProblemsOf(dialog);
  EXPECT_TRUE(AnyProblemHas(problems, {"small.json: /nodes/main/options/0/next: ", "\"tipe\""}))
      << Joined(problems);
}

TEST(DialogLoader, RefusesAStartOrReportStartThatIsNoNode) {
  auto dialog = SmallDialog();
  dialog["report_start"] = "jenis";
  auto problems = ProblemsOf(dialog);
  EXPECT_TRUE(AnyProblemHas(problems, {"small.json: /report_start: ", "\"jenis\""}))
      << Joined(problems);
}

TEST(DialogLoader, RefusesAnUnreachableNode) {
  auto dialog = SmallDialog();
  dialog["nodes"]["orphan"] = {{"type", "end"}, {"prompt", "help.text"}};
  auto problems = ProblemsOf(dialog);
  EXPECT_TRUE(AnyProblemHas(problems, {"small.json: /nodes/orphan: ", "unreachable"}))
      << Joined(problems);
}

TEST(DialogLoader, RefusesATemplateMissingInOneLanguage) {
  auto dialog = SmallDialog();
  dialog["nodes"]["type"]["prompt"] = "type.prompt2";
  auto templates = ShippedTemplateDocs();
  templates["id"]["type.prompt2"] = "Jenis:";
  std::vector<std::string> problems;
  try {
    BuildEngine(dialog, templates);
    ADD_FAILURE() << "accepted";
  } catch (const ConfigError& e) {
    problems = e.problems();
  }
  EXPECT_TRUE(AnyProblemHas(problems, {"en.json", "type.prompt2", "missing"})) << Joined(problems);
}

TEST(DialogLoader, RefusesATemplateKeyThatNoLanguageHas) {
  auto dialog = SmallDialog();
  dialog["nodes"]["type"]["options"][0]["label"] = "type.complain";
  auto problems = ProblemsOf(dialog);
  for (const auto& lang : ShippedLanguages()) {
    EXPECT_TRUE(AnyProblemHas(problems, {"\"type\"", "\"type.complain\"", "\"" + lang + "\""}))
        << lang << "\n"
        << Joined(problems);
  }
}

TEST(DialogLoader, RefusesAScreenOverTheLimitNamingNodeLanguageAndLength) {
  auto templates = ShippedTemplateDocs();
  templates["en"]["type.prompt"] = std::string(170, 'x');
  auto problems = ProblemsOf(SmallDialog(), templates);
  EXPECT_TRUE(AnyProblemHas(problems, {"\"type\"", "\"en\"", "more than 182"})) << Joined(problems);
  EXPECT_FALSE(AnyProblemHas(problems, {"\"id\""})) << Joined(problems);
}

TEST(DialogLoader, ScreenCountsTheHintAndTheLongestAnswer) {
  // 182 characters with the hint above it: fits without the hint, not with it.
  auto templates = ShippedTemplateDocs();
  std::string screen_without_hint = "\n1. Pengaduan\n0. Kembali";
  size_t room = 182 - screen_without_hint.size();
  templates["id"]["type.prompt"] = std::string(room, 'x');
  auto problems = ProblemsOf(SmallDialog(), templates);
  EXPECT_TRUE(AnyProblemHas(problems, {"\"type\"", "\"id\"", "more than 182"})) << Joined(problems);
}

TEST(DialogLoader, RefusesAnEndScreenTooLongForTheLongestTrackingText) {
  auto templates = ShippedTemplateDocs();
  templates["id"]["done.text"] = std::string(170, 'x') + " {tracking_no} {tracking_no}";
  auto problems = ProblemsOf(SmallDialog(), templates);
  EXPECT_TRUE(AnyProblemHas(problems, {"\"done\"", "\"id\"", "more than 182"})) << Joined(problems);
}

// STYLE.md: a wrong dialog stops the server "with the JSON path of each problem" -- also the
// problems found when the engine is built (templates, screen lengths), which name the dialog file
// and the path of the node in it.
TEST(DialogLoader, ScreenAndTemplateProblemsNameTheDialogFileAndJsonPath) {
  TempDir dir;
  auto dialog = SmallDialog();
  dialog["nodes"]["type"]["options"][0]["label"] = "type.complain";
  std::string file = dir.Write("small.json", dialog.dump());
  try {
    LoadEngine(file, test::SourceDir() + "/templates", ShippedLanguages(), KecamatanSources(), {});
    ADD_FAILURE() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_TRUE(AnyProblemHas(e.problems(), {file, "/nodes/type/options/0/label", "type.complain"}))
        << e.what();
  }
  auto long_screen = ShippedTemplateDocs();
  long_screen["en"]["type.prompt"] = std::string(170, 'x');
  TempDir templates;
  for (const auto& [lang, doc] : long_screen) {
    templates.Write(lang + ".json", doc.dump());
  }
  std::string good = dir.Write("good.json", SmallDialog().dump());
  try {
    LoadEngine(good, templates.path(), ShippedLanguages(), KecamatanSources(), {});
    ADD_FAILURE() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_TRUE(AnyProblemHas(e.problems(), {good, "/nodes/type"})) << e.what();
  }
}

TEST(DialogLoader, AScreenTooLongIsReportedOncePerLanguage) {
  auto templates = ShippedTemplateDocs();
  templates["en"]["type.prompt"] = std::string(170, 'x');
  auto problems = ProblemsOf(SmallDialog(), templates);
  // The type menu has one page; the check must not report it again as a "page 2" it lacks.
  EXPECT_EQ(std::count_if(problems.begin(), problems.end(),
                          [](const std::string& p) {
                            return p.find("\"type\"") != std::string::npos &&
                                   p.find("\"en\"") != std::string::npos;
                          }),
            1)
      << Joined(problems);
  EXPECT_FALSE(AnyProblemHas(problems, {"page 2"})) << Joined(problems);
}

TEST(DialogLoader, RefusesAnInputScreenTooLongWithItsTooShortOrFormatHint) {
  // An input with no hint of its own shows error.too_short / error.format above its prompt.
  auto dialog = SmallDialog();
  dialog["nodes"]["details"].erase("hint");
  for (std::string key : {"error.too_short", "error.format"}) {
    SCOPED_TRACE(key);
    auto templates = ShippedTemplateDocs();
    for (auto& [lang, doc] : templates) {
      doc[key] = std::string(150, 'x');
    }
    auto problems = ProblemsOf(dialog, templates);
    EXPECT_TRUE(AnyProblemHas(problems, {"\"details\"", "more than 182"})) << Joined(problems);
  }
}

TEST(DialogLoader, RefusesTemplatesWithoutTheCheckStatusTexts) {
  // CEK without a number answers check.no_number; a template set without it must not load.
  auto templates = ShippedTemplateDocs();
  for (auto& [lang, doc] : templates) {
    doc.erase("check.no_number");
  }
  auto problems = ProblemsOf(SmallDialog(), templates);
  EXPECT_TRUE(AnyProblemHas(problems, {"check.no_number"})) << Joined(problems);
}

TEST(DialogLoader, RefusesAPatternRe2CannotCompile) {
  auto dialog = SmallDialog();
  dialog["nodes"]["details"]["pattern"] = "([a-z";
  auto problems = ProblemsOf(dialog);
  EXPECT_TRUE(AnyProblemHas(problems, {"small.json: /nodes/details/pattern: ", "does not compile"}))
      << Joined(problems);
}

TEST(DialogLoader, RefusesOptionsFromNamingNoSource) {
  auto dialog = SmallDialog();
  dialog["nodes"]["type"] = {{"type", "menu"},
                             {"prompt", "type.prompt"},
                             {"save", "type"},
                             {"options_from", "desa"},
                             {"next", "details"}};
  auto problems = ProblemsOf(dialog);
  EXPECT_TRUE(AnyProblemHas(problems, {"small.json: /nodes/type/options_from: ", "names no"}))
      << Joined(problems);
}

TEST(DialogLoader, OptionsFromAKnownSourceTakesItsOptions) {
  auto dialog = SmallDialog();
  dialog["nodes"]["type"] = {{"type", "menu"},
                             {"prompt", "type.prompt"},
                             {"save", "kecamatan"},
                             {"options_from", "kecamatan"},
                             {"next", "details"}};
  auto engine = BuildEngine(dialog, ShippedTemplateDocs());
  ASSERT_EQ(engine->dialog().Find("type")->options.size(), 40u);
}

TEST(DialogLoader, RefusesACycleOfActionNodes) {
  auto dialog = SmallDialog();
  dialog["nodes"]["main"]["options"].push_back({{"label", "main.language"}, {"next", "a1"}});
  dialog["nodes"]["a1"] = {
      {"type", "action"}, {"action", "set_language"}, {"value", "en"}, {"next", "a2"}};
  dialog["nodes"]["a2"] = {
      {"type", "action"}, {"action", "set_language"}, {"value", "id"}, {"next", "a1"}};
  auto problems = ProblemsOf(dialog);
  EXPECT_TRUE(AnyProblemHas(problems, {"small.json: /nodes/a1: ", "cycle"})) << Joined(problems);
  EXPECT_TRUE(AnyProblemHas(problems, {"small.json: /nodes/a2: ", "cycle"})) << Joined(problems);
}

TEST(DialogLoader, RefusesAnUnknownActionAndMissingFields) {
  auto dialog = SmallDialog();
  dialog["nodes"]["submit"]["action"] = "send_fax";
  dialog["nodes"]["details"].erase("save");
  auto problems = ProblemsOf(dialog);
  EXPECT_TRUE(AnyProblemHas(problems, {"small.json: /nodes/submit/action: ", "\"send_fax\""}))
      << Joined(problems);
  EXPECT_TRUE(AnyProblemHas(problems, {"small.json: /nodes/details/save: ", "required"}))
      << Joined(problems);
}

TEST(DialogLoader, RefusesAnSmsDetailsSlotNoInputFills) {
  auto dialog = SmallDialog();
  dialog["sms_details_slot"] = "uraian";
  auto problems = ProblemsOf(dialog);
  EXPECT_TRUE(AnyProblemHas(problems, {"small.json: /sms_details_slot: ", "\"uraian\""}))
      << Joined(problems);
}

TEST(DialogLoader, ReportsEveryFieldProblemInOneRun) {
  auto dialog = SmallDialog();
  dialog["nodes"]["details"]["pattern"] = "(";
  dialog["nodes"]["type"]["type"] = "slider";
  dialog["nodes"]["details"]["max_length"] = 5;
  auto problems = ProblemsOf(dialog);
  EXPECT_TRUE(AnyProblemHas(problems, {"/nodes/details/pattern"})) << Joined(problems);
  EXPECT_TRUE(AnyProblemHas(problems, {"/nodes/type/type"})) << Joined(problems);
  EXPECT_TRUE(AnyProblemHas(problems, {"/nodes/details/max_length"})) << Joined(problems);
}

TEST(DialogLoader, FileThatIsMissingOrNotJsonIsRefusedNamingTheFile) {
  TempDir dir;
  std::string broken = dir.Write("broken.json", "{\"id\": \"x\",");
  try {
    LoadDialogFile(broken, {});
    ADD_FAILURE() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_TRUE(AnyProblemHas(e.problems(), {broken, "not valid JSON"})) << e.what();
  }
  std::string missing = dir.path() + "/missing.json";
  try {
    LoadDialogFile(missing, {});
    ADD_FAILURE() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_TRUE(AnyProblemHas(e.problems(), {missing, "cannot be read"})) << e.what();
  }
}

TEST(DialogLoader, ProblemsInAFileNameThatFile) {
  TempDir dir;
  auto dialog = SmallDialog();
  dialog["nodes"]["details"]["next"] = "nowhere";
  std::string file = dir.Write("lapor.json", dialog.dump());
  try {
    LoadDialogFile(file, KecamatanSources());
    ADD_FAILURE() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_TRUE(AnyProblemHas(e.problems(), {file + ": /nodes/details/next: "})) << e.what();
  }
}

}  // namespace
}  // namespace lapor::dialog
