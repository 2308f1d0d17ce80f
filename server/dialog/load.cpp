#include "dialog/load.hpp"

#include <cctype>

#include "dialog/dialog_loader.hpp"

namespace lapor::dialog {

std::vector<Option> PlaceOptions(const std::vector<std::string>& names) {
  std::vector<Option> options;
  for (const auto& name : names) {
    Option option;
    option.label_text = name;
    for (char c : name) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        option.value += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else if (!option.value.empty() && option.value.back() != '-') {
        option.value += '-';
      }
    }
    options.push_back(std::move(option));
  }
  return options;
}

std::shared_ptr<const Engine> LoadEngine(const std::string& dialog_file,
                                         const std::string& templates_dir,
                                         const std::vector<std::string>& languages,
                                         const OptionSources& sources, EngineOptions options) {
  auto templates = std::make_shared<const text::TemplateSet>(
      text::TemplateSet::LoadDir(templates_dir, languages));
  auto dialog = std::make_shared<const Dialog>(LoadDialogFile(dialog_file, sources));
  if (!languages.empty()) {
    options.default_lang = languages.front();
  }
  return std::make_shared<const Engine>(std::move(dialog), std::move(templates),
                                        std::move(options));
}

}  // namespace lapor::dialog
