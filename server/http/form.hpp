#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "common/result.hpp"

namespace lapor::http {

// Field name -> value. std::less<> lets callers look up with a std::string_view.
using FormFields = std::map<std::string, std::string, std::less<>>;

// Parses an application/x-www-form-urlencoded body or a URL query string ("a=1&b=x+y%21").
// `+` decodes to a space and `%XX` to the byte XX; bytes are kept as sent (no UTF-8 check).
// A field without `=` has an empty value; empty pieces ("a=1&&b=2") are skipped; when a name
// repeats, the first value wins. A `%` not followed by two hex digits is kBadRequest, and the
// message names the field.
Result<FormFields> ParseUrlEncoded(std::string_view input);

// Splits a request target at the first `?`: "/a/b?x=1" -> {"/a/b", "x=1"}; no `?` -> {target,
// ""}. The views point into `target`.
std::pair<std::string_view, std::string_view> SplitTarget(std::string_view target);

}  // namespace lapor::http
