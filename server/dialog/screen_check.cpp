// Engine::CheckScreens: every screen of every node, in every language, rendered at its worst
// (longest answers, a hint above it, every page) and held against the screen limit, and every
// template the dialog and the bot need present in each language. Run once, when the engine is
// built.
#include <algorithm>
#include <array>
#include <functional>

#include "cases/case_status.hpp"
#include "dialog/engine.hpp"
#include "dialog/screen.hpp"

namespace lapor::dialog {
namespace {

// Texts the engine and the conversation send besides the dialog's own.
constexpr std::array<std::string_view, 23> kBuiltIn = {
    "nav.back",           "nav.more",           "error.choice",    "error.too_short",
    "error.too_long",     "error.format",       "resume.prompt",   "resume.yes",
    "resume.no",          "busy.text",          "sms.cancelled",   "sms.stopped",
    "sms.started",        "help.text",          "check.not_found", "check.bad_digit",
    "check.no_number",    "citizen.not_now",    "offer.yes",       "offer.no",
    "citizen.info_usage", "citizen.info_limit", "notice.received"};

// The checks of one engine, collecting every problem.
class ScreenCheck {
 public:
  ScreenCheck(const Engine& engine, std::string source, size_t limit)
      : engine_(engine), source_(std::move(source)), limit_(limit) {}

  // A problem when `key` has no text in `lang`.
  void Need(std::string_view lang, std::string_view key, const std::string& where) {
    if (!engine_.templates().Has(lang, key)) {
      problems_.push_back(where + ": template \"" + std::string(key) +
                          "\" is missing in language \"" + std::string(lang) + "\"");
    }
  }

  // False (and one problem) when the screen is too long.
  bool Fits(std::string_view screen, std::string_view lang, const std::string& where) {
    if (ScreenLength(screen) <= limit_) {
      return true;
    }
    problems_.push_back(where + ": screen in \"" + std::string(lang) + "\" is " +
                        std::to_string(ScreenLength(screen)) + " characters, more than " +
                        std::to_string(limit_) + ":\n" + std::string(screen));
    return false;
  }

  // The longest text each answer slot can show, so the worst screen is the one checked.
  text::Vars WorstAnswers(const std::string& lang) {
    auto longer = [](const std::string& a, const std::string& b) {
      return ScreenLength(a) < ScreenLength(b);
    };
    text::Vars worst{{"tracking_no", "12345678"}};
    for (auto status : cases::kCaseStatuses) {
      std::string key = "status." + std::string(status);
      Need(lang, key, source_ + ": (built in)");
      text::Vars vars{{"tracking_no", "12345678"}, {"updated_at", "28/11/2026 22:06 WIB"}};
      worst["status_text"] =
          std::max(worst["status_text"], engine_.templates().Render(lang, key, vars), longer);
    }
    for (const auto& [id, node] : engine_.dialog().nodes) {
      if (node.type == NodeType::kInput && !node.save.empty()) {
        worst[node.save] = std::string(node.max_length > 0 ? node.max_length : 200, 'x');
      }
      if (node.type == NodeType::kPlace) {
        worst[node.save] = std::string(places::PlaceIndex::kMaxLabel, 'x');
      }
      if (!node.save.empty() && !node.options.empty()) {
        for (const auto& option : node.options) {
          std::string label = option.label_key.empty()
                                  ? option.label_text
                                  : engine_.templates().Render(lang, option.label_key, {});
          worst[node.save] = std::max(worst[node.save], label, longer);
        }
      }
    }
    return worst;
  }

  // The templates a node names, present in `lang`.
  void NodeTemplates(const std::string& id, const Node& node, const std::string& lang) {
    std::string path = source_ + ": /nodes/" + id;
    std::string named = ": node \"" + id + "\"";
    if (!node.prompt.empty()) {
      Need(lang, node.prompt, path + "/prompt" + named);
    }
    for (const auto& [key, field] : {std::pair{&node.hint, "/hint"},
                                     {&node.offer, "/offer"},
                                     {&node.choose, "/choose"},
                                     {&node.retry, "/retry"}}) {
      if (!key->empty()) {
        Need(lang, *key, path + field + named);
      }
    }
    for (size_t i = 0; i < node.options.size(); ++i) {
      if (!node.options[i].label_key.empty()) {
        Need(lang, node.options[i].label_key,
             path + "/options/" + std::to_string(i) + "/label" + named);
      }
    }
  }

  // Every page of a node's screen, with each hint it can show above it; one problem per node
  // and language is enough to act on.
  // `paged`: every page of a menu is checked, not only the first.
  void NodeScreens(const std::string& id, const Node& node, const std::string& lang,
                   const text::Vars& worst,
                   const std::function<std::string(Session&, std::string_view)>& screen_of,
                   bool paged) {
    const std::string where = source_ + ": /nodes/" + id + ": node \"" + id + "\"";
    if (node.type == NodeType::kAction) {
      return;
    }
    if (node.type == NodeType::kEnd) {
      Fits(engine_.templates().Render(lang, node.prompt, worst), lang, where);
      return;
    }
    Session s;
    s.lang = lang;
    s.node = id;
    for (const auto& [slot, text] : worst) {
      s.answers[slot] = text;
    }
    std::vector<std::string> hints = {"error.choice"};
    if (node.type == NodeType::kPlace) {
      hints = {node.hint.empty() ? "error.choice" : node.hint};
    }
    if (node.type == NodeType::kInput) {
      hints = {"error.too_long", node.hint.empty() ? "error.too_short" : node.hint,
               node.hint.empty() ? "error.format" : node.hint};
    }
    bool ok = true;
    for (const auto& hint : hints) {
      for (s.page = 0; ok; ++s.page) {
        int asked = s.page;
        std::string page = asked == 0 ? where : where + " (page " + std::to_string(asked + 1) + ")";
        std::string screen = screen_of(s, hint);
        if (s.page != asked) {
          break;  // past the last page
        }
        ok = Fits(screen, lang, page);
        if (!paged) {
          break;
        }
      }
    }
  }

  std::vector<std::string> Take() { return std::move(problems_); }
  const std::string& source() const { return source_; }

 private:
  const Engine& engine_;
  std::string source_;
  size_t limit_;
  std::vector<std::string> problems_;
};

}  // namespace

// The longest a menu's offer can read: one of its labels, then one of the menu it leads to.
std::string Engine::WorstOffer(const Node& node, std::string_view lang) const {
  auto longer = [](const std::string& a, const std::string& b) {
    return ScreenLength(a) < ScreenLength(b);
  };
  std::string worst;
  for (const auto& option : node.options) {
    std::string text = Labels({option}, lang).front();
    const Node* next = dialog_->Find(option.next);
    std::string below;
    if (next != nullptr && next->type == NodeType::kMenu) {
      for (const auto& label : Labels(next->options, lang)) {
        below = std::max(below, ", " + label, longer);
      }
    }
    worst = std::max(worst, text + below, longer);
  }
  return worst;
}

std::vector<std::string> Engine::CheckScreens() const {
  ScreenCheck check(*this, dialog_->source.empty() ? dialog_->id : dialog_->source,
                    options_.screen_limit);
  auto screen_of = [this](Session& s, std::string_view hint) { return Screen(s, hint); };
  for (const auto& lang : templates_->languages()) {
    for (auto key : kBuiltIn) {
      check.Need(lang, key, check.source() + ": (built in)");
    }
    const text::Vars worst = check.WorstAnswers(lang);
    for (const auto& entry : dialog_->nodes) {
      const std::string& id = entry.first;
      const Node& node = entry.second;  // not a structured binding: clang 14 cannot capture one
      check.NodeTemplates(id, node, lang);
      bool menu = node.type == NodeType::kMenu || node.type == NodeType::kConfirm;
      check.NodeScreens(id, node, lang, worst, screen_of, menu);
      const MenuFooter footer{.back = "0. " + T(lang, "nav.back"),
                              .more = "98. " + T(lang, "nav.more")};
      if (node.type == NodeType::kPlace) {
        // The places found, each label as long as a label gets.
        std::vector<std::string> labels(node.choices,
                                        std::string(places::PlaceIndex::kMaxLabel, 'x'));
        labels.push_back(T(lang, node.retry));
        auto places_menu = [&](Session& s, std::string_view hint) {
          return PlaceScreen(s, node, hint, footer, &labels);
        };
        check.NodeScreens(id + " (places found)", node, lang, worst, places_menu, true);
      }
      if (!node.offer.empty()) {
        auto offer = [&](Session& s, std::string_view hint) {
          return OfferScreen(s, node, hint, footer, WorstOffer(node, lang));
        };
        check.NodeScreens(id + " (offer)", node, lang, worst, offer, false);
      }
    }
    Session resume;
    resume.lang = lang;
    resume.node = std::string(kResumeNode);
    check.Fits(Screen(resume, "error.choice"), lang, check.source() + ": (resume screen)");
  }
  return check.Take();
}

}  // namespace lapor::dialog
