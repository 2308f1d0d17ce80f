#include "admin/admin_config.hpp"

namespace lapor::admin {

AdminConfig ReadAdminConfig(JsonReader& r, const nlohmann::json& section,
                            const std::string& config_path) {
  AdminConfig c{.tokens_file =
                    ResolvePath(config_path, r.String(section, "/admin", "tokens_file", false))};
  c.max_text_sms = r.Count(section, "/admin", "max_text_sms", c.max_text_sms, 1, 100);
  return c;
}

}  // namespace lapor::admin
