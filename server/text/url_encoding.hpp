#pragma once

// Percent-encoding (RFC 3986) and application/x-www-form-urlencoded, as URLs, query strings
// and form bodies use them. Pure text functions.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"

namespace lapor::text {

// The value of a hex digit, or -1.
int HexValue(char c);

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, as in form bodies and query
// strings); nullopt when a '%' is not followed by two hex digits.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Percent-encodes `value` for a query string or form: every byte but the unreserved ones
// (A-Z a-z 0-9 - _ . ~) becomes %XX, a space included ("%20"), UTF-8 byte by byte.
std::string UrlEncode(std::string_view value);

// Field name -> value. std::less<> lets callers look up with a std::string_view.
using FormFields = std::map<std::string, std::string, std::less<>>;

// Parses an application/x-www-form-urlencoded body or a URL query string ("a=1&b=x+y%21").
// `+` decodes to a space and `%XX` to the byte XX; bytes are kept as sent (no UTF-8 check).
// A field without `=` has an empty value; empty pieces ("a=1&&b=2") are skipped; when a name
// repeats, the first value wins. A `%` not followed by two hex digits is kBadRequest, and the
// message names the field.
Result<FormFields> ParseUrlEncoded(std::string_view input);

// Every name=value pair of a form body or query string in the order sent, repeats included
// (what a signature over the parameters needs); otherwise as ParseUrlEncoded.
using FormPairs = std::vector<std::pair<std::string, std::string>>;
Result<FormPairs> ParseUrlEncodedPairs(std::string_view input);

// Splits a request target at the first `?`: "/a/b?x=1" -> {"/a/b", "x=1"}; no `?` -> {target,
// ""}. The views point into `target`.
std::pair<std::string_view, std::string_view> SplitTarget(std::string_view target);

// Where an http:// or https:// URL points: host (brackets of an IPv6 literal removed), port (80
// or 443 when not given), the request target (path and query; "/" when the URL has no path),
// and whether it is TLS.
struct HttpUrl {
  std::string host;
  std::string port;
  std::string target;
  bool tls = false;
};

// Parses "http[s]://host[:port][/path][?query]". Fails with kBadRequest naming what is wrong
// (another scheme, user info, no host, a bad port). The message never repeats the URL, which may
// carry credentials in its query.
Result<HttpUrl> ParseHttpUrl(std::string_view url);

}  // namespace lapor::text
