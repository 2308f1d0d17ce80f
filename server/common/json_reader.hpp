#pragma once

#include <cstddef>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace lapor {

// Reads and parses a JSON data or config file. Throws ConfigError "<path>: cannot be read" or
// "<path>: not valid JSON: <where>".
nlohmann::json ReadJsonFile(const std::string& path);

// `relative` resolved against the folder of the config file `config_path`; an absolute path or ""
// as it is.
std::string ResolvePath(const std::string& config_path, const std::string& relative);

// Reads typed fields out of a config or data document and collects every problem with its JSON
// path ("config/default.json: /redis/port: must be a whole number from 1 to 65535"), so one run
// reports them all. Missing optional fields take the fallback.
class JsonReader {
 public:
  explicit JsonReader(std::string source) : source_(std::move(source)) {}

  void Problem(std::string_view path, std::string_view what);
  std::string String(const nlohmann::json& obj, const std::string& path, std::string_view key,
                     bool required, std::string fallback = {});
  size_t Count(const nlohmann::json& obj, const std::string& path, std::string_view key,
               size_t fallback = 0, size_t min = 0,
               size_t max = std::numeric_limits<size_t>::max());
  bool Bool(const nlohmann::json& obj, const std::string& path, std::string_view key,
            bool fallback);
  std::vector<std::string> Strings(const nlohmann::json& obj, const std::string& path,
                                   std::string_view key, bool required);
  // The object at obj[key], or an empty object (and a problem if required or not an object).
  const nlohmann::json& Object(const nlohmann::json& obj, const std::string& path,
                               std::string_view key, bool required);

  std::vector<std::string>& problems() { return problems_; }
  // Throws ConfigError with every problem collected, if any.
  void ThrowIfAny();

 private:
  // obj[key], or nullptr when it is missing (a problem at `at` if required).
  const nlohmann::json* Find(const nlohmann::json& obj, const std::string& at, std::string_view key,
                             bool required);

  std::string source_;
  std::vector<std::string> problems_;
};

}  // namespace lapor
