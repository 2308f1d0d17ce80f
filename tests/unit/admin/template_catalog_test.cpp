#include "admin/template_catalog.hpp"

#include <gtest/gtest.h>

#include "admin/token_book.hpp"

namespace lapor::admin {
namespace {

TemplateCatalog Catalog() {
  auto shipped =
      text::TemplateSet::FromJson({{"id",
                                    {{"notice.received", "Laporan {tracking_no} diterima {date}"},
                                     {"nav.back", "Kembali"},
                                     {"main.prompt", "Menu"}}},
                                   {"en",
                                    {{"notice.received", "Report {tracking_no} received"},
                                     {"nav.back", "Back"},
                                     {"main.prompt", "Menu"}}}});
  dialog::Dialog dialog;
  dialog.nodes["main"] = dialog::Node{.id = "main", .prompt = "main.prompt"};
  return TemplateCatalog::Build(shipped, dialog);
}

TEST(TemplateCatalog, KnowsPlaceholdersRequiredOnesAndWhereEachKeyIsUsed) {
  auto catalog = Catalog();
  const TemplateInfo* received = catalog.Find("notice.received");
  ASSERT_NE(received, nullptr);
  EXPECT_EQ(received->placeholders, (std::vector<std::string>{"tracking_no", "date"}));
  EXPECT_EQ(received->required, (std::vector<std::string>{"tracking_no"}));
  EXPECT_EQ(received->used_in, (std::vector<std::string>{"notice"}));
  EXPECT_FALSE(received->screen);
  EXPECT_EQ(catalog.Find("main.prompt")->used_in, (std::vector<std::string>{"dialog:main.prompt"}));
  EXPECT_TRUE(catalog.Find("nav.back")->screen);
  EXPECT_EQ(catalog.Find("nothing"), nullptr);
}

TEST(TemplateCatalog, CheckEditNamesEveryProblem) {
  auto catalog = Catalog();
  auto bad = CheckEdit(catalog, "id", "notice.received", "Laporan {nama} {", "x");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, Errc::kUnprocessable);
  EXPECT_NE(bad.error().message.find("unknown placeholder {nama}"), std::string::npos);
  EXPECT_NE(bad.error().message.find("required placeholder {tracking_no} is missing"),
            std::string::npos);
  EXPECT_NE(bad.error().message.find("'{'"), std::string::npos);
  EXPECT_EQ(CheckEdit(catalog, "fr", "notice.received", "x", "x").error().code, Errc::kNotFound);
  EXPECT_EQ(CheckEdit(catalog, "id", "nope", "x", "x").error().code, Errc::kNotFound);
}

TEST(TemplateCatalog, CheckEditWarnsOfUcs2AndMoreParts) {
  auto catalog = Catalog();
  auto ok = CheckEdit(catalog, "id", "notice.received", "No {tracking_no}", "No {tracking_no}");
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->warnings.empty());
  EXPECT_EQ(ok->measure.text, "No 000000130");  // the 13th case, with its check digit
  auto ucs2 =
      CheckEdit(catalog, "id", "notice.received", "No {tracking_no} — ok", "No {tracking_no}");
  ASSERT_TRUE(ucs2.ok());
  ASSERT_EQ(ucs2->warnings.size(), 1u);
  EXPECT_NE(ucs2->warnings[0].find("now makes this an UCS-2 SMS"), std::string::npos);
  auto longer = CheckEdit(catalog, "id", "notice.received",
                          "No {tracking_no} " + std::string(200, 'a'), "No {tracking_no}");
  ASSERT_TRUE(longer.ok());
  EXPECT_EQ(longer->warnings, (std::vector<std::string>{"the SMS grows from 1 to 2 parts"}));
}

TEST(TokenBook, RevokedNamesAndUnknownTokensAreRefused) {
  TokenBook book;
  book.file.entries.push_back({TokenHash("t-file"), *cases::ParseRole("verifier", "siti")});
  StoredToken stored{.entry = {TokenHash("t-api"), *cases::ParseRole("auditor", "ani")},
                     .created_at = 5,
                     .created_by = "toni"};
  auto parsed = ParseStoredToken(StoredTokenRecord(stored));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->entry.actor.name, "ani");
  book.stored.push_back(*parsed);
  EXPECT_EQ(Authenticate(book, "Bearer t-file")->name, "siti");
  EXPECT_EQ(Authenticate(book, "Bearer t-api")->name, "ani");
  EXPECT_FALSE(Authenticate(book, "Bearer t-other").ok());
  book.revoked["siti"] = 7;
  EXPECT_FALSE(Authenticate(book, "Bearer t-file").ok());
  EXPECT_TRUE(book.HasName("siti"));
  EXPECT_EQ(book.ListJson().dump().find(TokenHash("t-api")), std::string::npos);
  EXPECT_FALSE(ParseStoredToken("{}").has_value());
}

}  // namespace
}  // namespace lapor::admin
