#include "dialog/screen.hpp"

#include <algorithm>

#include "text/utf8.hpp"

namespace lapor::dialog {
namespace {

std::string OptionLine(size_t index, std::string_view label) {
  return std::to_string(index + 1) + ". " + std::string(label);
}

// Index of the first option of each page.
std::vector<size_t> PageStarts(size_t header_length, const std::vector<std::string>& labels,
                               const MenuFooter& footer, size_t limit) {
  std::vector<size_t> starts;
  size_t back = footer.back.empty() ? 0 : 1 + ScreenLength(footer.back);
  size_t more = 1 + ScreenLength(footer.more);
  size_t start = 0;
  while (start < labels.size()) {
    starts.push_back(start);
    size_t used = header_length;
    size_t rest = 0;
    for (size_t i = start; i < labels.size(); ++i) {
      rest += 1 + ScreenLength(OptionLine(i, labels[i]));
    }
    if (used + rest + back <= limit) {
      break;  // the rest fits on this page, no "more" needed
    }
    // Otherwise fill the page leaving room for the "more" line.
    size_t count = 0;
    for (size_t i = start; i < labels.size(); ++i) {
      size_t line = 1 + ScreenLength(OptionLine(i, labels[i]));
      if (count > 0 && used + line + back + more > limit) {
        break;
      }
      used += line;
      ++count;
    }
    start += count;
  }
  if (starts.empty()) {
    starts.push_back(0);
  }
  return starts;
}

}  // namespace

size_t ScreenLength(std::string_view text) { return text::CodePointCount(text); }

bool AllDigits(std::string_view typed) {
  return !typed.empty() &&
         std::all_of(typed.begin(), typed.end(), [](char c) { return c >= '0' && c <= '9'; });
}

MenuPage RenderMenuPage(std::string_view header, const std::vector<std::string>& labels,
                        const MenuFooter& footer, size_t limit, size_t reserve, int page) {
  auto starts = PageStarts(ScreenLength(header) + reserve, labels, footer, limit);
  MenuPage out;
  out.page = std::clamp(page, 0, static_cast<int>(starts.size()) - 1);
  size_t begin = starts[out.page];
  size_t end =
      out.page + 1 < static_cast<int>(starts.size()) ? starts[out.page + 1] : labels.size();
  out.text = std::string(header);
  for (size_t i = begin; i < end; ++i) {
    out.text += '\n';
    out.text += OptionLine(i, labels[i]);
  }
  out.has_more = end < labels.size();
  if (out.has_more) {
    out.text += '\n';
    out.text += footer.more;
  }
  if (!footer.back.empty()) {
    out.text += '\n';
    out.text += footer.back;
  }
  return out;
}

}  // namespace lapor::dialog
