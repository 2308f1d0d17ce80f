#pragma once

#include "http/router.hpp"

namespace lapor::routes {

// The officials' web console, compiled into the binary (admin/console_files.hpp):
//   GET /admin   -> 301 to /admin/
//   GET /admin/  -> index.html
//   GET /admin/{file}  -> the file; 404 for any other name
// Every answer, a 404 too, carries the console's Content-Security-Policy, nosniff, no referrer
// and no caching. The pages hold no token and no data: they fetch /admin/v1 with the token from
// sessionStorage.
void AddConsoleRoutes(http::Router& router);

}  // namespace lapor::routes
