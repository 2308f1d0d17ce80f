#include "common/json_reader.hpp"

#include <filesystem>
#include <fstream>

#include "common/config_error.hpp"

namespace lapor {
namespace {

const nlohmann::json& EmptyObject() {
  static const nlohmann::json empty = nlohmann::json::object();
  return empty;
}

}  // namespace

std::string ResolvePath(const std::string& config_path, const std::string& relative) {
  if (relative.empty() || relative.front() == '/') {
    return relative;
  }
  auto base = std::filesystem::path(config_path).parent_path();
  return (base / relative).lexically_normal().string();
}

nlohmann::json ReadJsonFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw ConfigError({path + ": cannot be read"});
  }
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw ConfigError({path + ": not valid JSON: " + e.what()});
  }
}

const nlohmann::json* JsonReader::Find(const nlohmann::json& obj, const std::string& at,
                                       std::string_view key, bool required) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) {
      Problem(at, "is required");
    }
    return nullptr;
  }
  return &*it;
}

void JsonReader::Problem(std::string_view path, std::string_view what) {
  problems_.push_back(source_ + ": " + std::string(path.empty() ? "/" : path) + ": " +
                      std::string(what));
}

std::string JsonReader::String(const nlohmann::json& obj, const std::string& path,
                               std::string_view key, bool required, std::string fallback) {
  std::string at = path + "/" + std::string(key);
  const nlohmann::json* it = Find(obj, at, key, required);
  if (it == nullptr) {
    return fallback;
  }
  if (!it->is_string() || (required && it->get_ref<const std::string&>().empty())) {
    Problem(at, required ? "must be a non-empty string" : "must be a string");
    return fallback;
  }
  return it->get<std::string>();
}

size_t JsonReader::Count(const nlohmann::json& obj, const std::string& path, std::string_view key,
                         size_t fallback, size_t min, size_t max) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    return fallback;
  }
  if (!it->is_number_unsigned() || it->get<size_t>() < min || it->get<size_t>() > max) {
    std::string range = max == std::numeric_limits<size_t>::max()
                            ? ">= " + std::to_string(min)
                            : "from " + std::to_string(min) + " to " + std::to_string(max);
    Problem(path + "/" + std::string(key), "must be a whole number " + range);
    return fallback;
  }
  return it->get<size_t>();
}

bool JsonReader::Bool(const nlohmann::json& obj, const std::string& path, std::string_view key,
                      bool fallback) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    return fallback;
  }
  if (!it->is_boolean()) {
    Problem(path + "/" + std::string(key), "must be true or false");
    return fallback;
  }
  return it->get<bool>();
}

std::vector<std::string> JsonReader::Strings(const nlohmann::json& obj, const std::string& path,
                                             std::string_view key, bool required) {
  std::string at = path + "/" + std::string(key);
  const nlohmann::json* it = Find(obj, at, key, required);
  if (it == nullptr) {
    return {};
  }
  std::vector<std::string> values;
  if (!it->is_array()) {
    Problem(at, "must be a list of strings");
    return values;
  }
  for (size_t i = 0; i < it->size(); ++i) {
    const auto& item = (*it)[i];
    if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
      Problem(at + "/" + std::to_string(i), "must be a non-empty string");
      continue;
    }
    values.push_back(item.get<std::string>());
  }
  return values;
}

const nlohmann::json& JsonReader::Object(const nlohmann::json& obj, const std::string& path,
                                         std::string_view key, bool required) {
  std::string at = path + "/" + std::string(key);
  const nlohmann::json* it = Find(obj, at, key, required);
  if (it == nullptr) {
    return EmptyObject();
  }
  if (!it->is_object()) {
    Problem(at, "must be an object");
    return EmptyObject();
  }
  return *it;
}

void JsonReader::ThrowIfAny() {
  if (!problems_.empty()) {
    throw ConfigError(std::move(problems_));
  }
}

}  // namespace lapor
