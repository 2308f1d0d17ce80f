#include "dialog/dialog_config.hpp"

#include "dialog/load.hpp"

namespace lapor::dialog {

DialogConfig ReadDialogConfig(JsonReader& r, const nlohmann::json& section, const std::string& path,
                              const std::string& config_path) {
  DialogConfig c;
  c.file = ResolvePath(config_path, r.String(section, path, "file", true));
  c.templates_dir = ResolvePath(config_path, r.String(section, path, "templates_dir", true));
  if (section.contains("languages")) {
    c.languages = r.Strings(section, path, "languages", true);
    if (c.languages.empty()) {
      r.Problem(path + "/languages", "needs at least one language");
    }
  }
  c.screen_limit = r.Count(section, path, "screen_limit", c.screen_limit, 40, 1000);
  constexpr size_t kWeekMinutes = 7 * 24 * 60;
  c.sms_idle_minutes =
      r.Count(section, path, "sms_idle_minutes", c.sms_idle_minutes, 1, kWeekMinutes);
  c.ussd_resume_minutes =
      r.Count(section, path, "ussd_resume_minutes", c.ussd_resume_minutes, 0, kWeekMinutes);
  c.dedupe_hours = r.Count(section, path, "dedupe_hours", c.dedupe_hours, 1, 24 * 30);
  return c;
}

std::shared_ptr<const Engine> BuildEngine(const DialogConfig& config, const OptionSources& sources,
                                          std::shared_ptr<const places::PlaceIndex> places) {
  EngineOptions options{
      .screen_limit = config.screen_limit,
      .sms_idle_ms = static_cast<TimeMs>(config.sms_idle_minutes) * 60 * 1000,
      .ussd_resume_ms = static_cast<TimeMs>(config.ussd_resume_minutes) * 60 * 1000};
  return LoadEngine(config.file, config.templates_dir, config.languages, sources, options,
                    std::move(places));
}

}  // namespace lapor::dialog
