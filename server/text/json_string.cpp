#include "text/json_string.hpp"

#include "text/utf8.hpp"

namespace lapor::text {

void AppendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80) {
      // A well-formed sequence is copied whole; anything else is one replacement character.
      const DecodedCodePoint decoded = DecodeFirstCodePoint(text.substr(i));
      if (decoded.valid) {
        out.append(text.substr(i, decoded.length));
      } else {
        AppendUtf8(decoded.code_point, out);
      }
      i += decoded.length;
      continue;
    }
    switch (byte) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (byte < 0x20) {
          out += "\\u00";
          out += kHex[byte >> 4];
          out += kHex[byte & 0xF];
        } else {
          out += static_cast<char>(byte);
        }
    }
    ++i;
  }
  out += '"';
}

}  // namespace lapor::text
