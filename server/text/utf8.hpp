#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lapor::text {

// True if `text` is well-formed UTF-8 (Unicode table 3-7): no overlong forms, no surrogate code
// points (U+D800-U+DFFF), nothing above U+10FFFF, no truncated sequence, no stray continuation
// byte. The empty string is valid.
bool IsValidUtf8(std::string_view text);

// Number of code points in `text`. Defined for any bytes: each byte that does not start a
// well-formed sequence counts as one (as if replaced by U+FFFD).
size_t CodePointCount(std::string_view text);

// The first `max` code points of `text` (counted as in CodePointCount), never cutting inside a
// well-formed code point. Returns `text` whole when it has `max` code points or fewer.
std::string TruncateCodePoints(std::string_view text, size_t max);

// `text` with every byte that does not start a well-formed sequence replaced by U+FFFD (as
// counted in CodePointCount); `text` itself when it is valid UTF-8.
std::string ValidUtf8(std::string_view text);
// The same without a copy of valid text: `text` itself, or the repaired text kept in `repaired`.
std::string_view ValidUtf8(std::string_view text, std::string& repaired);

// One decoding step, shared by the other text functions.
struct DecodedCodePoint {
  char32_t code_point;  // U+FFFD when !valid
  size_t length;        // bytes consumed: 1-4 when valid, always 1 when !valid
  bool valid;
};

// Decodes the code point at the start of `text`. Requires !text.empty().
DecodedCodePoint DecodeFirstCodePoint(std::string_view text);

// Appends `code_point` to `out` as UTF-8. Requires a Unicode scalar value (<= U+10FFFF, not a
// surrogate).
void AppendUtf8(char32_t code_point, std::string& out);

}  // namespace lapor::text
