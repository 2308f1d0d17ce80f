#include "text/json_string.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "text/utf8.hpp"

namespace lapor::text {
namespace {

std::string Quoted(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

// What the audit log's entries were written with before: nlohmann's dump of a string.
std::string NlohmannQuoted(std::string_view text) {
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST(JsonString, EveryAsciiCharacterIsWrittenAsNlohmannWritesIt) {
  for (int c = 0; c < 0x80; ++c) {
    const std::string one(1, static_cast<char>(c));
    EXPECT_EQ(Quoted(one), NlohmannQuoted(one)) << "byte " << c;
  }
}

TEST(JsonString, TextOfEveryKindIsWrittenAsNlohmannWritesIt) {
  for (std::string_view text :
       {std::string_view(""), std::string_view("Jalan rusak di Desa Sukamaju"),
        std::string_view("kata \"petugas\": C:\\data\\laporan"),
        std::string_view("baris\nbaru\r\t"),
        std::string_view("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"),
        std::string_view("nol\0byte\x1F\x7F", 10)}) {
    EXPECT_EQ(Quoted(text), NlohmannQuoted(text)) << text;
  }
}

TEST(JsonString, ABadByteBecomesTheReplacementCharacterAndTheResultParses) {
  for (std::string_view bad : {std::string_view("\xC0\xAF"),
                               std::string_view("a\xFF"
                                                "b"),
                               std::string_view("\xED\xA0\x80"), std::string_view("\xE2\x82"),
                               std::string_view("\x80 stray")}) {
    const std::string quoted = Quoted(bad);
    auto parsed = nlohmann::json::parse(quoted, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << quoted;
    EXPECT_EQ(parsed.get<std::string>(), ValidUtf8(bad));
  }
}

TEST(JsonString, AppendsAfterWhatIsThere) {
  std::string out = "{\"a\":";
  AppendJsonString(out, "b");
  EXPECT_EQ(out, "{\"a\":\"b\"");
}

}  // namespace
}  // namespace lapor::text
