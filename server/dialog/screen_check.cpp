// Engine::CheckScreens: every screen of every node, in every language, rendered at its worst
// (longest answers, a hint above it, every page) and held against the screen limit, and every
// template the dialog and the bot need present in each language. Run once, when the engine is
// built.
#include <algorithm>
#include <array>

#include "cases/case_status.hpp"
#include "dialog/engine.hpp"
#include "dialog/screen.hpp"

namespace lapor::dialog {
namespace {

// Texts the engine and the conversation send besides the dialog's own.
constexpr std::array<std::string_view, 20> kBuiltIn = {
    "nav.back",        "nav.more",        "error.choice",       "error.too_short",
    "error.too_long",  "error.format",    "resume.prompt",      "resume.yes",
    "resume.no",       "busy.text",       "sms.cancelled",      "sms.stopped",
    "sms.started",     "help.text",       "check.not_found",    "check.bad_digit",
    "check.no_number", "citizen.not_now", "citizen.info_usage", "notice.received"};

}  // namespace

std::vector<std::string> Engine::CheckScreens() const {
  std::vector<std::string> problems;
  const std::string& source = dialog_->source.empty() ? dialog_->id : dialog_->source;
  const size_t limit = options_.screen_limit;
  auto need = [&](std::string_view lang, std::string_view key, const std::string& where) {
    if (!templates_->Has(lang, key)) {
      problems.push_back(where + ": template \"" + std::string(key) +
                         "\" is missing in language \"" + std::string(lang) + "\"");
    }
  };
  // False (and one problem) when the screen is too long.
  auto fits = [&](std::string_view screen, std::string_view lang, const std::string& where) {
    if (ScreenLength(screen) <= limit) {
      return true;
    }
    problems.push_back(where + ": screen in \"" + std::string(lang) + "\" is " +
                       std::to_string(ScreenLength(screen)) + " characters, more than " +
                       std::to_string(limit) + ":\n" + std::string(screen));
    return false;
  };
  auto longer = [](const std::string& a, const std::string& b) {
    return ScreenLength(a) < ScreenLength(b);
  };
  for (const auto& lang : templates_->languages()) {
    for (auto key : kBuiltIn) {
      need(lang, key, source + ": (built in)");
    }
    // The longest text each answer slot can show, so the worst screen is the one checked.
    text::Vars worst{{"tracking_no", "12345678"}};
    for (auto status : cases::kCaseStatuses) {
      std::string key = "status." + std::string(status);
      need(lang, key, source + ": (built in)");
      text::Vars vars{{"tracking_no", "12345678"}, {"updated_at", "28/11/2026 22:06 WIB"}};
      worst["status_text"] = std::max(worst["status_text"], T(lang, key, vars), longer);
    }
    for (const auto& [id, node] : dialog_->nodes) {
      if (node.type == NodeType::kInput && !node.save.empty()) {
        worst[node.save] = std::string(node.max_length > 0 ? node.max_length : 200, 'x');
      }
      if (!node.save.empty() && !node.options.empty()) {
        for (const auto& label : Labels(node.options, lang)) {
          worst[node.save] = std::max(worst[node.save], label, longer);
        }
      }
    }
    for (const auto& [id, node] : dialog_->nodes) {
      std::string path = source + ": /nodes/" + id;
      std::string named = ": node \"" + id + "\"";
      std::string where = path + named;
      if (!node.prompt.empty()) {
        need(lang, node.prompt, path + "/prompt" + named);
      }
      if (!node.hint.empty()) {
        need(lang, node.hint, path + "/hint" + named);
      }
      for (size_t i = 0; i < node.options.size(); ++i) {
        if (!node.options[i].label_key.empty()) {
          need(lang, node.options[i].label_key,
               path + "/options/" + std::to_string(i) + "/label" + named);
        }
      }
      if (node.type == NodeType::kAction) {
        continue;
      }
      if (node.type == NodeType::kEnd) {
        fits(T(lang, node.prompt, worst), lang, where);
        continue;
      }
      Session s;
      s.lang = lang;
      s.node = id;
      for (const auto& [slot, text] : worst) {
        s.answers[slot] = text;
      }
      std::vector<std::string> hints;
      if (node.type == NodeType::kInput) {
        hints = {"error.too_long", node.hint.empty() ? "error.too_short" : node.hint,
                 node.hint.empty() ? "error.format" : node.hint};
      } else {
        hints = {"error.choice"};
      }
      // Every page of a long menu, with each hint it can show above it; one problem per node
      // and language is enough to act on.
      bool ok = true;
      for (const auto& hint : hints) {
        for (s.page = 0; ok; ++s.page) {
          int asked = s.page;
          std::string page =
              asked == 0 ? where : where + " (page " + std::to_string(asked + 1) + ")";
          std::string screen = Screen(s, hint);
          if (s.page != asked) {
            break;  // past the last page
          }
          ok = fits(screen, lang, page);
          if (node.type == NodeType::kInput) {
            break;
          }
        }
      }
    }
    Session resume;
    resume.lang = lang;
    resume.node = std::string(kResumeNode);
    fits(Screen(resume, "error.choice"), lang, source + ": (resume screen)");
  }
  return problems;
}

}  // namespace lapor::dialog
