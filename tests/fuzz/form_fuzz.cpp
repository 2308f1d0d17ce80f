// libFuzzer target: form and query decoding (text/url_encoding): ParseUrlEncoded and its pairs
// agree, encoding a decoded value round-trips, request targets split and URLs parse without
// crashing. Seeds: the form and query fixtures.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "text/url_encoding.hpp"

using lapor::fuzz::Check;
namespace text = lapor::text;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto fields = text::ParseUrlEncoded(input);
  auto pairs = text::ParseUrlEncodedPairs(input);
  Check(fields.ok() == pairs.ok(), "fields and pairs fail together");
  if (fields.ok()) {
    Check(fields->size() <= pairs->size(), "no more fields than pairs");
    for (const auto& [name, value] : *pairs) {
      auto it = fields->find(name);
      Check(it != fields->end(), "every pair's name is a field");
      // Encoded again and decoded, a value comes back the same.
      auto again = text::PercentDecode(text::UrlEncode(value), true);
      Check(again.has_value() && *again == value, "UrlEncode round trip");
    }
  }
  auto [path, query] = text::SplitTarget(input);
  Check(path.size() + query.size() <= input.size(), "target split within it");
  auto url = text::ParseHttpUrl(input);
  if (url.ok()) {
    Check(!url->host.empty() && !url->target.empty() && url->target[0] == '/', "a parsed URL");
  }
  return 0;
}
