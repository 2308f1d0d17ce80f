#include "admin/admin_config.hpp"

namespace lapor::admin {

AdminConfig ReadAdminConfig(JsonReader& r, const nlohmann::json& section,
                            const std::string& config_path) {
  return AdminConfig{
      .tokens_file = ResolvePath(config_path, r.String(section, "/admin", "tokens_file", false))};
}

}  // namespace lapor::admin
