#include "channels/africastalking/ussd.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "dialog/ussd_state.hpp"
#include "support/default_screens.hpp"
#include "unit/channels/provider_fixture.hpp"

// Africa's Talking USSD callbacks (tests/fixtures/africastalking/, see its README) through the
// parser the route uses: text::ParseUrlEncoded, then ParseUssd.

namespace lapor::channels::africastalking {
namespace {

using test::ProviderFixtureFields;
using test::ReadProviderFixture;
using test::WithRawField;

const std::string kSessionId = "ATUid_3f9c1b7e52d04a8c9e61f0b2a7d4c815";
const std::string kMsisdn = "+6281234567890";
const std::vector<std::string> kServed = {"*1708#"};

// The session's requests in order: file, the cumulative text after cleaning, the newest input.
struct Step {
  std::string file;
  std::string text;
  std::string newest;
};

const std::vector<Step>& Session() {
  static const std::string kLocation = "Jl. Raya Bogor KM 43, depan Indomaret";
  // The '*' in "2*3" was typed by the citizen inside the answer.
  static const std::string kDetails =
      "Jalan ambles, lubangnya 2*3 meter, sudah 3 minggu belum diperbaiki";
  static const std::string kUpToKecamatan = "1*1*3*2*7";
  static const std::vector<Step> steps = {
      {"session-01-dial.form", "", ""},
      {"session-02-menu-lapor.form", "1", "1"},
      {"session-03-type-pengaduan.form", "1*1", "1"},
      {"session-04-category-infrastruktur.form", "1*1*3", "3"},
      {"session-05-subcategory.form", "1*1*3*2", "2"},
      {"session-06-kecamatan-cibinong.form", kUpToKecamatan, "7"},
      {"session-07-location.form", kUpToKecamatan + "*" + kLocation, kLocation},
      {"session-08-details.form", kUpToKecamatan + "*" + kLocation + "*" + kDetails, kDetails},
      {"session-09-identity-biasa.form", kUpToKecamatan + "*" + kLocation + "*" + kDetails + "*1",
       "1"},
      {"session-10-confirm-kirim.form", kUpToKecamatan + "*" + kLocation + "*" + kDetails + "*1*1",
       "1"},
  };
  return steps;
}

// The dedupe id ParseUssd promises to keep stable across instances and restarts: sessionId,
// ':', then FNV-1a 64 of "<E.164>\n<cleaned text>" in 16 hex digits.
std::string ExpectedMessageId(const std::string& session_id, const std::string& msisdn,
                              const std::string& text) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : msisdn + "\n" + text) {
    h = (h ^ c) * 1099511628211ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return session_id + ":" + hex;
}

Result<InboundMessage> ParseBody(const std::string& body,
                                 const std::vector<std::string>& served = kServed) {
  auto form = text::ParseUrlEncoded(body);
  if (!form) {
    return form.error();
  }
  return ParseUssd(*form, served);
}

Result<InboundMessage> ParseFixture(const std::string& file,
                                    const std::vector<std::string>& served = kServed) {
  return ParseUssd(ProviderFixtureFields("africastalking/" + file), served);
}

// Every field of one step of the fixtures' session.
void ExpectStep(const Result<InboundMessage>& message, const Step& step) {
  ASSERT_TRUE(message.ok()) << step.file << ": " << message.error().message;
  EXPECT_EQ(message->provider, "at-ussd") << step.file;
  EXPECT_EQ(message->channel, dialog::Channel::kUssd) << step.file;
  EXPECT_EQ(message->msisdn, kMsisdn) << step.file;
  EXPECT_EQ(message->text, step.text) << step.file;
  EXPECT_EQ(message->message_id, ExpectedMessageId(kSessionId, kMsisdn, step.text)) << step.file;
  EXPECT_EQ(message->ussd_session_id, kSessionId) << step.file;
  EXPECT_EQ(message->newest_input, &NewestUssdInput) << step.file;
}

// A refusal with kBadRequest whose message names `field`.
void ExpectRefused(const Result<InboundMessage>& message, const std::string& field,
                   const std::string& what) {
  ASSERT_FALSE(message.ok()) << what;
  EXPECT_EQ(message.error().code, Errc::kBadRequest) << what << ": " << message.error().message;
  EXPECT_NE(message.error().message.find(field), std::string::npos)
      << what << ": \"" << message.error().message << "\" does not name " << field;
}

TEST(AfricasTalkingUssd, DialStartsTheSessionWithEmptyText) {
  const Step& dial = Session().front();
  auto message = ParseFixture(dial.file);
  ExpectStep(message, dial);
  ASSERT_TRUE(message.ok());
  EXPECT_EQ(message->NewestInput(""), "");
}

TEST(AfricasTalkingUssd, WholeSessionYieldsEachStepsNewestInputOnly) {
  // As the conversation does: each step's newest input given the previous step's text.
  std::string previous;
  for (const Step& step : Session()) {
    auto message = ParseFixture(step.file);
    ExpectStep(message, step);
    if (!message.ok()) {
      continue;
    }
    EXPECT_EQ(message->NewestInput(previous), step.newest) << step.file;
    previous = dialog::UssdTextMark(message->text);
  }
}

TEST(AfricasTalkingUssd, StarTypedInsideAnAnswerIsKeptOnlyWhenThePreviousStepIsKnown) {
  const Step& location = Session()[6];
  const Step& details = Session()[7];
  auto message = ParseFixture(details.file);
  ASSERT_TRUE(message.ok());
  EXPECT_EQ(message->NewestInput(dialog::UssdTextMark(location.text)), details.newest);
  // A previous text this one does not extend: only the part after the last '*' is left.
  EXPECT_EQ(message->NewestInput(dialog::UssdTextMark("1*2")),
            "3 meter, sudah 3 minggu belum diperbaiki");
  // Nor is a mark of a text of the same length that is not this one's start.
  std::string other(location.text.size(), 'x');
  EXPECT_EQ(message->NewestInput(dialog::UssdTextMark(other)),
            "3 meter, sudah 3 minggu belum diperbaiki");
}

// BUG, found while writing these tests and not fixed here (server/ is out of this change's
// scope): ParseUssd cleans every '*'-separated piece on its own, so it also trims the spaces
// next to a '*' the citizen typed inside a free-text answer. "ambles *parah*, sudah" reaches
// the dialog, and the filed report, as "ambles*parah*, sudah". NewestUssdInput promises that a
// typed '*' survives; the words around it should too. Enable once ParseUssd trims only the
// ends of each input the telco separated, or cleans the newest input as a whole.
TEST(AfricasTalkingUssd, SpacesAroundAStarTypedInsideAnAnswerSurvive) {
  const Step& location = Session()[6];
  const std::string body = ReadProviderFixture("africastalking/" + Session()[7].file);
  const std::string typed = "Jalan ambles *parah*, sudah 3 minggu";
  auto message =
      ParseBody(WithRawField(body, "text",
                             "1%2A1%2A3%2A2%2A7%2AJl.+Raya+Bogor+KM+43%2C+depan+Indomaret%2A"
                             "Jalan+ambles+%2Aparah%2A%2C+sudah+3+minggu"));
  ASSERT_TRUE(message.ok()) << message.error().message;
  EXPECT_EQ(message->NewestInput(dialog::UssdTextMark(location.text)), typed);
}

TEST(AfricasTalkingUssd, EachStepHasItsOwnMessageIdAndARetryKeepsIt) {
  std::set<std::string> ids;
  for (const Step& step : Session()) {
    auto first = ParseFixture(step.file);
    auto retry = ParseFixture(step.file);
    ASSERT_TRUE(first.ok() && retry.ok()) << step.file;
    EXPECT_EQ(first->message_id, retry->message_id) << step.file;
    EXPECT_TRUE(ids.insert(first->message_id).second) << step.file;
  }
}

TEST(AfricasTalkingUssd, SameSessionIdFromAnotherPhoneGetsAnotherMessageId) {
  const std::string body = ReadProviderFixture("africastalking/session-02-menu-lapor.form");
  auto mine = ParseBody(body);
  auto other = ParseBody(WithRawField(body, "phoneNumber", "%2B6285712345678"));
  ASSERT_TRUE(mine.ok() && other.ok());
  EXPECT_EQ(other->msisdn, "+6285712345678");
  EXPECT_EQ(other->ussd_session_id, mine->ussd_session_id);
  EXPECT_NE(other->message_id, mine->message_id);
}

TEST(AfricasTalkingUssd, NetworkCodeIsNotNeeded) {
  const Step& step = Session()[1];
  const std::string body = ReadProviderFixture("africastalking/" + step.file);
  ExpectStep(ParseBody(WithRawField(body, "networkCode", nullptr)), step);
  ExpectStep(ParseBody(WithRawField(body, "networkCode", "99999")), step);
}

TEST(AfricasTalkingUssd, PhoneNumberWithAnUnencodedPlusStillReadsAsE164) {
  // Form decoding makes a bare '+' a space; the space is ignored and 62 read as the country.
  const Step& step = Session()[1];
  const std::string body = ReadProviderFixture("africastalking/" + step.file);
  ExpectStep(ParseBody(WithRawField(body, "phoneNumber", "+6281234567890")), step);
}

TEST(AfricasTalkingUssd, ServiceCodeIsCheckedOnlyWhenCodesAreConfigured) {
  const Step& dial = Session().front();
  ExpectStep(ParseFixture(dial.file, {}), dial);
  ExpectStep(ParseFixture(dial.file, {"*123#", "*1708#"}), dial);
  ExpectRefused(ParseFixture(dial.file, {"*123#"}), "serviceCode", "another code configured");
}

TEST(AfricasTalkingUssd, ServiceCodeNotServedHereIsABadRequest) {
  const std::string body = ReadProviderFixture("africastalking/session-01-dial.form");
  const std::pair<const char*, const char*> cases[] = {
      {"another code", "%2A123%23"},       {"no '#'", "%2A1708"},
      {"a longer code", "%2A1708%2A1%23"}, {"empty", ""},
      {"trailing space", "%2A1708%23+"},
  };
  for (const auto& [what, code] : cases) {
    ExpectRefused(ParseBody(WithRawField(body, "serviceCode", code)), "serviceCode", what);
  }
  ExpectRefused(ParseBody(WithRawField(body, "serviceCode", nullptr)), "serviceCode",
                "no serviceCode");
}

TEST(AfricasTalkingUssd, EachMissingFieldIsABadRequestNamingIt) {
  const std::string body = ReadProviderFixture("africastalking/session-03-type-pengaduan.form");
  for (const char* field : {"sessionId", "phoneNumber", "text"}) {
    ExpectRefused(ParseBody(WithRawField(body, field, nullptr)), field,
                  std::string("without ") + field);
  }
  ExpectRefused(ParseBody(""), "sessionId", "empty body");
}

TEST(AfricasTalkingUssd, PhoneNumberThatIsNoPhoneNumberIsABadRequestThatDoesNotRepeatIt) {
  const std::string body = ReadProviderFixture("africastalking/session-02-menu-lapor.form");
  const std::pair<const char*, const char*> cases[] = {
      {"empty", ""},
      {"country code only", "%2B62"},
      {"withheld", "anonymous"},
      {"a second +", "%2B62812%2B34567890"},
      {"too long", "%2B62812345678901234"},
      {"letters inside", "%2B6281234567x90"},
  };
  for (const auto& [what, phone] : cases) {
    auto message = ParseBody(WithRawField(body, "phoneNumber", phone));
    ExpectRefused(message, "phoneNumber", what);
    if (!message.ok()) {
      EXPECT_EQ(message.error().message.find("62812"), std::string::npos) << what;
    }
  }
}

TEST(AfricasTalkingUssd, TextThatIsNotUtf8IsABadRequestNamingText) {
  const std::string body = ReadProviderFixture("africastalking/session-07-location.form");
  const std::pair<const char*, const char*> cases[] = {
      {"a stray 0xFF", "1%2A1%2A%FF"},
      {"0xFF in a typed answer", "1%2A1%2A3%2A2%2A7%2AJl.+Mawar%FF"},
      {"a Latin-1 e-acute", "1%2Acaf%E9"},
      {"a UTF-16 surrogate", "%ED%A0%80"},
      {"an overlong '*'", "1%C0%AA1"},
  };
  for (const auto& [what, text] : cases) {
    ExpectRefused(ParseBody(WithRawField(body, "text", text)), "text", what);
  }
}

TEST(AfricasTalkingUssd, BadPercentEscapeIsABadRequestNamingTheField) {
  const std::string body = ReadProviderFixture("africastalking/session-02-menu-lapor.form");
  ExpectRefused(ParseBody(WithRawField(body, "text", "100%")), "text", "bare %");
  ExpectRefused(ParseBody(WithRawField(body, "sessionId", "ATUid_%G1")), "sessionId", "%G1");
}

TEST(AfricasTalkingUssd, SessionIdMustBeAProviderIdOfAtMost128Characters) {
  const std::string body = ReadProviderFixture("africastalking/session-02-menu-lapor.form");
  const std::string longest = "ATUid_" + std::string(122, 'f');
  auto message = ParseBody(WithRawField(body, "sessionId", longest.c_str()));
  ASSERT_TRUE(message.ok()) << message.error().message;
  EXPECT_EQ(message->ussd_session_id, longest);
  EXPECT_EQ(message->message_id, ExpectedMessageId(longest, kMsisdn, "1"));

  const std::string too_long = longest + "f";
  const std::pair<std::string, std::string> cases[] = {
      {"129 characters", too_long},
      {"empty", ""},
      {"a Redis hash tag", "ATUid_%7Bl1708%7D"},
      {"a space", "ATUid_3f9c+1b7e"},
      {"a line break", "ATUid_3f9c%0D%0AFLUSHALL"},
      {"a path", "..%2FATUid_3f9c"},
      {"a '*' (Redis glob)", "ATUid_*"},
      {"a NUL", "ATUid_3f9c%00"},
      {"non-ASCII", "ATUid_3f9c%C3%A9"},
  };
  for (const auto& [what, id] : cases) {
    ExpectRefused(ParseBody(WithRawField(body, "sessionId", id.c_str())), "sessionId", what);
  }
}

TEST(AfricasTalkingUssd, RepeatedFieldKeepsTheFirstValue) {
  const Step& step = Session()[2];
  const std::string body = ReadProviderFixture("africastalking/" + step.file);
  ExpectStep(ParseBody(body + "&text=9&phoneNumber=%2B6285712345678&sessionId=ATUid_other"), step);
}

TEST(AfricasTalkingUssd, OngoingScreenIsSentAfterCon) {
  ProviderReply reply = RenderUssdReply({.text = test::screen::kMainId});
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(reply.body, "CON " + test::screen::kMainId);
  EXPECT_TRUE(reply.headers.empty());
}

TEST(AfricasTalkingUssd, LastScreenIsSentAfterEnd) {
  const std::string text = "Laporan terkirim. Nomor: 1708-0042. Nomor juga dikirim lewat SMS.";
  ProviderReply reply = RenderUssdReply({.text = text, .end = true});
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "END " + text);
}

TEST(AfricasTalkingUssd, BusyScreenEndsTheSessionEvenIfTheDialogWentOn) {
  const std::string text = "Layanan sedang sibuk. Silakan coba lagi nanti.";
  EXPECT_EQ(RenderUssdReply({.text = text, .end = false, .busy = true}).body, "END " + text);
  EXPECT_EQ(RenderUssdReply({.text = text, .end = true, .busy = true}).body, "END " + text);
}

TEST(AfricasTalkingUssd, EmptyScreenStillCarriesItsPrefix) {
  EXPECT_EQ(RenderUssdReply({.text = ""}).body, "CON ");
  EXPECT_EQ(RenderUssdReply({.text = "", .end = true}).body, "END ");
}

}  // namespace
}  // namespace lapor::channels::africastalking
