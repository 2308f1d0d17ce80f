#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"
#include "text/url_encoding.hpp"

namespace lapor::channels::twilio {

// Twilio's request signature ("Validating requests are coming from Twilio"): the full URL
// Twilio called (scheme, host, path, query), then every POST parameter's name and value with no
// delimiters, sorted by name (Unix byte order; a repeated name by value), signed with HMAC-SHA1
// under the auth token, Base64. Every parameter counts, known to us or not.
std::string Signature(std::string_view auth_token, std::string_view url, text::FormPairs params);

// kForbidden unless `header` (X-Twilio-Signature) is the signature of `url` and the form
// `body` (compared in constant time). A body that is not a form is kForbidden too.
Result<Ok> CheckSignature(std::string_view auth_token, std::string_view url, std::string_view body,
                          std::string_view header);

}  // namespace lapor::channels::twilio
