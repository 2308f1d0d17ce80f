// libFuzzer target: what an official's client sends the API. The first byte picks the reader;
// the rest is an action body (JSON) or a query string. Each answers a value or an Error, never a
// crash. Built by the CMake option LAPOR_FUZZ; run by scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "admin/case_view.hpp"
#include "admin/query_params.hpp"
#include "admin/tokens.hpp"
#include "cases/workflow.hpp"
#include "text/url_encoding.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: {
      auto body = nlohmann::json::parse(input, nullptr, /*allow_exceptions=*/false);
      if (!body.is_discarded()) {
        (void)lapor::cases::ParseAction(body);
      }
      break;
    }
    case 1:
      (void)lapor::admin::ParseCaseFilter(input);
      break;
    case 2:
      if (auto params = lapor::text::ParseUrlEncoded(input)) {
        (void)lapor::admin::ParseAuditPaging(*params);
        (void)lapor::admin::ParseReportRange(*params);
      }
      break;
    default:
      (void)lapor::admin::Authenticate(lapor::admin::TokenSet{}, input);
      (void)lapor::cases::ParseRole(input, "fuzz");
      break;
  }
  return 0;
}
