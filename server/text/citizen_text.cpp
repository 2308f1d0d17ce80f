#include "text/citizen_text.hpp"

#include "text/gsm7.hpp"
#include "text/sms_segments.hpp"
#include "text/utf8.hpp"

namespace lapor::text {

namespace {

enum class CharClass { kKeep, kSpace, kDrop };

CharClass Classify(char32_t c) {
  switch (c) {
    case U'\t':
    case U'\n':
    case U'\v':
    case U'\f':
    case U'\r':
    case U' ':
    case 0x85:    // NEXT LINE
    case 0xA0:    // NO-BREAK SPACE
    case 0x1680:  // OGHAM SPACE MARK
    case 0x2028:  // LINE SEPARATOR
    case 0x2029:  // PARAGRAPH SEPARATOR
    case 0x202F:  // NARROW NO-BREAK SPACE
    case 0x205F:  // MEDIUM MATHEMATICAL SPACE
    case 0x3000:  // IDEOGRAPHIC SPACE
      return CharClass::kSpace;
    default:
      break;
  }
  if (c >= 0x2000 && c <= 0x200A) {  // EN QUAD .. HAIR SPACE
    return CharClass::kSpace;
  }
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {  // C0, DEL, C1
    return CharClass::kDrop;
  }
  if ((c >= 0x200B && c <= 0x200F) ||  // zero-width space/joiners, LRM, RLM
      (c >= 0x202A && c <= 0x202E) ||  // bidi embeddings and overrides
      (c >= 0x2066 && c <= 0x2069) ||  // bidi isolates
      c == 0xFEFF) {                   // zero-width no-break space (BOM)
    return CharClass::kDrop;
  }
  return CharClass::kKeep;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

}  // namespace

std::optional<std::string> CleanCitizenText(std::string_view raw) {
  if (!IsValidUtf8(raw)) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(raw.size());
  bool pending_space = false;
  size_t pos = 0;
  while (pos < raw.size()) {
    const DecodedCodePoint decoded = DecodeFirstCodePoint(raw.substr(pos));
    const CharClass char_class = Classify(decoded.code_point);
    if (char_class == CharClass::kSpace) {
      pending_space = true;
    } else if (char_class == CharClass::kKeep) {
      // A space is written only between two kept characters: this collapses runs and trims.
      if (pending_space && !out.empty()) {
        out.push_back(' ');
      }
      pending_space = false;
      out.append(raw.substr(pos, decoded.length));
    }
    pos += decoded.length;
  }
  return out;
}

Result<std::string> CleanOfficialText(std::string_view raw, size_t max_sms) {
  auto cleaned = CleanCitizenText(raw);
  if (!cleaned) {
    return Error{Errc::kBadRequest, "not valid UTF-8"};
  }
  std::string text = ToSmsText(*cleaned);
  const SegmentCount count = CountSegments(text);
  if (count.segments > max_sms) {
    return Error{Errc::kUnprocessable,
                 "too long for SMS: it would take " + std::to_string(count.segments) +
                     " SMS, at most " + std::to_string(max_sms) + " (" +
                     (count.encoding == SegmentCount::Encoding::kGsm7
                          ? "153 characters each"
                          : "67 characters each: it holds characters outside GSM-7") +
                     ")"};
  }
  return text;
}

std::string FoldForMatch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (const char c : text) {
    if (IsAsciiSpace(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) {
      out.push_back(' ');
    }
    pending_space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

}  // namespace lapor::text
