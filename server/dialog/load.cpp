#include "dialog/load.hpp"

#include "dialog/dialog_loader.hpp"

namespace lapor::dialog {

std::shared_ptr<const Engine> LoadEngine(const std::string& dialog_file,
                                         const std::string& templates_dir,
                                         const std::vector<std::string>& languages,
                                         const OptionSources& sources, EngineOptions options,
                                         std::shared_ptr<const places::PlaceIndex> places) {
  auto templates = std::make_shared<const text::TemplateSet>(
      text::TemplateSet::LoadDir(templates_dir, languages));
  auto dialog = std::make_shared<const Dialog>(LoadDialogFile(dialog_file, sources));
  if (!languages.empty()) {
    options.default_lang = languages.front();
  }
  return std::make_shared<const Engine>(std::move(dialog), std::move(templates), std::move(options),
                                        std::move(places));
}

}  // namespace lapor::dialog
