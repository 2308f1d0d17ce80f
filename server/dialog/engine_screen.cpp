#include <algorithm>

#include "cases/tracking_number.hpp"
#include "common/whole_number.hpp"
#include "dialog/engine.hpp"
#include "dialog/screen.hpp"
#include "text/citizen_text.hpp"
#include "text/local_time.hpp"
#include "text/utf8.hpp"

// How the engine shows a node: labels, the screen with its hint and pages, the status of a case,
// and how a typed word matches an option.
namespace lapor::dialog {
namespace {

constexpr std::string_view kEllipsis = "...";

}  // namespace

const std::vector<Option>& Engine::ResumeOptions() {
  static const std::vector<Option> options = {
      {.value = "yes", .label_key = "resume.yes"},
      {.value = "no", .label_key = "resume.no"},
  };
  return options;
}

std::string Engine::T(std::string_view lang, std::string_view key, const text::Vars& vars) const {
  return templates_->Render(lang, key, vars);
}

std::string Engine::BusyText(std::string_view lang) const { return T(lang, "busy.text"); }

std::vector<std::string> Engine::Labels(const std::vector<Option>& options,
                                        std::string_view lang) const {
  std::vector<std::string> labels;
  labels.reserve(options.size());
  for (const auto& option : options) {
    labels.push_back(option.label_key.empty() ? option.label_text : T(lang, option.label_key));
  }
  return labels;
}

MenuFooter Engine::Footer(const Node& node, std::string_view lang) const {
  return MenuFooter{.back = node.id == dialog_->start ? "" : "0. " + T(lang, "nav.back"),
                    .more = "98. " + T(lang, "nav.more")};
}

size_t Engine::HintRoom(std::string_view lang) const {
  return ScreenLength(T(lang, "error.choice")) + 1;
}

std::optional<size_t> Engine::MatchOption(std::string_view typed,
                                          const std::vector<Option>& options,
                                          const std::vector<std::string>& labels) const {
  if (AllDigits(typed)) {
    if (typed.size() > 3) {
      return std::nullopt;
    }
    size_t n = 0;
    if (ParseWhole(typed, n) && n >= 1 && n <= options.size()) {
      return n - 1;
    }
    return std::nullopt;
  }
  std::string folded = text::FoldForMatch(typed);
  if (folded.empty()) {
    return std::nullopt;
  }
  std::optional<size_t> prefix_match;
  size_t prefix_count = 0;
  for (size_t i = 0; i < options.size(); ++i) {
    std::string label = text::FoldForMatch(labels[i]);
    if (label == folded || (!options[i].value.empty() && options[i].value == folded)) {
      return i;
    }
    // The first word of a label ("Pelayanan" for "Pelayanan Publik"), or any unique prefix of
    // three letters or more, is enough.
    if (folded.size() >= 3 && label.starts_with(folded)) {
      prefix_match = i;
      ++prefix_count;
    }
  }
  return prefix_count == 1 ? prefix_match : std::nullopt;
}

text::Vars Engine::AnswerVars(const Session& s) const {
  text::Vars vars;
  const Node* place = dialog_->PlaceNode();
  for (const auto& [slot, value] : s.answers) {
    const Option* option = dialog_->OptionFor(slot, value);
    if (place != nullptr && slot == place->save) {
      vars[slot] = PlaceLabelsOf({value}, s.lang, *place).front();
    } else if (option == nullptr) {
      vars[slot] = value;
    } else {
      vars[slot] = option->label_key.empty() ? option->label_text : T(s.lang, option->label_key);
    }
  }
  return vars;
}

std::string Engine::Screen(Session& s, std::string_view hint_key, const text::Vars& extra) const {
  const size_t limit = options_.screen_limit;
  std::string hint = hint_key.empty() ? std::string() : T(s.lang, hint_key);
  if (s.node == kResumeNode) {
    std::string header = T(s.lang, "resume.prompt");
    if (!hint.empty()) {
      header = hint + "\n" + header;
    }
    return RenderMenuPage(header, Labels(ResumeOptions(), s.lang), {}, limit, 0, 0).text;
  }
  const Node* node = dialog_->Find(s.node);
  if (node == nullptr) {
    return T(s.lang, "busy.text");
  }
  // The answers as a prompt names them, and the lines below the options: only for a screen that
  // is rendered now (a menu's page rendered with the engine needs neither).
  auto vars = [&] {
    text::Vars all = AnswerVars(s);
    for (const auto& [key, value] : extra) {
      all[key] = value;
    }
    return all;
  };
  auto footer = [&] { return Footer(*node, s.lang); };
  switch (node->type) {
    case NodeType::kPlace:
      return PlaceScreen(s, *node, hint_key, footer());
    case NodeType::kMenu:
    case NodeType::kConfirm: {
      if (auto offered = OfferedText(s, *node); !offered.empty()) {
        return OfferScreen(s, *node, hint_key, footer(), std::move(offered));
      }
      const RenderedMenu* rendered = Rendered(*node, s.lang);
      const bool fixed = rendered != nullptr && !rendered->pages.empty();
      if (fixed && hint.empty()) {
        const auto& page =
            rendered->pages[std::clamp(s.page, 0, static_cast<int>(rendered->pages.size()) - 1)];
        s.page = page.page;
        return page.text;
      }
      std::vector<std::string> scratch;
      const auto& labels = MenuLabels(*node, s.lang, scratch);
      const MenuFooter menu_footer = footer();
      const bool summary = node->type == NodeType::kConfirm;
      // Room for the one-line hint is kept on every page so page breaks never move; a summary
      // never pages, and gives up room to a hint only when one is shown.
      size_t reserve = summary ? 0 : HintRoom(s.lang);
      std::string header = summary
                               ? ConfirmSummary(*node, s.lang, vars(), labels, menu_footer, hint)
                           : fixed ? rendered->header
                                   : T(s.lang, node->prompt, vars());
      if (!hint.empty()) {
        reserve -= std::min(reserve, ScreenLength(hint) + 1);
        header = hint + "\n" + header;
      }
      auto page = RenderMenuPage(header, labels, menu_footer, limit, reserve, s.page);
      s.page = page.page;
      return page.text;
    }
    case NodeType::kInput: {
      text::Vars bounds{{"min", std::to_string(node->min_length)},
                        {"max", std::to_string(node->max_length)}};
      hint = hint_key.empty() ? "" : T(s.lang, hint_key, bounds);
      std::string screen = T(s.lang, node->prompt, vars()) + "\n" + footer().back;
      return hint.empty() ? screen : hint + "\n" + screen;
    }
    case NodeType::kEnd:
    case NodeType::kAction:
      return T(s.lang, node->prompt, vars());
  }
  return {};
}

std::string Engine::CheckStatusText(std::string_view lang, std::string_view typed,
                                    const StepInput& in) const {
  auto parsed = cases::ParseTrackingNumber(typed);
  switch (parsed.parse) {
    case cases::TrackingParse::kNoNumber:
      return T(lang, "check.no_number");
    case cases::TrackingParse::kBadCheckDigit:
      return T(lang, "check.bad_digit", {{"tracking_no", parsed.digits}});
    case cases::TrackingParse::kValid:
      break;
  }
  // Another citizen's case reads exactly like a missing one: no leak of what exists.
  const auto& found = in.lookup;
  if (!found || found->tracking_no != parsed.digits || found->phone != in.msisdn) {
    return T(lang, "check.not_found", {{"tracking_no", parsed.digits}});
  }
  return T(
      lang, "status." + found->status,
      {{"tracking_no", found->tracking_no}, {"updated_at", text::FormatWib(found->updated_at)}});
}

std::string Engine::ConfirmSummary(const Node& node, std::string_view lang, text::Vars vars,
                                   const std::vector<std::string>& labels, const MenuFooter& footer,
                                   std::string_view hint) const {
  size_t used = footer.back.empty() ? 0 : 1 + ScreenLength(footer.back);
  for (size_t i = 0; i < labels.size(); ++i) {
    used += 1 + ScreenLength(std::to_string(i + 1) + ". " + labels[i]);
  }
  used += hint.empty() ? 0 : ScreenLength(hint) + 1;
  const size_t limit = options_.screen_limit;
  return FitSummary(node, lang, std::move(vars), limit > used ? limit - used : 0);
}

// A summary never pages: the free-text answers are cut short, in the node's shrink order, until
// the rendered prompt fits `budget` characters.
std::string Engine::FitSummary(const Node& node, std::string_view lang, text::Vars vars,
                               size_t budget) const {
  std::string header = T(lang, node.prompt, vars);
  for (const auto& slot : node.shrink) {
    auto value = vars.find(slot);
    size_t length = ScreenLength(header);
    if (length <= budget || value == vars.end()) {
      continue;
    }
    size_t over = length - budget + kEllipsis.size();
    size_t keep = ScreenLength(value->second) > over ? ScreenLength(value->second) - over : 0;
    value->second = text::TruncateCodePoints(value->second, keep) + std::string(kEllipsis);
    header = T(lang, node.prompt, vars);
  }
  return header;
}

}  // namespace lapor::dialog
