#include "admin/console_files.hpp"

namespace lapor::admin {

const ConsoleFile* FindConsoleFile(std::string_view name) {
  for (const ConsoleFile& file : ConsoleFiles()) {
    if (file.name == name) {
      return &file;
    }
  }
  return nullptr;
}

std::string_view ConsoleContentType(std::string_view name) {
  if (name.ends_with(".js")) {
    return "text/javascript; charset=utf-8";
  }
  if (name.ends_with(".css")) {
    return "text/css; charset=utf-8";
  }
  return "text/html; charset=utf-8";
}

}  // namespace lapor::admin
