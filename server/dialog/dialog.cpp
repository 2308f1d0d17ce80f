#include "dialog/dialog.hpp"

#include <algorithm>

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

const Node* Dialog::PlaceNode() const {
  for (const auto& [id, node] : nodes) {
    if (node.type == NodeType::kPlace) {
      return &node;
    }
  }
  return nullptr;
}

std::vector<std::string> Dialog::ValuesOf(std::string_view slot) const {
  std::vector<std::string> values;
  for (const auto& [id, node] : nodes) {
    if (node.save == slot) {
      for (const auto& option : node.options) {
        if (!option.value.empty() &&
            std::find(values.begin(), values.end(), option.value) == values.end()) {
          values.push_back(option.value);
        }
      }
    }
  }
  return values;
}

}  // namespace lapor::dialog
