#include "dialog/dialog_loader.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "common/config_error.hpp"
#include "common/json_reader.hpp"

namespace lapor::dialog {
namespace {

const std::map<std::string, NodeType, std::less<>> kNodeTypes = {
    {"menu", NodeType::kMenu}, {"input", NodeType::kInput},   {"confirm", NodeType::kConfirm},
    {"end", NodeType::kEnd},   {"action", NodeType::kAction}, {"place", NodeType::kPlace}};
const std::map<std::string, Action, std::less<>> kActions = {
    {"file_case", Action::kFileCase},
    {"check_status", Action::kCheckStatus},
    {"set_language", Action::kSetLanguage}};

Option ReadOption(JsonReader& r, const nlohmann::json& doc, const std::string& path) {
  Option option;
  if (!doc.is_object()) {
    r.Problem(path, "must be an object");
    return option;
  }
  option.label_key = r.String(doc, path, "label", true);
  option.next = r.String(doc, path, "next", true);
  option.value = r.String(doc, path, "value", false);
  option.clear_answers = r.Bool(doc, path, "clear_answers", false);
  if (doc.contains("words")) {
    option.words = r.Strings(doc, path, "words", false);
    for (size_t i = 0; i < option.words.size(); ++i) {
      const auto& word = option.words[i];
      bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      });
      if (!plain) {
        r.Problem(path + "/words/" + std::to_string(i), "must be one lowercase word (a-z, 0-9)");
      }
    }
    if (option.value.empty()) {
      r.Problem(path + "/words", "only an option with a value can be suggested");
    }
  }
  return option;
}

// An input's pattern, compiled.
void ReadPattern(JsonReader& r, const nlohmann::json& doc, const std::string& path, Node& node) {
  auto pattern = r.String(doc, path, "pattern", false);
  if (pattern.empty()) {
    return;
  }
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<const re2::RE2>(pattern, options);
  if (!re->ok()) {
    r.Problem(path + "/pattern", "does not compile: " + re->error());
  } else {
    node.pattern = std::move(re);
  }
}

// An action node's action and its value.
void ReadAction(JsonReader& r, const nlohmann::json& doc, const std::string& path, Node& node) {
  std::string action = r.String(doc, path, "action", true);
  auto action_it = kActions.find(action);
  if (action_it == kActions.end()) {
    if (!action.empty()) {
      r.Problem(path + "/action",
                "unknown action \"" + action + "\" (file_case, check_status, set_language)");
    }
  } else {
    node.action = action_it->second;
  }
  // set_language: the language; check_status: the slot holding the number typed.
  bool needs_value = node.action == Action::kSetLanguage || node.action == Action::kCheckStatus;
  node.action_value = r.String(doc, path, "value", needs_value);
}

// A menu's options (its own, or a list from config) and a summary's shrink order.
void ReadOptions(JsonReader& r, const nlohmann::json& doc, const std::string& path,
                 const OptionSources& sources, Node& node) {
  if (auto from = doc.find("options_from"); from != doc.end()) {
    auto source = from->is_string() ? sources.find(from->get<std::string>()) : sources.end();
    if (source == sources.end()) {
      r.Problem(path + "/options_from", "names no option list from config");
    } else {
      node.options = source->second;
      for (auto& option : node.options) {
        option.next = node.next;
      }
    }
  } else if (auto options = doc.find("options"); options != doc.end() && options->is_array()) {
    for (size_t i = 0; i < options->size(); ++i) {
      node.options.push_back(ReadOption(r, (*options)[i], path + "/options/" + std::to_string(i)));
    }
  }
  if (node.options.empty()) {
    r.Problem(path + "/options", "a menu needs at least one option (or options_from)");
  }
  if (auto shrink = doc.find("shrink"); shrink != doc.end()) {
    if (!shrink->is_array()) {
      r.Problem(path + "/shrink", "must be a list of slot names");
    } else {
      for (const auto& slot : *shrink) {
        node.shrink.push_back(slot.is_string() ? slot.get<std::string>() : "");
      }
    }
  }
}

Node ReadNode(JsonReader& r, const std::string& id, const nlohmann::json& doc,
              const std::string& path, const OptionSources& sources) {
  Node node;
  node.id = id;
  if (!doc.is_object()) {
    r.Problem(path, "must be an object");
    return node;
  }
  std::string type = r.String(doc, path, "type", true);
  auto type_it = kNodeTypes.find(type);
  if (type_it == kNodeTypes.end()) {
    if (!type.empty()) {
      r.Problem(path + "/type",
                "unknown node type \"" + type + "\" (menu, input, confirm, end, action, place)");
    }
    return node;
  }
  node.type = type_it->second;
  bool shows = node.type != NodeType::kAction;
  node.prompt = r.String(doc, path, "prompt", shows);
  node.hint = r.String(doc, path, "hint", false);
  bool asks = node.type == NodeType::kInput || node.type == NodeType::kPlace;
  node.save = r.String(doc, path, "save", asks);
  bool has_next = asks || node.type == NodeType::kAction || doc.contains("options_from");
  node.next = r.String(doc, path, "next", has_next);
  node.min_length = r.Count(doc, path, "min_length");
  node.max_length = r.Count(doc, path, "max_length");
  if (node.max_length > 0 && node.max_length < node.min_length) {
    r.Problem(path + "/max_length", "is less than min_length");
  }
  ReadPattern(r, doc, path, node);
  if (node.type == NodeType::kAction) {
    ReadAction(r, doc, path, node);
  }
  if (node.type == NodeType::kMenu || node.type == NodeType::kConfirm) {
    ReadOptions(r, doc, path, sources, node);
    node.offer = r.String(doc, path, "offer", false);
  }
  if (node.type == NodeType::kPlace) {
    node.choose = r.String(doc, path, "choose", true);
    node.retry = r.String(doc, path, "retry", true);
    node.choices = r.Count(doc, path, "choices", node.choices, 1, 9);
  }
  return node;
}

// Every node id a node can lead to.
std::vector<std::string> Targets(const Node& node) {
  std::vector<std::string> targets;
  if (!node.next.empty()) {
    targets.push_back(node.next);
  }
  for (const auto& option : node.options) {
    targets.push_back(option.next);
  }
  return targets;
}

void CheckGraph(JsonReader& r, const Dialog& dialog) {
  for (const auto& [id, node] : dialog.nodes) {
    for (size_t i = 0; i < node.options.size(); ++i) {
      if (!node.options[i].next.empty() && !dialog.Find(node.options[i].next)) {
        r.Problem("/nodes/" + id + "/options/" + std::to_string(i) + "/next",
                  "names unknown node \"" + node.options[i].next + "\"");
      }
    }
    if (!node.next.empty() && !dialog.Find(node.next)) {
      r.Problem("/nodes/" + id + "/next", "names unknown node \"" + node.next + "\"");
    }
  }
  for (const char* key : {"start", "report_start"}) {
    const std::string& target =
        std::string_view(key) == "start" ? dialog.start : dialog.report_start;
    if (!target.empty() && !dialog.Find(target)) {
      r.Problem(std::string("/") + key, "names unknown node \"" + target + "\"");
    }
  }
  // Reachability from start.
  std::set<std::string> seen;
  std::vector<std::string> todo = {dialog.start};
  while (!todo.empty()) {
    std::string id = todo.back();
    todo.pop_back();
    const Node* node = dialog.Find(id);
    if (node == nullptr || !seen.insert(id).second) {
      continue;
    }
    for (auto& next : Targets(*node)) {
      todo.push_back(next);
    }
  }
  for (const auto& [id, node] : dialog.nodes) {
    if (!seen.contains(id)) {
      r.Problem("/nodes/" + id, "is unreachable from start \"" + dialog.start + "\"");
    }
  }
  // Action nodes run without input: a cycle of them would never show a screen.
  for (const auto& [id, node] : dialog.nodes) {
    const Node* at = &node;
    for (size_t hops = 0; at != nullptr && at->type == NodeType::kAction; ++hops) {
      if (hops > dialog.nodes.size()) {
        r.Problem("/nodes/" + id, "starts a cycle of action nodes");
        break;
      }
      at = dialog.Find(at->next);
    }
  }
  if (!dialog.sms_details_slot.empty()) {
    bool found = false;
    for (const auto& [id, node] : dialog.nodes) {
      found = found || (node.type == NodeType::kInput && node.save == dialog.sms_details_slot);
    }
    if (!found) {
      r.Problem("/sms_details_slot", "no input node saves \"" + dialog.sms_details_slot + "\"");
    }
  }
}

}  // namespace

Dialog ParseDialog(const nlohmann::json& doc, const OptionSources& sources,
                   std::string_view source_name) {
  JsonReader r{std::string(source_name)};
  Dialog dialog;
  if (!doc.is_object()) {
    r.Problem("/", "must be a JSON object");
    r.ThrowIfAny();
  }
  dialog.source = std::string(source_name);
  dialog.id = r.String(doc, "", "id", true);
  dialog.start = r.String(doc, "", "start", true);
  dialog.report_start = r.String(doc, "", "report_start", true);
  dialog.sms_details_slot = r.String(doc, "", "sms_details_slot", false);
  auto nodes = doc.find("nodes");
  if (nodes == doc.end() || !nodes->is_object() || nodes->empty()) {
    r.Problem("/nodes", "must be an object of node id -> node");
  } else {
    for (const auto& [id, node] : nodes->items()) {
      dialog.nodes.emplace(id, ReadNode(r, id, node, "/nodes/" + id, sources));
    }
  }
  if (r.problems().empty()) {
    CheckGraph(r, dialog);
  }
  r.ThrowIfAny();
  return dialog;
}

Dialog LoadDialogFile(const std::string& path, const OptionSources& sources) {
  return ParseDialog(ReadJsonFile(path), sources, path);
}

}  // namespace lapor::dialog
