#include "channels/kannel/sendsms.hpp"

#include <gtest/gtest.h>

#include <string>

#include "channels/outbound.hpp"
#include "text/url_encoding.hpp"

namespace lapor::channels::kannel {
namespace {

SendSmsAccount Account() {
  return SendSmsAccount{.sendsms_url = "http://127.0.0.1:13013/cgi-bin/sendsms",
                        .username = "lapor",
                        .password = "s3cret&x",
                        .from = "1708",
                        .dlr_url = "http://127.0.0.1:8080/webhooks/kannel/dlr"};
}

// The query of `url`, decoded.
text::FormFields Query(const std::string& url) {
  auto [path, query] = text::SplitTarget(url);
  (void)path;
  auto fields = text::ParseUrlEncoded(query);
  EXPECT_TRUE(fields.ok()) << fields.error().message;
  return fields.ok() ? *fields : text::FormFields{};
}

TEST(SendSmsUrl, GsmTextIsSentAsIsWithEveryValueEncoded) {
  std::string url = SendSmsUrl(Account(), "42", "+6281234567890", "Laporan 1708-0042 diterima.");
  EXPECT_EQ(url,
            "http://127.0.0.1:13013/cgi-bin/sendsms?username=lapor&password=s3cret%26x&from=1708"
            "&to=%2B6281234567890&text=Laporan%201708-0042%20diterima."
            "&dlr-mask=31&dlr-url=http%3A%2F%2F127.0.0.1%3A8080%2Fwebhooks%2Fkannel%2Fdlr%3Fid%3D42"
            "%26status%3D%25d");
}

TEST(SendSmsUrl, KannelDecodesTheDlrUrlBackWithOurIdAndItsPlaceholder) {
  auto q = Query(SendSmsUrl(Account(), "42", "+6281234567890", "ok"));
  EXPECT_EQ(q.at("dlr-url"), "http://127.0.0.1:8080/webhooks/kannel/dlr?id=42&status=%d");
  EXPECT_EQ(q.at("dlr-mask"), "31");
  EXPECT_EQ(q.at("password"), "s3cret&x");
  EXPECT_EQ(q.at("to"), "+6281234567890");
}

TEST(SendSmsUrl, DlrUrlWithAQueryGetsOurFieldsAppended) {
  SendSmsAccount account = Account();
  account.dlr_url = "http://gw.example/dlr?secret=abc";
  auto q = Query(SendSmsUrl(account, "7", "+628", "ok"));
  EXPECT_EQ(q.at("dlr-url"), "http://gw.example/dlr?secret=abc&id=7&status=%d");
}

TEST(SendSmsUrl, TheDlrUrlCarriesTheSecretAsTheGetUrlDoes) {
  SendSmsAccount account = Account();
  account.secret = "Kx9-kannel_secret.2026";
  auto q = Query(SendSmsUrl(account, "42", "+628", "ok"));
  // Kannel decodes the dlr-url once and fills in %d: the secret comes back as configured.
  EXPECT_EQ(
      q.at("dlr-url"),
      "http://127.0.0.1:8080/webhooks/kannel/dlr?id=42&status=%d&secret=Kx9-kannel_secret.2026");
}

TEST(SendSmsUrl, TextOutsideGsm7IsSentAsUcs2FromUtf8) {
  const std::string text = "Jalan rusak \xF0\x9F\x98\xA1";  // the angry face emoji
  std::string url = SendSmsUrl(Account(), "1", "+628", text);
  EXPECT_NE(url.find("&text=Jalan%20rusak%20%F0%9F%98%A1&"), std::string::npos) << url;
  auto q = Query(url);
  EXPECT_EQ(q.at("text"), text);
  EXPECT_EQ(q.at("coding"), "2");
  EXPECT_EQ(q.at("charset"), "UTF-8");
}

TEST(SendSmsUrl, GsmExtensionAndAccentedGsmLettersStaySevenBit) {
  for (const std::string text : {"Biaya 5\xE2\x82\xAC [info]", "caf\xC3\xA9 \xC3\xA0 \xC3\xBC"}) {
    auto q = Query(SendSmsUrl(Account(), "1", "+628", text));
    EXPECT_EQ(q.count("coding"), 0u) << text;
    EXPECT_EQ(q.count("charset"), 0u) << text;
    EXPECT_EQ(q.at("text"), text);
  }
}

TEST(SendSmsUrl, CharactersNotInGsm7NeedUcs2) {
  // c-cedilla lower case and the backtick are not in the GSM 03.38 tables.
  for (const std::string text : {"Gar\xC3\xA7on", "a`b", "\xE4\xBD\xA0\xE5\xA5\xBD"}) {
    auto q = Query(SendSmsUrl(Account(), "1", "+628", text));
    EXPECT_EQ(q.count("coding"), 1u) << text;
  }
}

TEST(SendSmsUrl, EmptyFromAndDlrUrlAreLeftOut) {
  SendSmsAccount account = Account();
  account.from.clear();
  account.dlr_url.clear();
  std::string url = SendSmsUrl(account, "1", "+628", "hi");
  EXPECT_EQ(url,
            "http://127.0.0.1:13013/cgi-bin/sendsms?username=lapor&password=s3cret%26x&to=%2B628"
            "&text=hi");
}

TEST(SendSmsUrl, SendsmsUrlWithAQueryKeepsIt) {
  SendSmsAccount account = Account();
  account.sendsms_url = "http://kannel:13013/cgi-bin/sendsms?smsc=telkomsel";
  std::string url = SendSmsUrl(account, "1", "+628", "hi");
  EXPECT_EQ(url.rfind("http://kannel:13013/cgi-bin/sendsms?smsc=telkomsel&username=lapor&", 0), 0u)
      << url;
}

TEST(SendSmsAccepted, AnyTwoHundredIsSuccess) {
  EXPECT_TRUE(SendSmsAccepted(202));
  EXPECT_TRUE(SendSmsAccepted(200));
  EXPECT_TRUE(SendSmsAccepted(299));
  EXPECT_FALSE(SendSmsAccepted(199));
  EXPECT_FALSE(SendSmsAccepted(300));
  EXPECT_FALSE(SendSmsAccepted(403));
  EXPECT_FALSE(SendSmsAccepted(503));
  EXPECT_FALSE(SendSmsAccepted(0));
}

TEST(RefusalText, NamesTheStatusAndTheFirstLineOfTheBody) {
  EXPECT_EQ(RefusalText(503, "Temporal failure, try again later.\n"),
            "HTTP 503: Temporal failure, try again later.");
  EXPECT_EQ(RefusalText(403, "Authorization failed for sendsms\r\nmore"),
            "HTTP 403: Authorization failed for sendsms");
  EXPECT_EQ(RefusalText(500, ""), "HTTP 500");
  EXPECT_EQ(RefusalText(502, std::string(1000, 'x')), "HTTP 502: " + std::string(200, 'x'));
}

TEST(UrlEncode, KeepsUnreservedAndEncodesEverythingElse) {
  EXPECT_EQ(text::UrlEncode("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(text::UrlEncode("a b+c&d=e%f/g?h#"), "a%20b%2Bc%26d%3De%25f%2Fg%3Fh%23");
  EXPECT_EQ(text::UrlEncode("\xC3\xA9"), "%C3%A9");
  EXPECT_EQ(text::UrlEncode(std::string("\0\n", 2)), "%00%0A");
  EXPECT_EQ(text::UrlEncode(""), "");
}

}  // namespace
}  // namespace lapor::channels::kannel
