// libFuzzer target: the GSM-7 encoder and what SMS text goes through before a gateway
// (text/gsm7, text/sms_segments): encode and decode round-trip, IsGsm7 agrees with the encoder,
// look-alikes leave valid UTF-8 without controls, and a split keeps every word within the limit.
// scripts/fuzz runs it; seeds: tests/fixtures/*.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "text/gsm7.hpp"
#include "text/sms_segments.hpp"
#include "text/utf8.hpp"

using lapor::fuzz::Check;
namespace text = lapor::text;

namespace {

void CheckEncoder(std::string_view input) {
  const auto septets = text::EncodeGsm7(input);
  Check(septets.has_value() == text::IsGsm7(input), "EncodeGsm7 succeeds iff IsGsm7");
  if (septets) {
    for (uint8_t s : *septets) {
      Check(s <= 0x7F, "a septet is 7 bits");
    }
    Check(text::DecodeGsm7(*septets) == input, "GSM-7 round trip");
    const auto count = text::CountSegments(input);
    Check(count.units == septets->size(), "septets counted as encoded");
  }
  // Any septets decode to valid UTF-8.
  std::basic_string<uint8_t> raw(input.begin(), input.end());
  Check(text::IsValidUtf8(text::DecodeGsm7({raw.data(), raw.size()})), "decoded is UTF-8");
}

void CheckSmsText(std::string_view input) {
  const std::string sms = text::ToSmsText(input);
  Check(text::IsValidUtf8(sms), "ToSmsText gives valid UTF-8");
  Check(text::ToSmsText(sms) == sms, "ToSmsText is idempotent");
  for (unsigned char c : sms) {
    Check(c >= 0x20 || c == '\n', "no control character but line feed");
  }
}

void CheckSplit(std::string_view input, size_t max_parts) {
  const std::string sms = text::ToSmsText(input);
  const auto pieces = text::SplitIntoSms(sms, max_parts);
  Check(!pieces.empty(), "at least one SMS");
  if (text::CountSegments(sms).segments <= max_parts) {
    Check(pieces.size() == 1 && pieces[0] == sms, "a text that fits goes whole");
    return;
  }
  // Nothing but spaces is lost: the pieces, numbering taken off, hold every other character in
  // order.
  std::string kept;
  for (const auto& piece : pieces) {
    Check(text::CountSegments(piece).segments <= max_parts, "each SMS within the part limit");
    Check(text::IsValidUtf8(piece), "each SMS valid UTF-8");
    const size_t body = pieces.size() == 1 ? 0 : piece.find(") ") + 2;
    Check(pieces.size() == 1 || piece.starts_with('('), "numbered");
    kept += piece.substr(body);
  }
  std::erase(kept, ' ');
  std::string expected = sms;
  std::erase(expected, ' ');
  Check(kept == expected, "every character but spaces arrives, in order");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) {
    return 0;
  }
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckEncoder(input);
  CheckSmsText(input);
  CheckSplit(input, size == 0 ? 1 : 1 + data[0] % 4);
  return 0;
}
