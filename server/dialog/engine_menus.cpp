#include "dialog/engine.hpp"
#include "text/template.hpp"

// The menus an engine renders once, when it is built (engine.hpp, RenderedMenu).
namespace lapor::dialog {

void Engine::RenderMenus() {
  for (const auto& [id, node] : dialog_->nodes) {
    if (node.type != NodeType::kMenu && node.type != NodeType::kConfirm) {
      continue;
    }
    auto& by_lang = menus_[&node];
    for (const auto& lang : templates_->languages()) {
      RenderedMenu& menu = by_lang.emplace_back();
      menu.lang = lang;
      menu.labels = Labels(node.options, lang);
      // A confirm node's prompt is the summary of the answers; a menu's may name them too.
      if (node.type == NodeType::kConfirm ||
          !text::Placeholders(templates_->Raw(lang, node.prompt)).empty()) {
        continue;
      }
      menu.header = T(lang, node.prompt);
      const MenuFooter footer = Footer(node, lang);
      for (int page = 0;; ++page) {
        MenuPage shown = RenderMenuPage(menu.header, menu.labels, footer, options_.screen_limit,
                                        HintRoom(lang), page);
        if (shown.page != page) {
          break;  // past the last page
        }
        menu.pages.push_back(std::move(shown));
      }
    }
  }
}

const Engine::RenderedMenu* Engine::Rendered(const Node& node, std::string_view lang) const {
  auto it = menus_.find(&node);
  if (it == menus_.end()) {
    return nullptr;
  }
  for (const auto& menu : it->second) {
    if (menu.lang == lang) {
      return &menu;
    }
  }
  return nullptr;
}

const std::vector<std::string>& Engine::MenuLabels(const Node& node, std::string_view lang,
                                                   std::vector<std::string>& scratch) const {
  if (const RenderedMenu* menu = Rendered(node, lang)) {
    return menu->labels;
  }
  scratch = Labels(node.options, lang);
  return scratch;
}

}  // namespace lapor::dialog
