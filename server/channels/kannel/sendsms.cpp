#include "channels/kannel/sendsms.hpp"

#include "text/sms_segments.hpp"
#include "text/url_encoding.hpp"

namespace lapor::channels::kannel {
namespace {

void AddParam(std::string& url, std::string_view name, std::string_view value) {
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += name;
  url += '=';
  url += text::UrlEncode(value);
}

}  // namespace

std::string SendSmsUrl(const SendSmsAccount& account, std::string_view message_id,
                       std::string_view to, std::string_view text) {
  std::string url = account.sendsms_url;
  AddParam(url, "username", account.username);
  AddParam(url, "password", account.password);
  if (!account.from.empty()) {
    AddParam(url, "from", account.from);
  }
  AddParam(url, "to", to);
  AddParam(url, "text", text);
  if (!text::IsGsm7(text)) {
    // Kannel's rule: "coding 2 = UCS-2"; `charset` names the encoding `text` arrives in, which it
    // converts to UCS-2 (its default for coding=2 would be UTF-16BE).
    AddParam(url, "coding", "2");
    AddParam(url, "charset", "UTF-8");
  }
  if (!account.dlr_url.empty()) {
    std::string dlr = account.dlr_url;
    dlr += dlr.find('?') == std::string::npos ? '?' : '&';
    dlr += "id=" + text::UrlEncode(message_id) + "&status=%d";
    if (!account.secret.empty()) {
      dlr += "&secret=" + account.secret;  // letters, digits, - _ . ~: nothing to encode
    }
    AddParam(url, "dlr-mask", std::to_string(kDlrMask));
    AddParam(url, "dlr-url", dlr);
  }
  return url;
}

bool SendSmsAccepted(int status) { return status >= 200 && status <= 299; }

}  // namespace lapor::channels::kannel
