#include "places/place_key.hpp"

#include <algorithm>
#include <array>

namespace lapor::places {
namespace {

constexpr std::array<std::string_view, 12> kKindWords = {
    "kabupaten", "kab",       "kota", "kecamatan", "kec",  "desa",
    "ds",        "kelurahan", "kel",  "provinsi",  "prov", "administrasi"};

bool IsWordChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Join(const std::vector<std::string>& words, size_t from) {
  std::string key;
  for (size_t i = from; i < words.size(); ++i) {
    key += words[i];
  }
  return key;
}

}  // namespace

std::vector<std::string> PlaceWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char raw : text) {
    char c = Lower(raw);
    if (IsWordChar(c)) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) {
    words.push_back(std::move(word));
  }
  return words;
}

bool IsPlaceKindWord(std::string_view word) {
  return std::find(kKindWords.begin(), kKindWords.end(), word) != kKindWords.end();
}

std::string PlaceKey(std::string_view text) {
  auto words = PlaceWords(text);
  size_t first = 0;
  while (first < words.size() && IsPlaceKindWord(words[first])) {
    ++first;
  }
  return Join(words, first == words.size() ? 0 : first);
}

std::string FullPlaceKey(std::string_view text) { return Join(PlaceWords(text), 0); }

size_t BoundedDistance(std::string_view a, std::string_view b, size_t bound) {
  // What both start and end with costs nothing: only the middles are compared.
  while (!a.empty() && !b.empty() && a.front() == b.front()) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  size_t n = a.size();
  size_t m = b.size();
  if ((n > m ? n - m : m - n) > bound) {
    return bound + 1;
  }
  // Three rows of the optimal-string-alignment table; names are short, so they live on the stack
  // unless a text is unusually long.
  constexpr size_t kStack = 64;
  std::array<size_t, 3 * kStack> stack_rows{};
  std::vector<size_t> heap_rows;
  size_t* rows = stack_rows.data();
  if (m + 1 > kStack) {
    heap_rows.resize(3 * (m + 1));
    rows = heap_rows.data();
  }
  size_t* before = rows;            // row i - 2
  size_t* previous = rows + m + 1;  // row i - 1
  size_t* current = rows + 2 * (m + 1);
  for (size_t j = 0; j <= m; ++j) {
    previous[j] = j;
  }
  for (size_t i = 1; i <= n; ++i) {
    current[0] = i;
    size_t row_min = current[0];
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t best = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, before[j - 2] + 1);
      }
      current[j] = best;
      row_min = std::min(row_min, best);
    }
    if (row_min > bound) {
      return bound + 1;
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], bound + 1);
}

size_t TyposAllowed(size_t key_length) {
  if (key_length <= 3) {
    return 0;
  }
  return key_length <= 6 ? 1 : 2;
}

}  // namespace lapor::places
