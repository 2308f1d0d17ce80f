// What the engine offers for confirmation instead of asking outright: the places and the menu
// options a citizen's first free SMS suggests, and the places found for a name typed at a place
// node. An offer is never taken as the answer until the citizen picks it.
#include <algorithm>
#include <set>

#include "dialog/engine.hpp"
#include "dialog/screen.hpp"
#include "places/place_key.hpp"

namespace lapor::dialog {
namespace {

std::vector<std::string> SplitCodes(const std::string& joined) {
  std::vector<std::string> codes;
  for (size_t from = 0; from < joined.size();) {
    size_t comma = std::min(joined.find(',', from), joined.size());
    codes.push_back(joined.substr(from, comma - from));
    from = comma + 1;
  }
  return codes;
}

// The option of `node` that suggests itself in `words` most (its words found there), with how
// many; ties go to the option whose word comes first in the text.
std::pair<const Option*, size_t> BestOption(const Node& node,
                                            const std::vector<std::string>& words) {
  const Option* best = nullptr;
  size_t best_hits = 0;
  size_t best_at = words.size();
  for (const auto& option : node.options) {
    size_t hits = 0;
    size_t first_at = words.size();
    for (const auto& word : option.words) {
      auto at = std::find(words.begin(), words.end(), word);
      if (at != words.end()) {
        ++hits;
        first_at = std::min(first_at, static_cast<size_t>(at - words.begin()));
      }
    }
    if (hits > best_hits || (hits > 0 && hits == best_hits && first_at < best_at)) {
      best = &option;
      best_hits = hits;
      best_at = first_at;
    }
  }
  return {best, best_hits};
}

}  // namespace

const std::vector<Option>& Engine::YesNoOptions() {
  static const std::vector<Option> options = {
      {.value = "yes", .label_key = "offer.yes"},
      {.value = "no", .label_key = "offer.no"},
  };
  return options;
}

void Engine::Suggest(Session& s, std::string_view text) const {
  if (const Node* place = dialog_->PlaceNode(); place != nullptr && places_ != nullptr) {
    std::string codes;
    for (const auto& match : places_->Spot(text, place->choices)) {
      codes += (codes.empty() ? "" : ",") + std::string(places_->map().at(match.place).code);
    }
    if (!codes.empty()) {
      s.offers[place->save] = codes;
    }
  }
  // The menu option whose words the text holds most, and the options that lead to it.
  auto words = places::PlaceWords(text);
  const Node* found_node = nullptr;
  const Option* found = nullptr;
  size_t found_hits = 0;
  for (const auto& [id, node] : dialog_->nodes) {
    auto [option, hits] = BestOption(node, words);
    if (option != nullptr && !node.save.empty() && hits > found_hits) {
      found_node = &node;
      found = option;
      found_hits = hits;
    }
  }
  std::vector<std::pair<const Node*, const Option*>> chain;
  while (found_node != nullptr) {
    chain.emplace_back(found_node, found);
    // Up one menu, if exactly one option of the dialog leads here.
    const Node* parent = nullptr;
    const Option* via = nullptr;
    size_t ways = 0;
    for (const auto& [id, node] : dialog_->nodes) {
      for (const auto& option : node.options) {
        if (option.next == found_node->id) {
          ++ways;
          parent = &node;
          via = &option;
        }
      }
    }
    bool up = ways == 1 && !parent->save.empty() && !via->value.empty();
    found_node = up ? parent : nullptr;
    found = up ? via : nullptr;
  }
  // Offered where the chain starts, if that menu knows how to ask.
  if (!chain.empty() && !chain.back().first->offer.empty()) {
    for (const auto& [node, option] : chain) {
      s.offers[node->save] = option->value;
    }
  }
}

std::vector<std::pair<const Node*, const Option*>> Engine::OfferChain(const Session& s,
                                                                      const Node& node) const {
  std::vector<std::pair<const Node*, const Option*>> chain;
  const Node* at = &node;
  std::set<std::string> seen;
  while (at != nullptr && at->type == NodeType::kMenu && seen.insert(at->id).second) {
    auto offered = s.offers.find(at->save);
    if (at->save.empty() || offered == s.offers.end()) {
      break;
    }
    auto option = std::find_if(at->options.begin(), at->options.end(),
                               [&](const Option& o) { return o.value == offered->second; });
    if (option == at->options.end()) {
      break;
    }
    chain.emplace_back(at, &*option);
    at = dialog_->Find(option->next);
  }
  // Only the menu that asks about the offer shows it.
  if (!chain.empty() && node.offer.empty()) {
    chain.clear();
  }
  return chain;
}

StepResult Engine::ChooseOffer(Session s, const Node& node, const StepInput& in) const {
  auto chain = OfferChain(s, node);
  auto labels = Labels(YesNoOptions(), s.lang);
  auto choice = MatchOption(in.text, YesNoOptions(), labels);
  if (!choice) {
    return Show(std::move(s), "error.choice");
  }
  for (const auto& [offered, option] : chain) {
    s.offers.erase(offered->save);
  }
  if (*choice == 1) {
    return Show(std::move(s));  // the menu itself, to pick another
  }
  // Yes: every option of the chain is the answer; the menus below the first are not shown.
  for (const auto& [offered, option] : chain) {
    s.answers[offered->save] = option->value;
  }
  return Enter(std::move(s), chain.back().second->next, in);
}

StepResult Engine::PlaceAnswer(Session s, const Node& node, const StepInput& in) const {
  const std::string& typed = in.text;
  auto offered = s.offers.find(node.save);
  if (offered != s.offers.end()) {
    auto codes = SplitCodes(offered->second);
    auto labels = PlaceLabelsOf(codes, s.lang, node);
    std::vector<Option> options(labels.size());
    auto choice = MatchOption(typed, options, labels);
    if (choice && *choice < codes.size()) {
      s.answers[node.save] = codes[*choice];
      s.offers.erase(node.save);
      return Enter(std::move(s), node.next, in);
    }
    if (choice || AllDigits(typed)) {
      bool retry = choice.has_value();
      if (retry) {
        s.offers.erase(node.save);
      }
      return Show(std::move(s), retry ? "" : "error.choice");
    }
  }
  auto matches = places_->Find(typed, node.choices);
  if (matches.empty()) {
    s.offers.erase(node.save);
    return Show(std::move(s), node.hint.empty() ? "error.choice" : node.hint);
  }
  std::string codes;
  for (const auto& match : matches) {
    codes += (codes.empty() ? "" : ",") + std::string(places_->map().at(match.place).code);
  }
  s.offers[node.save] = codes;
  return Show(std::move(s));
}

std::vector<std::string> Engine::PlaceLabelsOf(const std::vector<std::string>& codes,
                                               std::string_view lang, const Node& node) const {
  std::vector<std::string> labels;
  for (const auto& code : codes) {
    uint32_t id = places_ != nullptr ? places_->map().Find(code) : places::kNoPlace;
    labels.push_back(id == places::kNoPlace ? code : places_->Label(id));
  }
  labels.push_back(T(lang, node.retry));
  return labels;
}

std::string Engine::PlaceScreen(Session& s, const Node& node, std::string_view hint_key,
                                const MenuFooter& footer,
                                const std::vector<std::string>* labels) const {
  std::string hint = hint_key.empty() ? std::string() : T(s.lang, hint_key);
  auto offered = s.offers.find(node.save);
  if (offered == s.offers.end() && labels == nullptr) {
    std::string screen = T(s.lang, node.prompt) + "\n" + footer.back;
    return hint.empty() ? screen : hint + "\n" + screen;
  }
  std::vector<std::string> shown =
      labels != nullptr ? *labels : PlaceLabelsOf(SplitCodes(offered->second), s.lang, node);
  // A short menu: no room is kept for a hint, so "type again" stays on the first page; a hint,
  // when shown, may move it to the next.
  std::string header = T(s.lang, node.choose);
  if (!hint.empty()) {
    header = hint + "\n" + header;
  }
  auto page = RenderMenuPage(header, shown, footer, options_.screen_limit, 0, s.page);
  s.page = page.page;
  return page.text;
}

std::string Engine::OfferedText(const Session& s, const Node& node) const {
  std::string text;
  for (const auto& [offered, option] : OfferChain(s, node)) {
    std::string label =
        option->label_key.empty() ? option->label_text : T(s.lang, option->label_key);
    text += (text.empty() ? "" : ", ") + label;
  }
  return text;
}

std::string Engine::OfferScreen(Session& s, const Node& node, std::string_view hint_key,
                                const MenuFooter& footer, std::string offered) const {
  std::string header = T(s.lang, node.offer, {{"offer", std::move(offered)}});
  if (!hint_key.empty()) {
    header = T(s.lang, hint_key) + "\n" + header;
  }
  return RenderMenuPage(header, Labels(YesNoOptions(), s.lang), footer, options_.screen_limit, 0, 0)
      .text;
}

void Engine::DescribePlace(FiledCase& filed) const {
  const Node* node = dialog_->PlaceNode();
  if (node == nullptr || places_ == nullptr || !filed.answers.contains(node->save)) {
    return;
  }
  const auto& map = places_->map();
  uint32_t id = map.Find(filed.answers[node->save]);
  if (id == places::kNoPlace) {
    return;
  }
  filed.labels[node->save] = places_->Label(id);
  uint32_t district = map.Ancestor(id, places::Level::kDistrict);
  if (district != places::kNoPlace) {
    filed.answers["kecamatan"] = std::string(map.at(district).code);
    filed.labels["kecamatan"] = std::string(map.at(district).name);
  }
  uint32_t regency = map.Ancestor(id, places::Level::kRegency);
  if (regency != places::kNoPlace) {
    filed.region = std::string(map.at(regency).code);
    filed.labels["region"] = std::string(map.at(regency).name);
  }
}

}  // namespace lapor::dialog
