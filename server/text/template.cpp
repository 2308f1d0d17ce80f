#include "text/template.hpp"

#include <algorithm>

#include "text/utf8.hpp"

namespace lapor::text {

namespace {

bool IsNameChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

bool IsGoodName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), IsNameChar);
}

// One piece of a template, as the scanner sees it.
struct Token {
  enum class Kind {
    kText,         // literal text, including an escaped brace
    kPlaceholder,  // "{name}" with a good name; `text` is the name
    kBadName,      // "{...}" whose inside is not a good name; `text` is the inside
    kUnclosed,     // '{' with no '}' before the next '{' or the end
    kUnmatched,    // '}' that closes nothing
  };
  Kind kind;
  std::string_view text;  // for kText, kUnclosed, kUnmatched: the bytes to render
  size_t offset;          // byte offset of the token in the template
};

// The first '{' or '}' from `pos`, or npos. A plain loop: string_view::find_first_of calls
// memchr over its set once per character of the text, and texts are rendered on every step.
size_t FindBrace(std::string_view tpl, size_t pos) {
  for (; pos < tpl.size(); ++pos) {
    if (tpl[pos] == '{' || tpl[pos] == '}') {
      return pos;
    }
  }
  return std::string_view::npos;
}

// Calls `visit(token)` for each piece of `tpl`, left to right.
template <typename Visit>
void Scan(std::string_view tpl, Visit visit) {
  size_t pos = 0;
  while (pos < tpl.size()) {
    const size_t brace = FindBrace(tpl, pos);
    if (brace == std::string_view::npos) {
      visit(Token{Token::Kind::kText, tpl.substr(pos), pos});
      return;
    }
    if (brace > pos) {
      visit(Token{Token::Kind::kText, tpl.substr(pos, brace - pos), pos});
    }
    const bool doubled = brace + 1 < tpl.size() && tpl[brace + 1] == tpl[brace];
    if (doubled) {
      visit(Token{Token::Kind::kText, tpl.substr(brace, 1), brace});
      pos = brace + 2;
      continue;
    }
    if (tpl[brace] == '}') {
      visit(Token{Token::Kind::kUnmatched, tpl.substr(brace, 1), brace});
      pos = brace + 1;
      continue;
    }
    const size_t close = FindBrace(tpl, brace + 1);
    if (close == std::string_view::npos || tpl[close] == '{') {
      visit(Token{Token::Kind::kUnclosed, tpl.substr(brace, 1), brace});
      pos = brace + 1;
      continue;
    }
    const std::string_view name = tpl.substr(brace + 1, close - brace - 1);
    if (IsGoodName(name)) {
      visit(Token{Token::Kind::kPlaceholder, name, brace});
    } else {
      visit(Token{Token::Kind::kBadName, name, brace});
    }
    pos = close + 1;
  }
}

}  // namespace

std::string Render(std::string_view tpl,
                   const std::map<std::string, std::string, std::less<>>& vars) {
  std::string out;
  out.reserve(tpl.size());
  Scan(tpl, [&](const Token& token) {
    switch (token.kind) {
      case Token::Kind::kPlaceholder: {
        const auto it = vars.find(token.text);
        if (it != vars.end()) {
          out += it->second;
        } else {
          out += '{';
          out += token.text;
          out += '}';
        }
        break;
      }
      case Token::Kind::kBadName:
        out += '{';
        out += token.text;
        out += '}';
        break;
      case Token::Kind::kText:
      case Token::Kind::kUnclosed:
      case Token::Kind::kUnmatched:
        out += token.text;
        break;
    }
  });
  return out;
}

std::vector<std::string> Placeholders(std::string_view tpl) {
  std::vector<std::string> names;
  Scan(tpl, [&](const Token& token) {
    if (token.kind == Token::Kind::kPlaceholder &&
        std::find(names.begin(), names.end(), token.text) == names.end()) {
      names.emplace_back(token.text);
    }
  });
  return names;
}

Result<Ok> CheckTemplate(std::string_view tpl) {
  if (!IsValidUtf8(tpl)) {
    return Error{Errc::kUnprocessable, "template is not valid UTF-8"};
  }
  std::string problems;
  const auto add = [&](std::string problem) {
    if (!problems.empty()) {
      problems += "; ";
    }
    problems += problem;
  };
  Scan(tpl, [&](const Token& token) {
    const std::string at = " at byte " + std::to_string(token.offset);
    switch (token.kind) {
      case Token::Kind::kBadName:
        // Shortened so a runaway '{...}' does not flood the editor's error message.
        add("bad placeholder name '" + TruncateCodePoints(token.text, 32) + "'" + at +
            ": use a-z, 0-9 and _, or write {{ for a literal brace");
        break;
      case Token::Kind::kUnclosed:
        add("unclosed '{'" + at + ": close it with } or write {{ for a literal brace");
        break;
      case Token::Kind::kUnmatched:
        add("unmatched '}'" + at + ": write }} for a literal brace");
        break;
      case Token::Kind::kText:
      case Token::Kind::kPlaceholder:
        break;
    }
  });
  if (!problems.empty()) {
    return Error{Errc::kUnprocessable, problems};
  }
  return Ok{};
}

}  // namespace lapor::text
