#pragma once

#include <span>
#include <string_view>

namespace lapor::admin {

// One file of the officials' web console (server/admin/console/), compiled into the binary
// (cmake/embed_console.cmake).
struct ConsoleFile {
  std::string_view name;  // "app.js"
  std::string_view text;
};

// Every file of the console, in file-name order.
std::span<const ConsoleFile> ConsoleFiles();

// The file `name`, or nullptr.
const ConsoleFile* FindConsoleFile(std::string_view name);

// Its Content-Type, from the extension.
std::string_view ConsoleContentType(std::string_view name);

// The Content-Security-Policy of every console answer: this origin only, no inline script or
// style, no frames, no plug-ins.
inline constexpr std::string_view kConsoleCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

}  // namespace lapor::admin
