#include "text/sms_segments.hpp"

#include <algorithm>

#include "text/gsm7.hpp"
#include "text/utf8.hpp"

namespace lapor::text {

namespace {

constexpr size_t kGsm7SingleSeptets = 160;
constexpr size_t kGsm7PartSeptets = 153;
constexpr size_t kUcs2SingleUnits = 70;
constexpr size_t kUcs2PartUnits = 67;

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

// Counts a text's cost as it grows, character by character, in both encodings at once: as
// GSM-7 while every character has a GSM-7 form, as UCS-2 from the first that has none. Small
// and copyable, so a caller can try a word and go back.
class SegmentMeter {
 public:
  void Add(char32_t c) {
    const size_t septets = Gsm7Septets(c);
    if (septets == 0) {
      gsm7_ = false;
    } else {
      gsm7_units_ += septets;
      gsm7_parts_.Add(septets);
    }
    const size_t units = c > 0xFFFF ? 2 : 1;  // a surrogate pair above the BMP
    ucs2_units_ += units;
    ucs2_parts_.Add(units);
  }
  void Add(std::string_view utf8) {
    size_t pos = 0;
    while (pos < utf8.size()) {
      const DecodedCodePoint decoded = DecodeFirstCodePoint(utf8.substr(pos));
      Add(decoded.valid ? decoded.code_point : char32_t{0xFFFD});
      pos += decoded.length;
    }
  }
  SegmentCount Count() const {
    const auto encoding = gsm7_ ? SegmentCount::Encoding::kGsm7 : SegmentCount::Encoding::kUcs2;
    const size_t units = gsm7_ ? gsm7_units_ : ucs2_units_;
    const size_t single = gsm7_ ? kGsm7SingleSeptets : kUcs2SingleUnits;
    if (units == 0) {
      return {SegmentCount::Encoding::kGsm7, 0, 0};
    }
    if (units <= single) {
      return {encoding, units, 1};
    }
    return {encoding, units, gsm7_ ? gsm7_parts_.parts() : ucs2_parts_.parts()};
  }

 private:
  bool gsm7_ = true;
  size_t gsm7_units_ = 0;
  size_t ucs2_units_ = 0;
  PartPacker gsm7_parts_{kGsm7PartSeptets};
  PartPacker ucs2_parts_{kUcs2PartUnits};
};

size_t Digits(size_t n) {
  size_t digits = 1;
  for (; n >= 10; n /= 10) {
    ++digits;
  }
  return digits;
}

// "(i/n) ", the numbering in front of each SMS of a split notice.
std::string Numbering(size_t i, size_t n) {
  return "(" + std::to_string(i) + "/" + std::to_string(n) + ") ";
}

// The words of `text`: the pieces between spaces, never empty.
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  while (!text.empty()) {
    const size_t space = text.find(' ');
    if (space != 0) {
      words.push_back(text.substr(0, space));
    }
    if (space == std::string_view::npos) {
      break;
    }
    text.remove_prefix(space + 1);
  }
  return words;
}

// Packs `words` into SMS bodies of at most `max_parts` segments each, leaving room in each for a
// numbering of `digits`-digit numbers. A word that fits no SMS alone is cut between characters.
std::vector<std::string> Pack(const std::vector<std::string_view>& words, size_t max_parts,
                              size_t digits) {
  const std::string widest = "(" + std::string(digits, '9') + "/" + std::string(digits, '9') + ") ";
  std::vector<std::string> pieces;
  std::string piece;
  SegmentMeter meter;
  meter.Add(widest);
  auto close = [&] {
    if (!piece.empty()) {
      pieces.push_back(std::move(piece));
    }
    piece.clear();
    meter = SegmentMeter();
    meter.Add(widest);
  };
  for (std::string_view word : words) {
    SegmentMeter with_word = meter;
    with_word.Add(piece.empty() ? std::string_view() : std::string_view(" "));
    with_word.Add(word);
    if (with_word.Count().segments <= max_parts) {
      piece += piece.empty() ? "" : " ";
      piece += word;
      meter = with_word;
      continue;
    }
    close();
    // The word alone, cut where the SMS is full.
    size_t pos = 0;
    while (pos < word.size()) {
      const DecodedCodePoint decoded = DecodeFirstCodePoint(word.substr(pos));
      SegmentMeter with_char = meter;
      with_char.Add(decoded.valid ? decoded.code_point : char32_t{0xFFFD});
      if (with_char.Count().segments > max_parts && !piece.empty()) {
        close();
        continue;
      }
      piece.append(word.substr(pos, decoded.length));
      meter.Add(decoded.valid ? decoded.code_point : char32_t{0xFFFD});
      pos += decoded.length;
    }
  }
  close();
  return pieces;
}

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
  SegmentMeter meter;
  meter.Add(utf8);
  return meter.Count();
}

std::vector<std::string> SplitIntoSms(std::string_view utf8, size_t max_parts) {
  max_parts = std::max<size_t>(max_parts, 1);
  if (CountSegments(utf8).segments <= max_parts) {
    return {std::string(utf8)};
  }
  const std::vector<std::string_view> words = Words(utf8);
  // The numbering's width depends on how many SMS there are: pack for a width, and again for a
  // wider one while the count needs more digits than the room left for it.
  size_t digits = 1;
  std::vector<std::string> pieces = Pack(words, max_parts, digits);
  while (Digits(pieces.size()) > digits) {
    digits = Digits(pieces.size());
    pieces = Pack(words, max_parts, digits);
  }
  if (pieces.size() == 1) {
    return pieces;  // only runs of spaces made it too long: squeezed, it fits one SMS
  }
  for (size_t i = 0; i < pieces.size(); ++i) {
    pieces[i] = Numbering(i + 1, pieces.size()) + pieces[i];
  }
  return pieces;
}

}  // namespace lapor::text
