#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace re2 {
class RE2;
}

namespace lapor::dialog {

// kPlace: the citizen types a place's name; the matches are offered as a menu (places/).
enum class NodeType { kMenu, kInput, kConfirm, kEnd, kAction, kPlace };
enum class Action { kNone, kFileCase, kCheckStatus, kSetLanguage };

struct Option {
  std::string value;       // saved into the node's slot; empty: pure navigation, nothing saved
  std::string label_key;   // template key of the label, or
  std::string label_text;  // a literal label (options from data: place names)
  std::string next;        // node entered when chosen
  bool clear_answers = false;
  // Words that, in a citizen's first free SMS, suggest this option ("jalan", "berlubang"):
  // lowercase, whole words.
  std::vector<std::string> words;
};

struct Node {
  std::string id;
  NodeType type = NodeType::kEnd;
  std::string prompt;                       // template key
  std::string hint;                         // template key shown after a wrong answer (input nodes)
  std::string save;                         // answer slot filled by this node
  std::vector<Option> options;              // menu / confirm (options_from is resolved at load)
  std::string next;                         // input / action
  size_t min_length = 0;                    // input, in characters
  size_t max_length = 0;                    // input, 0 = no bound
  std::shared_ptr<const re2::RE2> pattern;  // input: whole answer must match
  Action action = Action::kNone;            // action nodes run this, then go to next
  std::string action_value;         // set_language: the language; check_status: the slot to read
  std::vector<std::string> shrink;  // confirm: slots cut short, in order, until the screen fits
  std::string offer;   // menu: template key asking to confirm the options a first SMS suggests
  std::string choose;  // place: template key heading the menu of places found
  std::string retry;   // place: template key of the last option, "type the name again"
  size_t choices = 4;  // place: places offered at most
};

// A dialog as loaded and checked by dialog_loader; never changes after load.
struct Dialog {
  std::string source;  // the file it came from, to name in problems
  std::string id;
  std::string start;             // the main menu
  std::string report_start;      // where LAPOR and a long first SMS begin
  std::string sms_details_slot;  // the slot a long first SMS fills
  std::map<std::string, Node, std::less<>> nodes;

  const Node* Find(std::string_view node_id) const {
    auto it = nodes.find(node_id);
    return it == nodes.end() ? nullptr : &it->second;
  }
  // The option that saved `value` into `slot`, to show an answer by its label.
  const Option* OptionFor(std::string_view slot, std::string_view value) const;
  // The place node (the first, by id), or nullptr when the dialog asks for no place.
  const Node* PlaceNode() const;
  // The values the menu that saves `slot` offers ("category": kesehatan, infrastruktur, ...).
  std::vector<std::string> ValuesOf(std::string_view slot) const;
};

// Lists that menus take from data instead of the dialog file (kecamatan of the regency).
using OptionSources = std::map<std::string, std::vector<Option>, std::less<>>;

}  // namespace lapor::dialog
