#include "dialog/ussd_state.hpp"

#include "common/digest.hpp"
#include "common/whole_number.hpp"

namespace lapor::dialog {
namespace {

constexpr std::string_view kUssdMagic = "U1 ";

// Takes the next space-terminated word off the front of `rest`.
std::optional<std::string_view> Word(std::string_view& rest) {
  size_t space = rest.find(' ');
  if (space == std::string_view::npos || space == 0) {
    return std::nullopt;
  }
  std::string_view word = rest.substr(0, space);
  rest.remove_prefix(space + 1);
  return word;
}

}  // namespace

std::string EncodeUssdState(const UssdState& s) {
  std::string out(kUssdMagic);
  out.reserve(kUssdMagic.size() + 40 + s.call.size() + s.seen.size() + s.session.size() +
              s.reply.size());
  out += std::to_string(s.version);
  out += ' ';
  out += s.call;
  out += ' ';
  out += s.seen;
  out += s.end ? " E " : " C ";
  out += std::to_string(s.session.size());
  out += ':';
  out += s.session;
  out += s.reply;
  return out;
}

std::optional<UssdState> DecodeUssdState(std::string_view stored) {
  if (!stored.starts_with(kUssdMagic)) {
    return std::nullopt;
  }
  std::string_view rest = stored.substr(kUssdMagic.size());
  UssdState s;
  auto version = Word(rest);
  auto call = Word(rest);
  auto seen = Word(rest);
  auto kind = Word(rest);
  size_t colon = rest.find(':');
  size_t length = 0;
  if (!version || !ParseWhole(*version, s.version) || !call || !seen || !kind ||
      (*kind != "C" && *kind != "E") || colon == std::string_view::npos ||
      !ParseWhole(rest.substr(0, colon), length) || length > rest.size() - colon - 1) {
    return std::nullopt;
  }
  s.call = *call;
  s.seen = *seen;
  s.end = *kind == "E";
  s.session = rest.substr(colon + 1, length);
  s.reply = rest.substr(colon + 1 + length);
  return s;
}

std::string UssdShortId(std::string_view provider_id) { return Sha1HexPrefix(provider_id, 6); }

std::string UssdTextMark(std::string_view text) {
  if (text.empty()) {
    return "";
  }
  return std::to_string(text.size()) + ":" + UssdShortId(text);
}

std::optional<size_t> UssdTextExtends(std::string_view mark, std::string_view text) {
  const size_t colon = mark.find(':');
  size_t length = 0;
  if (colon == std::string_view::npos || !ParseWhole(mark.substr(0, colon), length) ||
      length == 0 || text.size() <= length || text[length] != '*' ||
      mark.substr(colon + 1) != UssdShortId(text.substr(0, length))) {
    return std::nullopt;
  }
  return length;
}

}  // namespace lapor::dialog
