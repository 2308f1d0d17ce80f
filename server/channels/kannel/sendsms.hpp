#pragma once

#include <string>
#include <string_view>

namespace lapor::channels::kannel {

// How we reach Kannel's sendsms interface (config: channels.kannel.*, outbox.from).
struct SendSmsAccount {
  std::string sendsms_url;  // "http://127.0.0.1:13013/cgi-bin/sendsms"
  std::string username;     // a sendsms-user of smsbox
  std::string password;
  std::string from;     // sender id shown on the handset ("1708"); empty: smsbox's default
  std::string dlr_url;  // our delivery report webhook; empty: no delivery reports asked for
  std::string secret;   // channels.kannel.secret: the dlr-url carries it, as the get-url does
};

// Delivery report types we ask Kannel for: 1 delivered + 2 failed + 4 buffered + 8 SMSC submit
// + 16 SMSC reject.
inline constexpr int kDlrMask = 31;

// The GET URL handing one SMS to Kannel:
//   <sendsms_url>?username=..&password=..&from=..&to=<to>&text=<text>
//     [&coding=2&charset=UTF-8]&dlr-mask=31
//     &dlr-url=<dlr_url>?id=<message_id>&status=%d[&secret=<secret>]
// Every value is percent-encoded; the dlr-url as a whole, so Kannel decodes it back and then
// replaces its %d with the report type. `to` is E.164 ("+62812..."), `text` final UTF-8 text.
// Text outside GSM-7 is sent as UCS-2 (coding=2) from UTF-8: without it Kannel would send a '?'
// for every such character. `from` is left out when empty, and dlr-mask and dlr-url when
// dlr_url is empty.
std::string SendSmsUrl(const SendSmsAccount& account, std::string_view message_id,
                       std::string_view to, std::string_view text);

// Whether Kannel took the message: any 2xx. Kannel answers 202 "0: Accepted for delivery" or
// "3: Queued for later delivery" (older versions 200 "Sent."); 4xx for a request it refuses
// (bad user, missing field) and 503 "Temporal failure, try again later".
bool SendSmsAccepted(int status);

}  // namespace lapor::channels::kannel
