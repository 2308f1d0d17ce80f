#include "text/url_encoding.hpp"

#include <gtest/gtest.h>

namespace lapor::text {
namespace {

TEST(ParseUrlEncoded, SplitsFieldsOnAmpersandAndEquals) {
  auto fields = ParseUrlEncoded("sessionId=ATU_1&serviceCode=*1708%23&text=1*2");
  ASSERT_TRUE(fields.ok()) << fields.error().message;
  EXPECT_EQ(fields->size(), 3u);
  EXPECT_EQ(fields->at("sessionId"), "ATU_1");
  EXPECT_EQ(fields->at("serviceCode"), "*1708#");
  EXPECT_EQ(fields->at("text"), "1*2");
}

TEST(ParseUrlEncoded, PlusIsSpace) {
  auto fields = ParseUrlEncoded("text=jalan+rusak+parah&a+b=c");
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->at("text"), "jalan rusak parah");
  EXPECT_EQ(fields->at("a b"), "c");
}

TEST(ParseUrlEncoded, PercentTwentyIsSpaceAndPercentTwoBIsPlus) {
  auto fields = ParseUrlEncoded("text=CEK%20123&from=%2B6281234567890");
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->at("text"), "CEK 123");
  EXPECT_EQ(fields->at("from"), "+6281234567890");
}

TEST(ParseUrlEncoded, HexDigitsInEitherCase) {
  auto fields = ParseUrlEncoded("a=%2f%2F%3a");
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->at("a"), "//:");
}

TEST(ParseUrlEncoded, BadEscapeIsBadRequestNamingTheField) {
  auto fields = ParseUrlEncoded("from=123&text=100%zz");
  ASSERT_FALSE(fields.ok());
  EXPECT_EQ(fields.error().code, Errc::kBadRequest);
  EXPECT_NE(fields.error().message.find("\"text\""), std::string::npos) << fields.error().message;
}

TEST(ParseUrlEncoded, TruncatedEscapeAtEndIsBadRequest) {
  for (const char* input : {"text=abc%", "text=abc%4", "text=%"}) {
    auto fields = ParseUrlEncoded(input);
    ASSERT_FALSE(fields.ok()) << input;
    EXPECT_EQ(fields.error().code, Errc::kBadRequest) << input;
    EXPECT_NE(fields.error().message.find("\"text\""), std::string::npos) << input;
  }
}

TEST(ParseUrlEncoded, BadEscapeInNameNamesTheRawName) {
  auto fields = ParseUrlEncoded("te%xt=1");
  ASSERT_FALSE(fields.ok());
  EXPECT_EQ(fields.error().code, Errc::kBadRequest);
  EXPECT_NE(fields.error().message.find("\"te%xt\""), std::string::npos) << fields.error().message;
}

TEST(ParseUrlEncoded, LongFieldNameIsShortenedInTheMessage) {
  const std::string name(500, 'n');
  auto fields = ParseUrlEncoded(name + "=%");
  ASSERT_FALSE(fields.ok());
  EXPECT_LT(fields.error().message.size(), 100u);
}

TEST(ParseUrlEncoded, EmptyValuesAndNamesWithoutEqualsAreEmptyStrings) {
  auto fields = ParseUrlEncoded("text=&linkId&date=");
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->size(), 3u);
  EXPECT_EQ(fields->at("text"), "");
  EXPECT_EQ(fields->at("linkId"), "");
  EXPECT_EQ(fields->at("date"), "");
}

TEST(ParseUrlEncoded, EmptyPiecesAreSkipped) {
  auto fields = ParseUrlEncoded("&a=1&&b=2&");
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->size(), 2u);
  EXPECT_EQ(fields->at("a"), "1");
  EXPECT_EQ(fields->at("b"), "2");
}

TEST(ParseUrlEncoded, EmptyInputIsNoFields) {
  auto fields = ParseUrlEncoded("");
  ASSERT_TRUE(fields.ok());
  EXPECT_TRUE(fields->empty());
}

TEST(ParseUrlEncoded, DuplicateNameKeepsTheFirstValue) {
  auto fields = ParseUrlEncoded("text=first&text=second&te%78t=third");
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->size(), 1u);
  EXPECT_EQ(fields->at("text"), "first");
}

TEST(ParseUrlEncoded, OnlyTheFirstEqualsSplits) {
  auto fields = ParseUrlEncoded("text=a=b");
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->at("text"), "a=b");
}

TEST(ParseUrlEncoded, PercentEncodedUtf8DecodesToItsBytes) {
  // "Jalan rusak, tolong 🙏" and "é" percent-encoded as UTF-8.
  auto fields =
      ParseUrlEncoded("text=Jalan+rusak%2C+tolong+%F0%9F%99%8F&name=Ren%C3%A9&kota=%E6%9D%B1");
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->at("text"), "Jalan rusak, tolong \xF0\x9F\x99\x8F");
  EXPECT_EQ(fields->at("name"), "Ren\xC3\xA9");
  EXPECT_EQ(fields->at("kota"), "\xE6\x9D\xB1");
}

TEST(ParseUrlEncoded, LookupWorksWithStringView) {
  auto fields = ParseUrlEncoded("from=1");
  ASSERT_TRUE(fields.ok());
  const std::string_view key = "from";
  EXPECT_NE(fields->find(key), fields->end());
}

// Runs between escapes are copied whole: escapes at either end, back to back, or none at all.
TEST(PercentDecode, DecodesEscapesWhereverTheySitAndCopiesTheRest) {
  EXPECT_EQ(PercentDecode("", true), "");
  EXPECT_EQ(PercentDecode("1*1*2", true), "1*1*2");
  EXPECT_EQ(PercentDecode("%2A1%2A%2A", true), "*1**");
  EXPECT_EQ(PercentDecode("Jalan+rusak%21+", true), "Jalan rusak! ");
  EXPECT_EQ(PercentDecode("a+b%2Bc", false), "a+b+c");
  EXPECT_EQ(PercentDecode("%E2%82%AC", false), "\xE2\x82\xAC");
  for (std::string_view bad : {"%", "a%", "a%4", "%4G", "ab%G4cd", "+%"}) {
    EXPECT_EQ(PercentDecode(bad, true), std::nullopt) << bad;
  }
}

TEST(SplitTarget, SplitsAtTheFirstQuestionMark) {
  const auto [path, query] = SplitTarget("/webhooks/kannel/sms?from=%2B62&text=a?b");
  EXPECT_EQ(path, "/webhooks/kannel/sms");
  EXPECT_EQ(query, "from=%2B62&text=a?b");
}

TEST(SplitTarget, NoQuestionMarkMeansEmptyQuery) {
  const auto [path, query] = SplitTarget("/healthz");
  EXPECT_EQ(path, "/healthz");
  EXPECT_EQ(query, "");
}

TEST(SplitTarget, TrailingQuestionMarkMeansEmptyQuery) {
  const auto [path, query] = SplitTarget("/healthz?");
  EXPECT_EQ(path, "/healthz");
  EXPECT_EQ(query, "");
}

TEST(ParseHttpUrl, SplitsHostPortAndTarget) {
  auto url = ParseHttpUrl("http://127.0.0.1:13013/cgi-bin/sendsms?x=1");
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, "13013");
  EXPECT_EQ(url->target, "/cgi-bin/sendsms?x=1");

  url = ParseHttpUrl("http://kannel");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "kannel");
  EXPECT_EQ(url->port, "80");
  EXPECT_EQ(url->target, "/");

  url = ParseHttpUrl("http://[::1]:8080?a=b#frag");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, "8080");
  EXPECT_EQ(url->target, "/?a=b");
  EXPECT_FALSE(url->tls);
}

TEST(ParseHttpUrl, HttpsIsTlsOnPort443) {
  auto url = ParseHttpUrl("https://api.africastalking.com/version1/messaging");
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_TRUE(url->tls);
  EXPECT_EQ(url->host, "api.africastalking.com");
  EXPECT_EQ(url->port, "443");
  EXPECT_EQ(url->target, "/version1/messaging");
  url = ParseHttpUrl("https://127.0.0.1:8443/x");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->port, "8443");
}

TEST(ParseHttpUrl, RefusesWhatItCannotCall) {
  for (const char* bad :
       {"ftp://kannel/cgi-bin/sendsms", "kannel:13013/x", "httpss://kannel/", "http://",
        "http://:80/x", "http://user:pw@kannel/x", "http://kannel:0/", "http://kannel:65536/",
        "http://kannel:8o/", "http://[::1/x", "http://kannel/a b"}) {
    auto url = ParseHttpUrl(bad);
    ASSERT_FALSE(url.ok()) << bad;
    EXPECT_EQ(url.error().code, Errc::kBadRequest) << bad;
  }
}

}  // namespace
}  // namespace lapor::text
