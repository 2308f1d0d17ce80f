#include "dialog/screen.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "dialog/dialog_loader.hpp"
#include "unit/dialog/chat.hpp"
#include "unit/dialog/engine_fixture.hpp"

namespace lapor::dialog {
namespace {

const MenuFooter kFooter{.back = "0. Kembali", .more = "98. Berikutnya"};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t from = 0;
  while (true) {
    size_t newline = text.find('\n', from);
    lines.push_back(text.substr(from, newline - from));
    if (newline == std::string::npos) {
      return lines;
    }
    from = newline + 1;
  }
}

// The option numbers shown on a page, in order.
std::vector<int> OptionNumbers(const std::string& text) {
  std::vector<int> numbers;
  for (const auto& line : Lines(text)) {
    auto dot = line.find(". ");
    if (dot == std::string::npos || line.starts_with("98. ") || line.starts_with("0. ")) {
      continue;
    }
    bool digits = dot > 0 && line.find_first_not_of("0123456789") == dot;
    if (digits) {
      numbers.push_back(std::stoi(line.substr(0, dot)));
    }
  }
  return numbers;
}

std::vector<std::string> Labels(int count, const std::string& stem) {
  std::vector<std::string> labels;
  for (int i = 0; i < count; ++i) {
    labels.push_back(stem + std::to_string(i + 1));
  }
  return labels;
}

TEST(MenuPage, ShortMenuIsOnePageWithoutMore) {
  auto page = RenderMenuPage("Jenis laporan:", {"Pengaduan", "Aspirasi"}, kFooter, 182, 0, 0);
  EXPECT_EQ(page.text, "Jenis laporan:\n1. Pengaduan\n2. Aspirasi\n0. Kembali");
  EXPECT_EQ(page.page, 0);
  EXPECT_FALSE(page.has_more);
}

TEST(MenuPage, MainMenuHasNoBackLine) {
  auto page = RenderMenuPage("Menu", {"Lapor"}, {.back = "", .more = "98. Berikutnya"}, 182, 0, 0);
  EXPECT_EQ(page.text, "Menu\n1. Lapor");
}

TEST(MenuPage, LongMenuPagesFitTheLimitAndNumberingContinues) {
  const auto labels = Labels(40, "Kecamatan Nomor ");
  for (size_t limit : {60u, 100u, 182u}) {
    SCOPED_TRACE("limit " + std::to_string(limit));
    std::vector<int> seen;
    int pages = 0;
    for (int n = 0;; ++n) {
      auto page = RenderMenuPage("Kecamatan:", labels, kFooter, limit, 0, n);
      ASSERT_EQ(page.page, n);
      EXPECT_LE(ScreenLength(page.text), limit) << page.text;
      EXPECT_TRUE(page.text.starts_with("Kecamatan:\n")) << page.text;
      EXPECT_TRUE(page.text.ends_with("\n0. Kembali")) << page.text;
      EXPECT_EQ(page.text.find("\n98. Berikutnya\n") != std::string::npos, page.has_more);
      auto numbers = OptionNumbers(page.text);
      EXPECT_FALSE(numbers.empty());
      seen.insert(seen.end(), numbers.begin(), numbers.end());
      ++pages;
      if (!page.has_more) {
        break;
      }
      ASSERT_LT(pages, 40);
    }
    EXPECT_GT(pages, 1);
    // 1..40, each once, in order across the pages.
    ASSERT_EQ(seen.size(), 40u);
    for (int i = 0; i < 40; ++i) {
      EXPECT_EQ(seen[i], i + 1);
    }
  }
}

TEST(MenuPage, ReserveIsLeftFreeOnEveryPage) {
  const auto labels = Labels(30, "Pilihan ");
  const size_t reserve = 23;
  for (int n = 0;; ++n) {
    auto page = RenderMenuPage("Kecamatan:", labels, kFooter, 182, reserve, n);
    EXPECT_LE(ScreenLength(page.text) + reserve, 182u) << page.text;
    if (!page.has_more) {
      break;
    }
  }
}

TEST(MenuPage, PageBeyondTheLastOrBeforeTheFirstIsClamped) {
  const auto labels = Labels(40, "Kecamatan Nomor ");
  auto first = RenderMenuPage("K:", labels, kFooter, 100, 0, 0);
  auto negative = RenderMenuPage("K:", labels, kFooter, 100, 0, -3);
  EXPECT_EQ(negative.page, 0);
  EXPECT_EQ(negative.text, first.text);
  int last = 0;
  while (RenderMenuPage("K:", labels, kFooter, 100, 0, last).has_more) {
    ++last;
  }
  auto beyond = RenderMenuPage("K:", labels, kFooter, 100, 0, last + 5);
  EXPECT_EQ(beyond.page, last);
  EXPECT_FALSE(beyond.has_more);
  EXPECT_EQ(OptionNumbers(beyond.text).back(), 40);
}

TEST(MenuPage, AnOptionTooLongForAPageStillGetsAPageOfItsOwn) {
  std::vector<std::string> labels = {"A", std::string(300, 'x'), "B"};
  std::set<int> seen;
  for (int n = 0; n < 10; ++n) {
    auto page = RenderMenuPage("H", labels, kFooter, 50, 0, n);
    for (int number : OptionNumbers(page.text)) {
      seen.insert(number);
    }
    if (!page.has_more) {
      break;
    }
  }
  EXPECT_EQ(seen, (std::set<int>{1, 2, 3}));
}

TEST(MenuPage, ScreenLengthCountsCharactersNotBytes) {
  EXPECT_EQ(ScreenLength("Kec. Ciawi"), 10u);
  EXPECT_EQ(ScreenLength("café"), 4u);
  EXPECT_EQ(ScreenLength("Rp 10.000 ✓"), 11u);
  EXPECT_EQ(ScreenLength(""), 0u);
}

// A dialog whose menu takes a long list from data (options_from: the forty kecamatan of
// Kabupaten Bogor), to see a long menu paged through the engine, with the shipped texts.
std::shared_ptr<const Engine> LongMenuEngine() {
  auto dialog = nlohmann::json::parse(R"({
    "id": "long", "start": "main", "report_start": "kecamatan",
    "nodes": {
      "main": {"type": "menu", "prompt": "main.prompt", "options": [
        {"label": "type.complaint", "next": "kecamatan"},
        {"label": "main.language", "next": "lang_en"}]},
      "lang_en": {"type": "action", "action": "set_language", "value": "en", "next": "kecamatan"},
      "kecamatan": {"type": "menu", "prompt": "kecamatan.prompt", "save": "kecamatan",
                    "options_from": "kecamatan", "next": "location"},
      "location": {"type": "input", "prompt": "location.prompt", "save": "location",
                   "min_length": 3, "next": "done"},
      "done": {"type": "end", "prompt": "done.text"}
    }})");
  std::map<std::string, nlohmann::json> templates;
  for (const std::string lang : {"id", "en"}) {
    std::ifstream in(test::SourceDir() + "/templates/" + lang + ".json");
    templates[lang] = nlohmann::json::parse(in);
  }
  templates["id"]["kecamatan.prompt"] = "Kecamatan:";
  templates["en"]["kecamatan.prompt"] = "District (kecamatan):";
  templates["id"]["location.prompt"] = "Tulis lokasi (desa, jalan, patokan):";
  templates["en"]["location.prompt"] = "Write the location (village, street, landmark):";
  return std::make_shared<const Engine>(
      std::make_shared<const Dialog>(ParseDialog(dialog, test::KecamatanSources(), "long.json")),
      std::make_shared<const text::TemplateSet>(text::TemplateSet::FromJson(templates)),
      EngineOptions{});
}

class KecamatanPages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { engine_ = LongMenuEngine(); }
  static std::shared_ptr<const Engine> engine_;

  static test::Chat AtKecamatan(bool english) {
    test::Chat chat(*engine_, Channel::kUssd);
    chat.Dial();
    chat.Send(english ? "2" : "1");
    return chat;
  }
};
std::shared_ptr<const Engine> KecamatanPages::engine_;

TEST_F(KecamatanPages, EveryPageFitsWithAndWithoutHintAndNumberingRunsOneToForty) {
  for (bool english : {false, true}) {
    SCOPED_TRACE(english ? "en" : "id");
    const std::string header = english ? "District (kecamatan):\n" : "Kecamatan:\n";
    const std::string more = english ? "\n98. More\n" : "\n98. Berikutnya\n";
    const std::string hint = english ? "Unknown choice.\n" : "Pilihan tidak dikenal.\n";
    auto chat = AtKecamatan(english);
    std::vector<int> seen;
    std::string page = chat.screen();
    for (int n = 0; n < 10; ++n) {
      SCOPED_TRACE("page " + std::to_string(n + 1));
      EXPECT_TRUE(page.starts_with(header)) << page;
      EXPECT_LE(ScreenLength(page), 182u) << page;
      auto numbers = OptionNumbers(page);
      seen.insert(seen.end(), numbers.begin(), numbers.end());
      // A wrong answer shows the same page, hint on top, still within the limit.
      auto again = chat.Send("nowhere").screen;
      EXPECT_EQ(again, hint + page);
      EXPECT_LE(ScreenLength(again), 182u) << again;
      if (page.find(more) == std::string::npos) {
        break;
      }
      page = chat.Send("98").screen;
    }
    ASSERT_EQ(seen.size(), 40u);
    for (int i = 0; i < 40; ++i) {
      EXPECT_EQ(seen[i], i + 1);
    }
  }
}

TEST_F(KecamatanPages, IndonesianPagesAreExactlyThese) {
  auto chat = AtKecamatan(false);
  EXPECT_EQ(chat.screen(),
            "Kecamatan:\n1. Babakan Madang\n2. Bojonggede\n3. Caringin\n4. Cariu\n5. Ciampea\n"
            "6. Ciawi\n7. Cibinong\n8. Cibungbulang\n9. Cigombong\n98. Berikutnya\n0. Kembali");
  EXPECT_EQ(chat.Send("98").screen,
            "Kecamatan:\n10. Cigudeg\n11. Cijeruk\n12. Cileungsi\n13. Ciomas\n14. Cisarua\n"
            "15. Ciseeng\n16. Citeureup\n17. Dramaga\n18. Gunung Putri\n98. Berikutnya\n"
            "0. Kembali");
  EXPECT_EQ(chat.Send("98").screen,
            "Kecamatan:\n19. Gunung Sindur\n20. Jasinga\n21. Jonggol\n22. Kemang\n"
            "23. Klapanunggal\n24. Leuwiliang\n25. Leuwisadeng\n26. Megamendung\n98. Berikutnya\n"
            "0. Kembali");
  EXPECT_EQ(chat.Send("98").screen,
            "Kecamatan:\n27. Nanggung\n28. Pamijahan\n29. Parung\n30. Parung Panjang\n"
            "31. Ranca Bungur\n32. Rumpin\n33. Sukajaya\n34. Sukamakmur\n98. Berikutnya\n"
            "0. Kembali");
  const std::string last =
      "Kecamatan:\n35. Sukaraja\n36. Tajurhalang\n37. Tamansari\n38. Tanjungsari\n39. Tenjo\n"
      "40. Tenjolaya\n0. Kembali";
  EXPECT_EQ(chat.Send("98").screen, last);
  // "98" on the last page stays there.
  EXPECT_EQ(chat.Send("98").screen, last);
}

TEST_F(KecamatanPages, EnglishPagesAreExactlyThese) {
  auto chat = AtKecamatan(true);
  EXPECT_EQ(chat.screen(),
            "District (kecamatan):\n1. Babakan Madang\n2. Bojonggede\n3. Caringin\n4. Cariu\n"
            "5. Ciampea\n6. Ciawi\n7. Cibinong\n8. Cibungbulang\n9. Cigombong\n10. Cigudeg\n"
            "98. More\n0. Back");
  EXPECT_EQ(chat.Send("98").screen,
            "District (kecamatan):\n11. Cijeruk\n12. Cileungsi\n13. Ciomas\n14. Cisarua\n"
            "15. Ciseeng\n16. Citeureup\n17. Dramaga\n18. Gunung Putri\n19. Gunung Sindur\n"
            "98. More\n0. Back");
  EXPECT_EQ(chat.Send("98").screen,
            "District (kecamatan):\n20. Jasinga\n21. Jonggol\n22. Kemang\n23. Klapanunggal\n"
            "24. Leuwiliang\n25. Leuwisadeng\n26. Megamendung\n27. Nanggung\n28. Pamijahan\n"
            "98. More\n0. Back");
  EXPECT_EQ(chat.Send("98").screen,
            "District (kecamatan):\n29. Parung\n30. Parung Panjang\n31. Ranca Bungur\n"
            "32. Rumpin\n33. Sukajaya\n34. Sukamakmur\n35. Sukaraja\n36. Tajurhalang\n98. More\n"
            "0. Back");
  EXPECT_EQ(chat.Send("98").screen,
            "District (kecamatan):\n37. Tamansari\n38. Tanjungsari\n39. Tenjo\n40. Tenjolaya\n"
            "0. Back");
}

TEST_F(KecamatanPages, BackFromALaterPageGoesToThePageBeforeThenToTheMenuBefore) {
  auto chat = AtKecamatan(false);
  const std::string page1 = chat.screen();
  const std::string page2 = chat.Send("98").screen;
  const std::string page3 = chat.Send("98").screen;
  ASSERT_NE(page2, page1);
  ASSERT_NE(page3, page2);
  EXPECT_EQ(chat.Send("0").screen, page2);
  EXPECT_EQ(chat.Send("0").screen, page1);
  EXPECT_EQ(chat.Send("0").screen,
            "LAPOR! 1708 - Layanan Aspirasi dan Pengaduan\n1. Pengaduan\n2. Bahasa/Language");
  // Coming back in starts on page 1 again.
  EXPECT_EQ(chat.Send("1").screen, page1);
}

TEST_F(KecamatanPages, AnOptionOnAnotherPageCanBeChosenByNumberOrName) {
  struct Case {
    int pages_forward;
    std::string typed;
    std::string kecamatan;
  };
  const std::vector<Case> cases = {
      {0, "35", "sukaraja"},      {0, "40", "tenjolaya"}, {0, "Tenjolaya", "tenjolaya"},
      {3, "1", "babakan-madang"}, {4, "10", "cigudeg"},   {2, "cibinong", "cibinong"},
      {1, "18", "gunung-putri"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("after " + std::to_string(c.pages_forward) + " x 98, typed " + c.typed);
    auto chat = AtKecamatan(false);
    for (int i = 0; i < c.pages_forward; ++i) {
      chat.Send("98");
    }
    auto next = chat.Send(c.typed);
    ASSERT_TRUE(next.session.has_value());
    EXPECT_EQ(next.session->answers.at("kecamatan"), c.kecamatan);
    EXPECT_EQ(next.screen, "Tulis lokasi (desa, jalan, patokan):\n0. Kembali");
  }
}

TEST_F(KecamatanPages, WrongAnswerOnALaterPageKeepsThatPage) {
  auto chat = AtKecamatan(false);
  chat.Send("98");
  const std::string page3 = chat.Send("98").screen;
  EXPECT_EQ(chat.Send("99").screen, "Pilihan tidak dikenal.\n" + page3);
  EXPECT_EQ(chat.Send("Bandung").screen, "Pilihan tidak dikenal.\n" + page3);
}

}  // namespace
}  // namespace lapor::dialog
