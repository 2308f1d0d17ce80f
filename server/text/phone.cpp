#include "text/phone.hpp"

namespace lapor::text {

namespace {

constexpr std::string_view kIndonesia = "62";
constexpr size_t kMinNationalDigits = 9;
// E.164 allows 15 digits in all, country code included.
constexpr size_t kMaxE164Digits = 15;
constexpr size_t kMaxNationalDigits = kMaxE164Digits - kIndonesia.size();
constexpr size_t kMinForeignDigits = 8;

bool IsSeparator(char c) {
  return c == ' ' || c == '\t' || c == '-' || c == '.' || c == '(' || c == ')';
}

std::optional<std::string> Indonesian(std::string_view national) {
  if (national.size() < kMinNationalDigits || national.size() > kMaxNationalDigits ||
      national.front() < '2') {
    return std::nullopt;
  }
  return "+" + std::string(kIndonesia) + std::string(national);
}

}  // namespace

std::optional<std::string> NormalizeMsisdn(std::string_view raw) {
  bool plus = false;
  std::string digits;
  digits.reserve(raw.size());
  for (const char c : raw) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == '+' && !plus && digits.empty()) {
      plus = true;
    } else if (!IsSeparator(c)) {
      return std::nullopt;
    }
    // Guards the work done on absurd input; no valid form has this many digits.
    if (digits.size() > 2 * kMaxE164Digits) {
      return std::nullopt;
    }
  }
  if (digits.empty()) {
    return std::nullopt;
  }
  const std::string_view view = digits;
  if (view.starts_with(kIndonesia)) {
    std::string_view national = view.substr(kIndonesia.size());
    // "+62 (0)812...": the trunk 0 written after the country code. No Indonesian national
    // number starts with 0, so dropping one is safe.
    if (national.starts_with('0')) {
      national.remove_prefix(1);
    }
    return Indonesian(national);
  }
  if (plus) {
    if (digits.size() < kMinForeignDigits || digits.size() > kMaxE164Digits ||
        digits.front() == '0') {
      return std::nullopt;
    }
    return "+" + digits;
  }
  if (view.starts_with('0')) {
    return Indonesian(view.substr(1));
  }
  return Indonesian(view);
}

}  // namespace lapor::text
