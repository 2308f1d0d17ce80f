#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace lapor {

// A start-up problem in config or data files. Holds every problem found, each starting with the
// JSON path or file it concerns, so one run shows the whole list.
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<std::string> problems)
      : std::runtime_error(Join(problems)), problems_(std::move(problems)) {}
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  static std::string Join(const std::vector<std::string>& problems) {
    std::string text;
    for (const auto& p : problems) {
      text += p;
      text += '\n';
    }
    return text;
  }
  std::vector<std::string> problems_;
};

}  // namespace lapor
