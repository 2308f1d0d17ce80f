#include "dialog/dialog.hpp"

namespace lapor::dialog {

const Option* Dialog::OptionFor(std::string_view slot, std::string_view value) const {
  for (const auto& [id, node] : nodes) {
    if (node.save != slot) {
      continue;
    }
    for (const auto& option : node.options) {
      if (option.value == value) {
        return &option;
      }
    }
  }
  return nullptr;
}

}  // namespace lapor::dialog
