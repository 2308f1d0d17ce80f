#include "text/sms_segments.hpp"

#include <algorithm>
#include <array>

#include "text/utf8.hpp"

namespace lapor::text {

namespace {

constexpr size_t kGsm7SingleSeptets = 160;
constexpr size_t kGsm7PartSeptets = 153;
constexpr size_t kUcs2SingleUnits = 70;
constexpr size_t kUcs2PartUnits = 67;

// Non-ASCII characters of the GSM 03.38 default alphabet, sorted.
constexpr std::array<char32_t, 39> kGsm7BasicNonAscii = {
    0x00A1, 0x00A3, 0x00A4, 0x00A5, 0x00A7, 0x00BF, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
    0x00C9, 0x00D1, 0x00D6, 0x00D8, 0x00DC, 0x00DF, 0x00E0, 0x00E4, 0x00E5, 0x00E6,
    0x00E8, 0x00E9, 0x00EC, 0x00F1, 0x00F2, 0x00F6, 0x00F8, 0x00F9, 0x00FC, 0x0393,
    0x0394, 0x0398, 0x039B, 0x039E, 0x03A0, 0x03A3, 0x03A6, 0x03A8, 0x03A9,
};

// Septets `c` costs in GSM-7: 1 for the default alphabet, 2 for the extension table (escape
// 0x1B + char), 0 if it has no GSM-7 form.
size_t Gsm7Septets(char32_t c) {
  switch (c) {
    case U'\f':
    case U'^':
    case U'{':
    case U'}':
    case U'\\':
    case U'[':
    case U'~':
    case U']':
    case U'|':
    case 0x20AC:  // EURO SIGN
      return 2;
    case U'\n':
    case U'\r':
      return 1;
    case U'`':
      return 0;
    default:
      break;
  }
  if (c >= 0x20 && c <= 0x7E) {
    return 1;
  }
  if (c < 0x80) {
    return 0;  // other C0 controls and DEL
  }
  return std::binary_search(kGsm7BasicNonAscii.begin(), kGsm7BasicNonAscii.end(), c) ? 1 : 0;
}

// Packs characters of the given unit costs into parts of `part_units`, never splitting one.
class PartPacker {
 public:
  explicit PartPacker(size_t part_units) : part_units_(part_units) {}
  void Add(size_t cost) {
    if (parts_ == 0 || used_ + cost > part_units_) {
      ++parts_;
      used_ = 0;
    }
    used_ += cost;
  }
  size_t parts() const { return parts_; }

 private:
  size_t part_units_;
  size_t parts_ = 0;
  size_t used_ = 0;
};

}  // namespace

bool IsGsm7(std::string_view utf8) {
  size_t pos = 0;
  while (pos < utf8.size()) {
    const DecodedCodePoint decoded = DecodeFirstCodePoint(utf8.substr(pos));
    if (!decoded.valid || Gsm7Septets(decoded.code_point) == 0) {
      return false;
    }
    pos += decoded.length;
  }
  return true;
}

SegmentCount CountSegments(std::string_view utf8) {
  const bool gsm7 = IsGsm7(utf8);
  const size_t single_limit = gsm7 ? kGsm7SingleSeptets : kUcs2SingleUnits;
  PartPacker packer(gsm7 ? kGsm7PartSeptets : kUcs2PartUnits);
  size_t units = 0;
  size_t pos = 0;
  while (pos < utf8.size()) {
    const DecodedCodePoint decoded = DecodeFirstCodePoint(utf8.substr(pos));
    size_t cost = 0;
    if (gsm7) {
      cost = Gsm7Septets(decoded.code_point);
    } else {
      cost = decoded.code_point > 0xFFFF ? 2 : 1;  // a surrogate pair above the BMP
    }
    units += cost;
    packer.Add(cost);
    pos += decoded.length;
  }
  const auto encoding = gsm7 ? SegmentCount::Encoding::kGsm7 : SegmentCount::Encoding::kUcs2;
  if (units == 0) {
    return {encoding, 0, 0};
  }
  if (units <= single_limit) {
    return {encoding, units, 1};
  }
  return {encoding, units, packer.parts()};
}

}  // namespace lapor::text
