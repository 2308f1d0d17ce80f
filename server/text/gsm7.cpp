#include "text/gsm7.hpp"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "text/utf8.hpp"

namespace lapor::text {

// TS 23.038 6.2.1, "GSM 7 bit Default Alphabet", column by column (0x00-0x7F).
const char32_t kGsm7Basic[128] = {
    U'@',   0x00A3, U'$',   0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC,  // 0x00
    0x00F2, 0x00C7, U'\n',  0x00D8, 0x00F8, U'\r',  0x00C5, 0x00E5,  // 0x08
    0x0394, U'_',   0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8,  // 0x10
    0x03A3, 0x0398, 0x039E, 0x001B, 0x00C6, 0x00E6, 0x00DF, 0x00C9,  // 0x18
    U' ',   U'!',   U'"',   U'#',   0x00A4, U'%',   U'&',   U'\'',   // 0x20
    U'(',   U')',   U'*',   U'+',   U',',   U'-',   U'.',   U'/',    // 0x28
    U'0',   U'1',   U'2',   U'3',   U'4',   U'5',   U'6',   U'7',    // 0x30
    U'8',   U'9',   U':',   U';',   U'<',   U'=',   U'>',   U'?',    // 0x38
    0x00A1, U'A',   U'B',   U'C',   U'D',   U'E',   U'F',   U'G',    // 0x40
    U'H',   U'I',   U'J',   U'K',   U'L',   U'M',   U'N',   U'O',    // 0x48
    U'P',   U'Q',   U'R',   U'S',   U'T',   U'U',   U'V',   U'W',    // 0x50
    U'X',   U'Y',   U'Z',   0x00C4, 0x00D6, 0x00D1, 0x00DC, 0x00A7,  // 0x58
    0x00BF, U'a',   U'b',   U'c',   U'd',   U'e',   U'f',   U'g',    // 0x60
    U'h',   U'i',   U'j',   U'k',   U'l',   U'm',   U'n',   U'o',    // 0x68
    U'p',   U'q',   U'r',   U's',   U't',   U'u',   U'v',   U'w',    // 0x70
    U'x',   U'y',   U'z',   0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0,  // 0x78
};

// TS 23.038 6.2.1.1, "GSM 7 bit default alphabet extension table".
const Gsm7Extension kGsm7Extensions[10] = {
    {0x0A, U'\f'}, {0x14, U'^'}, {0x28, U'{'}, {0x29, U'}'}, {0x2F, U'\\'},
    {0x3C, U'['},  {0x3D, U'~'}, {0x3E, U']'}, {0x40, U'|'}, {0x65, 0x20AC},  // EURO SIGN
};

namespace {

// Character -> septet of the default alphabet: a direct table for ASCII, which is nearly every
// character an SMS holds (segments are counted character by character), and the rest sorted by
// character for a binary search.
constexpr uint8_t kNoSeptet = 0xFF;
struct BasicIndex {
  std::array<uint8_t, 128> ascii{};
  std::vector<std::pair<char32_t, uint8_t>> other;
};

BasicIndex BuildBasicIndex() {
  BasicIndex index;
  index.ascii.fill(kNoSeptet);
  for (uint8_t septet = 0; septet < 128; ++septet) {
    if (septet == kGsm7Escape) {
      continue;
    }
    const char32_t c = kGsm7Basic[septet];
    if (c < index.ascii.size()) {
      index.ascii[c] = septet;
    } else {
      index.other.emplace_back(c, septet);
    }
  }
  std::sort(index.other.begin(), index.other.end());
  return index;
}

const BasicIndex& Basic() {
  static const BasicIndex index = BuildBasicIndex();
  return index;
}

std::optional<uint8_t> BasicSeptet(char32_t c) {
  const BasicIndex& index = Basic();
  if (c < index.ascii.size()) {
    const uint8_t septet = index.ascii[c];
    return septet == kNoSeptet ? std::nullopt : std::optional<uint8_t>(septet);
  }
  auto it =
      std::lower_bound(index.other.begin(), index.other.end(), std::pair<char32_t, uint8_t>{c, 0});
  if (it == index.other.end() || it->first != c) {
    return std::nullopt;
  }
  return it->second;
}

std::optional<uint8_t> ExtensionSeptet(char32_t c) {
  for (const Gsm7Extension& e : kGsm7Extensions) {
    if (e.character == c) {
      return e.septet;
    }
  }
  return std::nullopt;
}

// What ToSmsText writes for `c`: a look-alike, "" to drop it, or nullopt to keep it.
std::optional<std::string_view> SmsReplacement(char32_t c) {
  switch (c) {
    case 0x2018:  // ‘
    case 0x2019:  // ’
    case 0x201A:  // ‚
    case 0x201B:  // ‛
    case 0x2032:  // ′
    case 0x00B4:  // ´
    case U'`':
      return "'";
    case 0x201C:  // “
    case 0x201D:  // ”
    case 0x201E:  // „
    case 0x201F:  // ‟
    case 0x2033:  // ″
    case 0x00AB:  // «
    case 0x00BB:  // »
      return "\"";
    case 0x2212:  // MINUS SIGN
    case 0x2022:  // BULLET
      return "-";
    case 0x2026:  // HORIZONTAL ELLIPSIS
      return "...";
    case U'\t':
    case 0x00A0:  // NO-BREAK SPACE
    case 0x202F:  // NARROW NO-BREAK SPACE
    case 0x205F:  // MEDIUM MATHEMATICAL SPACE
    case 0x3000:  // IDEOGRAPHIC SPACE
      return " ";
    case U'\n':
      return std::nullopt;
    default:
      break;
  }
  if (c >= 0x2010 && c <= 0x2015) {  // HYPHEN .. HORIZONTAL BAR
    return "-";
  }
  if (c >= 0x2000 && c <= 0x200A) {  // EN QUAD .. HAIR SPACE
    return " ";
  }
  const bool control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
  const bool invisible = (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
                         (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
  if (control || invisible) {
    return "";
  }
  return std::nullopt;
}

}  // namespace

size_t Gsm7Septets(char32_t c) {
  if (c == kGsm7Escape) {
    return 0;
  }
  if (BasicSeptet(c)) {
    return 1;
  }
  return ExtensionSeptet(c) ? 2 : 0;
}

std::optional<std::vector<uint8_t>> EncodeGsm7(std::string_view utf8) {
  std::vector<uint8_t> septets;
  septets.reserve(utf8.size());
  size_t pos = 0;
  while (pos < utf8.size()) {
    const DecodedCodePoint decoded = DecodeFirstCodePoint(utf8.substr(pos));
    if (!decoded.valid || decoded.code_point == kGsm7Escape) {
      return std::nullopt;
    }
    if (auto basic = BasicSeptet(decoded.code_point)) {
      septets.push_back(*basic);
    } else if (auto extension = ExtensionSeptet(decoded.code_point)) {
      septets.push_back(kGsm7Escape);
      septets.push_back(*extension);
    } else {
      return std::nullopt;
    }
    pos += decoded.length;
  }
  return septets;
}

std::string DecodeGsm7(std::span<const uint8_t> septets) {
  std::string out;
  for (size_t i = 0; i < septets.size(); ++i) {
    uint8_t s = septets[i];
    if (s > 0x7F) {
      AppendUtf8(0xFFFD, out);
      continue;
    }
    if (s == kGsm7Escape && i + 1 < septets.size() && septets[i + 1] <= 0x7F) {
      s = septets[++i];
      auto it = std::find_if(std::begin(kGsm7Extensions), std::end(kGsm7Extensions),
                             [s](const Gsm7Extension& e) { return e.septet == s; });
      const char32_t c = it != std::end(kGsm7Extensions) ? it->character : kGsm7Basic[s];
      AppendUtf8(c == kGsm7Escape ? U' ' : c, out);  // escape escape: another table, unknown
      continue;
    }
    // A lone escape at the end reads as a space (TS 23.038: "a space if no extension table").
    AppendUtf8(s == kGsm7Escape ? U' ' : kGsm7Basic[s], out);
  }
  return out;
}

std::string ToSmsText(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  size_t pos = 0;
  while (pos < utf8.size()) {
    const DecodedCodePoint decoded = DecodeFirstCodePoint(utf8.substr(pos));
    if (!decoded.valid) {
      out.push_back('?');
    } else if (auto replacement = SmsReplacement(decoded.code_point)) {
      out.append(*replacement);
    } else {
      out.append(utf8.substr(pos, decoded.length));
    }
    pos += decoded.length;
  }
  return out;
}

}  // namespace lapor::text
