#include "channels/kannel/sms.hpp"

#include <gtest/gtest.h>

#include <string>

#include "channels/webhook_auth.hpp"
#include "text/sms_segments.hpp"
#include "unit/channels/provider_fixture.hpp"

// Kannel's get-url calls (tests/fixtures/kannel/, see its README) through the parser the route
// uses: text::ParseUrlEncoded, then ParseSms.

namespace lapor::channels::kannel {
namespace {

using test::ProviderFixtureFields;
using test::ReadProviderFixture;
using test::WithRawField;

constexpr const char* kSecret = "l4por-s3cret";

// The route's gate (CheckQueryToken on the query's secret), then ParseSms, on fields.
Result<InboundMessage> GateThenParse(const Fields& fields, const std::string& secret) {
  if (auto allowed = CheckQueryToken(fields, "secret", secret); !allowed) {
    return allowed.error();
  }
  return ParseSms(fields);
}

// ParseSms on a raw query string, as the route runs it (a bad %-escape fails before ParseSms).
Result<InboundMessage> ParseQuery(const std::string& query, const std::string& secret = "") {
  auto fields = text::ParseUrlEncoded(query);
  if (!fields) {
    return fields.error();
  }
  return GateThenParse(*fields, secret);
}

Result<InboundMessage> ParseFixture(const std::string& name, const std::string& secret = "") {
  return GateThenParse(ProviderFixtureFields("kannel/" + name), secret);
}

// Every field of an SMS from Kannel: it needs no earlier step to know its newest input.
void ExpectSms(const Result<InboundMessage>& message, const std::string& msisdn,
               const std::string& text, const std::string& message_id) {
  ASSERT_TRUE(message.ok()) << message.error().message;
  EXPECT_EQ(message->provider, "kannel");
  EXPECT_EQ(message->channel, dialog::Channel::kSms);
  EXPECT_EQ(message->msisdn, msisdn);
  EXPECT_EQ(message->text, text);
  EXPECT_EQ(message->message_id, message_id);
  EXPECT_EQ(message->ussd_session_id, "");
  EXPECT_EQ(message->newest_input, nullptr);
  EXPECT_EQ(message->NewestInput(""), text);
  EXPECT_EQ(message->NewestInput("LAPOR"), text);
}

// A refusal with `code` whose message names `field`.
void ExpectRefused(const Result<InboundMessage>& message, Errc code, const std::string& field,
                   const std::string& what) {
  ASSERT_FALSE(message.ok()) << what;
  EXPECT_EQ(message.error().code, code) << what << ": " << message.error().message;
  EXPECT_NE(message.error().message.find(field), std::string::npos)
      << what << ": \"" << message.error().message << "\" does not name " << field;
}

TEST(KannelSms, IndonesianTextArrivesDecodedWithTheSpacesKannelSqueezed) {
  // Typed with three spaces after "Jalan"; %a joins the words with one '+'.
  ExpectSms(ParseFixture("sms-indonesian-text.query"), "+6281234567890",
            "Jalan rusak di depan Pasar Minggu, mohon segera diperbaiki!",
            "f51f7547-34c4-4ac1-b4d2-759d2eda0a5f");
}

TEST(KannelSms, UnicodeMoRecodedByKannelKeepsItsCharacterOutsideGsm7) {
  const std::string text = "Lampu jalan mati \xF0\x9F\x98\xA1";  // U+1F621 pouting face
  ExpectSms(ParseFixture("sms-mo-recode-utf8.query"), "+6281311112222", text,
            "3275f541-4770-4ee1-b75c-180464225f85");
  EXPECT_FALSE(text::IsGsm7(text));
}

TEST(KannelSms, ConcatenatedMoArrivesAsOneMessageWithTheWholeText) {
  const std::string text =
      "Selamat siang. Saya ingin melaporkan jalan berlubang besar di Jl. Raya Bogor KM 27 dekat "
      "halte Pasar Rebo. Sudah 3 minggu tidak diperbaiki dan sudah ada 2 pengendara motor yang "
      "jatuh. Mohon segera ditindaklanjuti oleh Dinas PU. Terima kasih.";
  ExpectSms(ParseFixture("sms-concatenated.query"), "+6281234567890", text,
            "fb81c571-d9c4-453d-8239-fea29eb55400");
  EXPECT_EQ(text::CountSegments(text).segments, 2u);
}

TEST(KannelSms, UnifiedPrefixAndNationalSenderGiveTheSameCitizen) {
  // The same phone, 081298765432: with config/kannel.conf's unified-prefix Kannel sends
  // +6281298765432; without it, the national form.
  ExpectSms(ParseFixture("sms-from-plus62.query"), "+6281298765432", "LAPOR",
            "28de5995-f6b4-4aea-a47a-fdaf49d350bb");
  ExpectSms(ParseFixture("sms-from-0812.query"), "+6281298765432", "Lapor",
            "ab0dc278-035c-4ebb-9c2d-288479d3078f");
}

TEST(KannelSms, ReservedCharactersInTheTextCannotChangeOtherFields) {
  // The text holds & = + % # ?, which Kannel encodes, so they stay inside `text`.
  ExpectSms(ParseFixture("sms-reserved-characters.query"), "+6281234567890",
            "Harga naik 50% & 'parah' (sekali) *~#@/?=+ ;:\"<>[]",
            "d7d7069f-7700-4a3c-b89a-5db84a273eb0");
}

TEST(KannelSms, TheConfiguredSecretLetsTheRequestIn) {
  ExpectSms(ParseFixture("sms-with-secret.query", kSecret), "+6285712345678", "Cek 1708-0042",
            "f152f623-ab28-459b-a78a-3b401fb533c8");
}

TEST(KannelSms, WithoutAConfiguredSecretAnySecretFieldIsIgnored) {
  ExpectSms(ParseFixture("sms-with-secret.query"), "+6285712345678", "Cek 1708-0042",
            "f152f623-ab28-459b-a78a-3b401fb533c8");
}

TEST(KannelSms, MissingOrWrongSecretIsForbiddenAndNotEchoed) {
  const std::string query = ReadProviderFixture("kannel/sms-with-secret.query");
  const std::pair<std::string, std::string> cases[] = {
      {"no secret field", WithRawField(query, "secret", nullptr)},
      {"empty", WithRawField(query, "secret", "")},
      {"one letter off", WithRawField(query, "secret", "l4por-s3creT")},
      {"a prefix", WithRawField(query, "secret", "l4por")},
      {"longer", WithRawField(query, "secret", "l4por-s3cret0")},
      {"trailing NUL", WithRawField(query, "secret", "l4por-s3cret%00")},
      {"guessed", WithRawField(query, "secret", "hunter2-guess")},
  };
  for (const auto& [what, bad] : cases) {
    auto message = ParseQuery(bad, kSecret);
    ExpectRefused(message, Errc::kForbidden, "secret", what);
    if (!message.ok()) {
      EXPECT_EQ(message.error().message.find("hunter2"), std::string::npos) << what;
      EXPECT_EQ(message.error().message.find(kSecret), std::string::npos) << what;
    }
  }
}

TEST(KannelSms, TheSecretIsCheckedBeforeAnythingElse) {
  // A request without the secret learns nothing about what else is wrong with it.
  auto message = ParseQuery("text=%FF", kSecret);
  ExpectRefused(message, Errc::kForbidden, "secret", "only a bad text");
}

TEST(KannelSms, EachMissingFieldIsABadRequestNamingIt) {
  const std::string query = ReadProviderFixture("kannel/sms-indonesian-text.query");
  for (const char* field : {"from", "text", "id"}) {
    ExpectRefused(ParseQuery(WithRawField(query, field, nullptr)), Errc::kBadRequest, field,
                  std::string("without ") + field);
  }
  ExpectRefused(ParseQuery(""), Errc::kBadRequest, "from", "empty query");
}

TEST(KannelSms, TheReceiverIsNotNeeded) {
  // `to` (%P, our short code) is sent but not used: one sms-service serves one short code.
  const std::string query = ReadProviderFixture("kannel/sms-from-plus62.query");
  ExpectSms(ParseQuery(WithRawField(query, "to", nullptr)), "+6281298765432", "LAPOR",
            "28de5995-f6b4-4aea-a47a-fdaf49d350bb");
}

TEST(KannelSms, SenderThatIsNoPhoneNumberIsABadRequestThatDoesNotRepeatIt) {
  const std::string query = ReadProviderFixture("kannel/sms-from-plus62.query");
  const std::pair<const char*, const char*> cases[] = {
      {"alphanumeric sender (an operator's promo)", "TELKOMSEL"},
      {"empty", ""},
      {"country code only", "%2B62"},
      {"too short", "0812345"},
      {"too long", "%2B62812345678901234"},
      {"a second +", "%2B62812%2B34567890"},
      {"letters inside", "%2B62812345678x0"},
      {"a '+' Kannel did not encode, then letters", "+62abc"},
  };
  for (const auto& [what, from] : cases) {
    auto message = ParseQuery(WithRawField(query, "from", from));
    ExpectRefused(message, Errc::kBadRequest, "from", what);
    if (!message.ok()) {
      EXPECT_EQ(message.error().message.find("62812"), std::string::npos) << what;
    }
  }
}

TEST(KannelSms, TextThatIsNotUtf8IsABadRequestNamingTextAndMoRecode) {
  // smsbox with mo-recode off hands a UCS-2 MO over as raw UTF-16BE bytes.
  ExpectRefused(ParseFixture("sms-mo-recode-off.query"), Errc::kBadRequest, "text",
                "UTF-16 with mo-recode = false");
  auto message = ParseFixture("sms-mo-recode-off.query");
  if (!message.ok()) {
    EXPECT_NE(message.error().message.find("mo-recode"), std::string::npos);
  }
  const std::string query = ReadProviderFixture("kannel/sms-indonesian-text.query");
  const std::pair<const char*, const char*> cases[] = {
      {"a stray 0xFF", "LAPOR%FF"},        {"a Latin-1 e-acute", "caf%E9"},
      {"an overlong '/'", "%C0%AF"},       {"a UTF-16 surrogate", "%ED%A0%80"},
      {"a cut 3-byte sequence", "%E2%82"},
  };
  for (const auto& [what, text] : cases) {
    ExpectRefused(ParseQuery(WithRawField(query, "text", text)), Errc::kBadRequest, "text", what);
  }
}

TEST(KannelSms, BadPercentEscapeIsABadRequestNamingTheField) {
  const std::string query = ReadProviderFixture("kannel/sms-indonesian-text.query");
  // A '%' that no encoder wrote: Kannel sends a typed '%' as %25.
  ExpectRefused(ParseQuery(WithRawField(query, "text", "naik+50%")), Errc::kBadRequest, "text",
                "bare %");
  ExpectRefused(ParseQuery(WithRawField(query, "text", "50%zz")), Errc::kBadRequest, "text", "%zz");
}

TEST(KannelSms, IdMustBeAProviderIdOfAtMost128Characters) {
  const std::string query = ReadProviderFixture("kannel/sms-indonesian-text.query");
  const std::string longest(128, 'a');
  auto message = ParseQuery(WithRawField(query, "id", longest.c_str()));
  ASSERT_TRUE(message.ok()) << message.error().message;
  EXPECT_EQ(message->message_id, longest);

  const std::string too_long(129, 'a');
  const std::pair<std::string, std::string> cases[] = {
      {"129 characters", too_long},
      {"empty", ""},
      {"a Redis hash tag", "f51f7547%7Bl1708%7D"},
      {"a space", "f51f7547+34c4"},
      {"a line break", "f51f7547%0D%0AFLUSHALL"},
      {"a path", "..%2Fx"},
      {"a NUL", "f51f7547%00"},
      {"a '*' (Redis glob)", "f51f7547*"},
  };
  for (const auto& [what, id] : cases) {
    ExpectRefused(ParseQuery(WithRawField(query, "id", id.c_str())), Errc::kBadRequest, "id", what);
  }
}

TEST(KannelSms, RepeatedFieldKeepsKannelsFirstValue) {
  // Kannel writes the get-url's fields first; anything appended after cannot replace them.
  const std::string query = ReadProviderFixture("kannel/sms-from-plus62.query");
  ExpectSms(ParseQuery(query + "&from=%2B6289999999999&id=other&text=BATAL"), "+6281298765432",
            "LAPOR", "28de5995-f6b4-4aea-a47a-fdaf49d350bb");
}

TEST(KannelSms, GsmReplyIsPlainTextWithoutCodingHeader) {
  for (const std::string text :
       {"Laporan Anda diterima. Nomor: 1708-0042. Cek status: kirim CEK 1708-0042 ke 1708.",
        "Biaya 5\xE2\x82\xAC [info] {ok}", "Jenis laporan:\n1. Pengaduan\n2. Aspirasi", ""}) {
    ProviderReply reply = RenderSmsReply({.text = text});
    EXPECT_EQ(reply.status, 200) << text;
    EXPECT_EQ(reply.content_type, "text/plain; charset=utf-8");
    EXPECT_EQ(reply.body, text);
    EXPECT_TRUE(reply.headers.empty()) << text;
  }
}

TEST(KannelSms, ReplyOutsideGsm7AsksKannelForUcs2) {
  // A summary that echoes the citizen's recoded MO (an emoji has no look-alike).
  auto mo = ParseFixture("sms-mo-recode-utf8.query");
  ASSERT_TRUE(mo.ok());
  for (const std::string& text : {"Ringkasan: " + mo->text + "\n1. Kirim\n2. Ubah"}) {
    ProviderReply reply = RenderSmsReply({.text = text});
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, text);
    ASSERT_EQ(reply.headers.size(), 1u) << text;
    EXPECT_EQ(reply.headers[0].first, "X-Kannel-Coding");
    EXPECT_EQ(reply.headers[0].second, "2");
  }
}

TEST(KannelSms, TypographicQuotesInAReplyBecomeGsm7LookAlikes) {
  ProviderReply reply = RenderSmsReply({.text = "\xE2\x80\x9CLapor\xE2\x80\x9D \xE2\x80\x93 ok"});
  EXPECT_EQ(reply.body, "\"Lapor\" - ok");
  EXPECT_TRUE(reply.headers.empty());
}

TEST(KannelSms, BusyAndFinalRepliesAreStill200) {
  // Kannel would send "Could not fetch content" for anything but 2xx.
  for (const DialogReply& dialog :
       {DialogReply{.text = "Layanan sedang sibuk. Coba lagi nanti.", .end = true, .busy = true},
        DialogReply{.text = "Terima kasih.", .end = true}}) {
    ProviderReply reply = RenderSmsReply(dialog);
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, dialog.text);
  }
}

}  // namespace
}  // namespace lapor::channels::kannel
