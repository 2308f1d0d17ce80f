#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lapor::dialog {

// The navigation lines a menu page may end with.
struct MenuFooter {
  std::string back;  // "0. Kembali", or empty on the main menu
  std::string more;  // "98. Berikutnya"
};

struct MenuPage {
  std::string text;
  int page = 0;  // the page actually shown (clamped)
  bool has_more = false;
};

// Lays out a numbered menu (options numbered from 1 across pages) in pages of at most `limit`
// characters, each page starting with `header`. `reserve` characters are left free on every page
// so a one-line hint can be put above the header without moving the page breaks.
MenuPage RenderMenuPage(std::string_view header, const std::vector<std::string>& labels,
                        const MenuFooter& footer, size_t limit, size_t reserve, int page);

// Number of characters (code points) a screen shows.
size_t ScreenLength(std::string_view text);

// True for a typed answer of digits only ("12"), the way a menu option is chosen by number.
bool AllDigits(std::string_view typed);

}  // namespace lapor::dialog
