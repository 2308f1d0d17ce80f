#include "places/wilayah.hpp"

#include <algorithm>
#include <array>
#include <fstream>

#include "common/config_error.hpp"

namespace lapor::places {
namespace {

constexpr std::array<const char*, 4> kFiles = {"provinces.tsv", "regencies.tsv", "districts.tsv",
                                               "villages.tsv"};
// Problems reported per file before the rest is skipped: a wrong file is wrong everywhere.
constexpr size_t kMaxProblemsPerFile = 5;

bool Digits(std::string_view text, size_t count) {
  return text.size() == count &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool LevelOfCode(std::string_view code, Level& level) {
  // Parts of 2, 2, 2 and 4 digits, separated by dots.
  static constexpr std::array<size_t, 4> kWidths = {2, 2, 2, 4};
  size_t part = 0;
  while (part < kWidths.size()) {
    size_t dot = code.find('.');
    if (!Digits(code.substr(0, dot), kWidths[part])) {
      return false;
    }
    if (dot == std::string_view::npos) {
      level = static_cast<Level>(part);
      return true;
    }
    code.remove_prefix(dot + 1);
    ++part;
  }
  return false;
}

std::shared_ptr<const Wilayah> Wilayah::Load(const std::string& dir) {
  std::vector<std::string> texts;
  std::vector<std::string> problems;
  for (const char* file : kFiles) {
    std::string path = dir + "/" + file;
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    std::string text(in ? static_cast<size_t>(in.tellg()) : 0, '\0');
    if (!in || !in.seekg(0) || !in.read(text.data(), static_cast<std::streamsize>(text.size()))) {
      problems.push_back(path + ": cannot be read (scripts/import-wilayah writes it)");
      continue;
    }
    texts.push_back(std::move(text));
  }
  if (!problems.empty()) {
    throw ConfigError(std::move(problems));
  }
  return Parse(std::move(texts), dir);
}

std::shared_ptr<const Wilayah> Wilayah::Parse(std::vector<std::string> texts,
                                              const std::string& dir) {
  std::shared_ptr<Wilayah> map(new Wilayah());
  std::vector<std::string> problems;
  for (size_t level = 0; level < kFiles.size() && level < texts.size(); ++level) {
    map->begin_[level] = static_cast<uint32_t>(map->places_.size());
    map->texts_.push_back(std::make_unique<const std::string>(std::move(texts[level])));
    std::string_view rest = *map->texts_.back();
    size_t found = 0;
    auto problem = [&](size_t line, const std::string& what) {
      if (++found <= kMaxProblemsPerFile) {
        problems.push_back(dir + "/" + kFiles[level] + ":" + std::to_string(line) + ": " + what);
      }
    };
    for (size_t line = 1; !rest.empty(); ++line) {
      size_t end = rest.find('\n');
      std::string_view row = rest.substr(0, end);
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
      size_t tab = row.find('\t');
      Place place;
      place.code = row.substr(0, tab);
      place.name = tab == std::string_view::npos ? std::string_view() : row.substr(tab + 1);
      Level shape = Level::kProvince;
      if (!LevelOfCode(place.code, shape) || static_cast<size_t>(shape) != level) {
        problem(line, "\"" + std::string(place.code) + "\" is not a code of this level");
        continue;
      }
      if (place.name.empty() || place.name.find('\t') != std::string_view::npos) {
        problem(line, "needs \"<code>\\t<name>\"");
        continue;
      }
      if (map->places_.size() > map->begin_[level] && map->places_.back().code >= place.code) {
        problem(line, std::string(place.code) + " is out of order or repeated");
        continue;
      }
      place.level = shape;
      if (level > 0) {
        place.parent = map->Find(place.code.substr(0, place.code.rfind('.')));
        if (place.parent == kNoPlace) {
          problem(line, std::string(place.code) + " has no parent one level up");
          continue;
        }
      }
      map->places_.push_back(place);
    }
    map->begin_[level + 1] = static_cast<uint32_t>(map->places_.size());
  }
  if (texts.size() != kFiles.size()) {
    problems.push_back(dir + ": needs the four files " + kFiles[0] + ", ..., " + kFiles[3]);
  }
  if (!problems.empty()) {
    throw ConfigError(std::move(problems));
  }
  return map;
}

uint32_t Wilayah::Find(std::string_view code) const {
  Level level = Level::kProvince;
  if (!LevelOfCode(code, level)) {
    return kNoPlace;
  }
  auto first = places_.begin() + Begin(level);
  auto last = places_.begin() + End(level);
  auto it = std::lower_bound(first, last, code,
                             [](const Place& p, std::string_view c) { return p.code < c; });
  return it != last && it->code == code ? static_cast<uint32_t>(it - places_.begin()) : kNoPlace;
}

uint32_t Wilayah::Ancestor(uint32_t id, Level level) const {
  while (id != kNoPlace && places_[id].level > level) {
    id = places_[id].parent;
  }
  return id != kNoPlace && places_[id].level == level ? id : kNoPlace;
}

size_t Wilayah::Count(Level level) const { return End(level) - Begin(level); }

}  // namespace lapor::places
