#pragma once

// Whole conversations through the HTTP webhooks against a real Redis, the fixture: a USSD call
// as Africa's Talking plays it, the server on its own key prefix, and what the tests read back.
#include <gtest/gtest.h>

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "cases/tracking_number.hpp"
#include "dialog/screen.hpp"
#include "dialog/ussd_state.hpp"
#include "support/default_screens.hpp"
#include "support/redis_process.hpp"
#include "support/redis_sync.hpp"
#include "support/test_server.hpp"

namespace lapor::test {

inline const std::string kHint = "Pilihan tidak dikenal.\n";

// The 9 digits of the first tracking number in a text, or "".
inline std::string TrackingNoIn(const std::string& text) {
  std::smatch match;
  static const std::regex kNineDigits("\\b([0-9]{9})\\b");
  return std::regex_search(text, match, kNineDigits) ? match[1].str() : "";
}

// One USSD session as Africa's Talking plays it: every input appended to the cumulative text.
class UssdCall {
 public:
  UssdCall(TestServer& server, std::string session_id, std::string phone)
      : server_(server), session_id_(std::move(session_id)), phone_(std::move(phone)) {}

  std::string Dial() {
    text_.clear();
    return Post();
  }
  std::string Send(const std::string& input) {
    text_ = text_.empty() ? input : text_ + "*" + input;
    return Post();
  }
  // The same request again, as a telco retry would send it.
  std::string Repeat() { return Post(); }
  const std::string& text() const { return text_; }

 private:
  std::string Post() {
    HttpReply reply = server_.Ussd(session_id_, phone_, text_);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.body;
  }

  TestServer& server_;
  std::string session_id_;
  std::string phone_;
  std::string text_;
};

class DialogHttp : public ::testing::Test {
 protected:
  DialogHttp() : server_(TestRedisUrl()), redis_(TestRedisUrl()) {}

  std::string Key(const std::string& rest) const { return server_.prefix() + rest; }
  std::string CaseKey(const std::string& tracking_no) const { return Key("case:" + tracking_no); }
  std::string UssdStateKey(const std::string& msisdn) const { return Key("ussd:{" + msisdn + "}"); }
  // The citizen's stored USSD state; nullopt when there is none (or it does not decode).
  std::optional<dialog::UssdState> StoredUssdState(const std::string& msisdn) {
    auto stored = redis_.Get(UssdStateKey(msisdn));
    return stored ? dialog::DecodeUssdState(*stored) : std::nullopt;
  }
  std::string SmsSessionKey(const std::string& msisdn) const {
    return Key("sess:{" + msisdn + "}:sms");
  }
  std::vector<std::string> CaseKeys() {
    std::vector<std::string> cases;
    for (const auto& key : redis_.Keys(Key("case:*"))) {
      if (!key.ends_with(":log")) {
        cases.push_back(key);
      }
    }
    return cases;
  }

  // Walks a USSD session from the dial to the place prompt: Pengaduan, Kesehatan, Puskesmas.
  void ToPlace(UssdCall& call) {
    call.Dial();
    call.Send("1");
    call.Send("1");
    ASSERT_EQ(call.Send("1"), "CON " + screen::kPlaceId);
  }
  // ... and on to the details: Kec. Koba.
  void ToDetails(UssdCall& call) {
    ToPlace(call);
    call.Send("koba");
    ASSERT_EQ(call.Send("1"), "CON " + screen::kDetailsId);
  }

  // Files a case by SMS from `phone` and returns its tracking number.
  std::string FileBySms(const std::string& phone) {
    server_.Sms(phone, "Antrean puskesmas di Koba lama sekali, pasien menunggu lima jam");
    for (const char* input : {"1", "ya", "1"}) {
      server_.Sms(phone, input);
    }
    std::string done = server_.Sms(phone, "1");
    std::string tracking_no = TrackingNoIn(done);
    EXPECT_TRUE(cases::IsValidTrackingNumber(tracking_no)) << done;
    return tracking_no;
  }

  TestServer server_;
  RedisSync redis_;
};

}  // namespace lapor::test
