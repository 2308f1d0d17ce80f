#include "text/utf8.hpp"

#include <cassert>
#include <cstdint>
#include <cstring>

namespace lapor::text {

namespace {

constexpr DecodedCodePoint kInvalid{U'\uFFFD', 1, false};

bool IsContinuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }

// Whether the eight bytes from `pos` are all ASCII (false when fewer are left). Most text we
// check or count is ASCII (numbers, keys, Indonesian), so it is passed over a word at a time.
bool AsciiWordAt(std::string_view text, size_t pos) {
  uint64_t word = 0;
  if (pos + sizeof word > text.size()) {
    return false;
  }
  std::memcpy(&word, text.data() + pos, sizeof word);
  return (word & 0x8080808080808080u) == 0;
}

// ValidUtf8 of text that is not valid UTF-8.
std::string Repaired(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t pos = 0; pos < text.size();) {
    DecodedCodePoint decoded = DecodeFirstCodePoint(text.substr(pos));
    if (decoded.valid) {
      out.append(text.substr(pos, decoded.length));
    } else {
      AppendUtf8(decoded.code_point, out);
    }
    pos += decoded.length;
  }
  return out;
}

}  // namespace

DecodedCodePoint DecodeFirstCodePoint(std::string_view text) {
  assert(!text.empty());
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  const uint8_t lead = byte(0);
  if (lead < 0x80) {
    return {lead, 1, true};
  }
  // The lead byte fixes the length and the allowed range of the second byte; this is how
  // overlong forms (C0, C1, E0 80-9F, F0 80-8F), surrogates (ED A0-BF) and code points above
  // U+10FFFF (F4 90-BF, F5-FF) are refused.
  size_t length = 0;
  uint8_t second_min = 0x80;
  uint8_t second_max = 0xBF;
  char32_t code_point = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0F;
    if (lead == 0xE0) {
      second_min = 0xA0;
    } else if (lead == 0xED) {
      second_max = 0x9F;
    }
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07;
    if (lead == 0xF0) {
      second_min = 0x90;
    } else if (lead == 0xF4) {
      second_max = 0x8F;
    }
  } else {
    return kInvalid;
  }
  if (text.size() < length) {
    return kInvalid;
  }
  if (byte(1) < second_min || byte(1) > second_max) {
    return kInvalid;
  }
  for (size_t i = 1; i < length; ++i) {
    if (!IsContinuation(byte(i))) {
      return kInvalid;
    }
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  return {code_point, length, true};
}

void AppendUtf8(char32_t code_point, std::string& out) {
  assert(code_point <= 0x10FFFF && (code_point < 0xD800 || code_point > 0xDFFF));
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

bool IsValidUtf8(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (AsciiWordAt(text, pos)) {
      pos += sizeof(uint64_t);
      continue;
    }
    const DecodedCodePoint decoded = DecodeFirstCodePoint(text.substr(pos));
    if (!decoded.valid) {
      return false;
    }
    pos += decoded.length;
  }
  return true;
}

std::string ValidUtf8(std::string_view text) {
  if (IsValidUtf8(text)) {
    return std::string(text);
  }
  return Repaired(text);
}

std::string_view ValidUtf8(std::string_view text, std::string& repaired) {
  if (IsValidUtf8(text)) {
    return text;
  }
  repaired = Repaired(text);
  return repaired;
}

size_t CodePointCount(std::string_view text) {
  size_t count = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    if (AsciiWordAt(text, pos)) {
      pos += sizeof(uint64_t);
      count += sizeof(uint64_t);
      continue;
    }
    pos += DecodeFirstCodePoint(text.substr(pos)).length;
    ++count;
  }
  return count;
}

std::string TruncateCodePoints(std::string_view text, size_t max) {
  size_t count = 0;
  size_t pos = 0;
  while (pos < text.size() && count < max) {
    pos += DecodeFirstCodePoint(text.substr(pos)).length;
    ++count;
  }
  return std::string(text.substr(0, pos));
}

}  // namespace lapor::text
