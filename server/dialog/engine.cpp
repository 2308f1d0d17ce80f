#include "dialog/engine.hpp"

#include <re2/re2.h>

#include <algorithm>

#include "cases/tracking_number.hpp"
#include "common/config_error.hpp"
#include "dialog/screen.hpp"
#include "dialog/sms_keywords.hpp"
#include "text/citizen_text.hpp"
#include "text/local_time.hpp"
#include "text/utf8.hpp"

namespace lapor::dialog {
namespace {

constexpr std::string_view kBack = "0";
constexpr std::string_view kMainMenu = "00";
constexpr std::string_view kMore = "98";
constexpr std::string_view kEllipsis = "...";
// Bound on action hops within one step; the loader refuses cycles, this only guards the loop.
constexpr int kMaxHops = 32;

const std::vector<Option>& ResumeOptions() {
  static const std::vector<Option> options = {
      {.value = "yes", .label_key = "resume.yes"},
      {.value = "no", .label_key = "resume.no"},
  };
  return options;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Engine::Engine(std::shared_ptr<const Dialog> dialog,
               std::shared_ptr<const text::TemplateSet> templates, EngineOptions options)
    : dialog_(std::move(dialog)), templates_(std::move(templates)), options_(std::move(options)) {
  if (auto problems = CheckScreens(); !problems.empty()) {
    throw ConfigError(std::move(problems));
  }
}

std::string Engine::T(std::string_view lang, std::string_view key, const text::Vars& vars) const {
  return templates_->Render(lang, key, vars);
}

std::string Engine::BusyText(std::string_view lang) const { return T(lang, "busy.text"); }

Session Engine::Fresh(std::string_view lang, TimeMs now) const {
  Session s;
  s.node = dialog_->start;
  s.lang = std::string(lang);
  s.started_at = now;
  s.updated_at = now;
  return s;
}

StepResult Engine::Step(std::optional<Session> current, const StepInput& in, TimeMs now) const {
  bool expired =
      current && in.channel == Channel::kSms && now - current->updated_at > options_.sms_idle_ms;
  if (expired) {
    current.reset();
  }
  if (current) {
    current->updated_at = now;
  }
  return in.channel == Channel::kSms ? SmsStep(std::move(current), in, now)
                                     : UssdStep(std::move(current), in, now);
}

StepResult Engine::UssdStep(std::optional<Session> current, const StepInput& in, TimeMs now) const {
  if (in.ussd_dial || !current) {
    const auto& r = in.resume;
    bool resumable = r && now - r->updated_at <= options_.ussd_resume_ms &&
                     r->node != dialog_->start && dialog_->Find(r->node) != nullptr;
    if (resumable) {
      Session s = *r;
      s.resume_node = s.node;
      s.node = std::string(kResumeNode);
      s.page = 0;
      s.updated_at = now;
      s.ussd_text.clear();
      return Show(std::move(s));
    }
    return Show(Fresh(r ? r->lang : options_.default_lang, now));
  }
  return Advance(std::move(*current), in);
}

StepResult Engine::SmsStep(std::optional<Session> current, const StepInput& in, TimeMs now) const {
  std::string lang = current ? current->lang : options_.default_lang;
  SmsCommand command = ParseSmsCommand(in.text);
  switch (command.keyword) {
    case Keyword::kCheck:
      // A status check leaves any dialog in progress where it was.
      return {.session = current, .screen = CheckStatusText(lang, command.argument, in)};
    case Keyword::kHelp:
      return {.session = current, .screen = T(lang, "help.text")};
    case Keyword::kCancel:
      return {.session = std::nullopt, .screen = T(lang, "sms.cancelled"), .end = true};
    case Keyword::kLanguage: {
      Session s = current ? std::move(*current) : Fresh(command.argument, now);
      s.lang = command.argument;
      return Show(std::move(s));
    }
    case Keyword::kReport:
      // "Lapor, jalan di depan sekolah rusak" in the middle of a dialog is an answer, not a
      // restart: only a bare LAPOR starts over.
      if (current && !command.argument.empty()) {
        break;
      }
      return StartReport(Fresh(lang, now), command.argument, in);
    case Keyword::kStop:
    case Keyword::kStart: {
      bool stop = command.keyword == Keyword::kStop;
      return {.session = current,
              .screen = T(lang, stop ? "sms.stopped" : "sms.started"),
              .opt_out = stop};
    }
    case Keyword::kInfo:
    case Keyword::kFeedback:
      // Case actions: the conversation applies them to the case before the dialog is asked.
    case Keyword::kNone:
      break;
  }
  if (current) {
    return Advance(std::move(*current), in);
  }
  // A first message long enough to be a report is taken as its details.
  const Node* details = SlotNode(dialog_->sms_details_slot);
  if (details != nullptr && text::CodePointCount(in.text) >= details->min_length) {
    return StartReport(Fresh(lang, now), in.text, in);
  }
  return Show(Fresh(lang, now));
}

const Node* Engine::SlotNode(std::string_view slot) const {
  for (const auto& [id, node] : dialog_->nodes) {
    if (node.type == NodeType::kInput && node.save == slot) {
      return &node;
    }
  }
  return nullptr;
}

StepResult Engine::StartReport(Session s, std::string_view details, const StepInput& in) const {
  const Node* slot = SlotNode(dialog_->sms_details_slot);
  if (slot != nullptr && text::CodePointCount(details) >= slot->min_length) {
    s.answers[slot->save] = slot->max_length > 0
                                ? text::TruncateCodePoints(details, slot->max_length)
                                : std::string(details);
    s.prefilled.insert(slot->save);
  }
  return Enter(std::move(s), dialog_->report_start, in);
}

StepResult Engine::Advance(Session s, const StepInput& in) const {
  const std::string& typed = in.text;
  if (typed == kMainMenu) {
    Session fresh = Fresh(s.lang, s.updated_at);
    fresh.ussd_text = s.ussd_text;
    fresh.started_at = s.started_at;
    return Show(std::move(fresh));
  }
  if (s.node == kResumeNode) {
    auto labels = Labels(ResumeOptions(), s.lang);
    auto choice = MatchOption(typed, ResumeOptions(), labels);
    if (!choice) {
      return Show(std::move(s), "error.choice");
    }
    if (*choice == 0) {
      s.node = s.resume_node;
      s.resume_node.clear();
      return Show(std::move(s));
    }
    return Show(Fresh(s.lang, s.updated_at));
  }
  const Node* node = dialog_->Find(s.node);
  if (node == nullptr) {
    return Show(Fresh(s.lang, s.updated_at));
  }
  if (typed == kBack) {
    return Back(std::move(s));
  }
  switch (node->type) {
    case NodeType::kMenu:
    case NodeType::kConfirm: {
      auto labels = Labels(node->options, s.lang);
      if (typed == kMore) {
        ++s.page;
        return Show(std::move(s));
      }
      auto choice = MatchOption(typed, node->options, labels);
      if (!choice) {
        return Show(std::move(s), "error.choice");
      }
      const Option& option = node->options[*choice];
      if (option.clear_answers) {
        // Starting over: "0" must not lead back to a summary of answers that are gone.
        s.answers.clear();
        s.prefilled.clear();
        s.trail.clear();
        s.node.clear();
      }
      if (!node->save.empty()) {
        s.answers[node->save] = option.value.empty() ? labels[*choice] : option.value;
      }
      return Enter(std::move(s), option.next, in);
    }
    case NodeType::kInput: {
      size_t length = text::CodePointCount(typed);
      if (length < node->min_length) {
        return Show(std::move(s), node->hint.empty() ? "error.too_short" : node->hint);
      }
      if (node->max_length > 0 && length > node->max_length) {
        return Show(std::move(s), "error.too_long");
      }
      if (node->pattern && !RE2::FullMatch(typed, *node->pattern)) {
        return Show(std::move(s), node->hint.empty() ? "error.format" : node->hint);
      }
      s.answers[node->save] = typed;
      s.prefilled.erase(node->save);
      return Enter(std::move(s), node->next, in);
    }
    case NodeType::kEnd:
    case NodeType::kAction:
      break;
  }
  return Show(Fresh(s.lang, s.updated_at));
}

StepResult Engine::Enter(Session s, std::string target, const StepInput& in) const {
  StepResult result;
  text::Vars extra;
  if (!s.node.empty() && s.node != kResumeNode) {
    s.trail.push_back(s.node);
  }
  const Node* node = dialog_->Find(target);
  for (int hop = 0; node != nullptr && hop < kMaxHops; ++hop) {
    if (node->type == NodeType::kAction) {
      switch (node->action) {
        case Action::kFileCase:
          result.file_case = FiledCase{.answers = s.answers, .lang = s.lang};
          for (const auto& [slot, value] : s.answers) {
            if (const Option* option = dialog_->OptionFor(slot, value)) {
              result.file_case->labels[slot] = option->label_key.empty()
                                                   ? option->label_text
                                                   : T(options_.default_lang, option->label_key);
            }
          }
          break;
        case Action::kCheckStatus:
          extra["status_text"] = CheckStatusText(s.lang, s.answers[node->action_value], in);
          break;
        case Action::kSetLanguage:
          s.lang = node->action_value;
          break;
        case Action::kNone:
          break;
      }
    } else if (node->type == NodeType::kInput && s.prefilled.contains(node->save) &&
               s.answers.contains(node->save)) {
      // Already answered by the first SMS: do not ask again.
    } else {
      break;
    }
    target = node->next;
    node = dialog_->Find(target);
  }
  if (node == nullptr) {
    target = dialog_->start;
  }
  if (target == dialog_->start) {
    s.trail.clear();
  }
  s.node = target;
  s.page = 0;
  if (node != nullptr && node->type == NodeType::kEnd) {
    result.end = true;
    result.screen = Screen(s, {}, extra);
    return result;
  }
  result.screen = Screen(s, {}, extra);
  result.session = std::move(s);
  return result;
}

StepResult Engine::Back(Session s) const {
  if (s.page > 0) {
    --s.page;
  } else if (!s.trail.empty()) {
    s.node = s.trail.back();
    s.trail.pop_back();
  } else {
    s.node = dialog_->start;
  }
  return Show(std::move(s));
}

StepResult Engine::Show(Session s, std::string_view hint_key) const {
  StepResult result;
  result.screen = Screen(s, hint_key);
  result.session = std::move(s);
  return result;
}

std::vector<std::string> Engine::Labels(const std::vector<Option>& options,
                                        std::string_view lang) const {
  std::vector<std::string> labels;
  labels.reserve(options.size());
  for (const auto& option : options) {
    labels.push_back(option.label_key.empty() ? option.label_text : T(lang, option.label_key));
  }
  return labels;
}

std::optional<size_t> Engine::MatchOption(std::string_view typed,
                                          const std::vector<Option>& options,
                                          const std::vector<std::string>& labels) const {
  if (AllDigits(typed)) {
    if (typed.size() > 3) {
      return std::nullopt;
    }
    size_t n = std::stoul(std::string(typed));
    if (n >= 1 && n <= options.size()) {
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
  for (const auto& [slot, value] : s.answers) {
    const Option* option = dialog_->OptionFor(slot, value);
    if (option == nullptr) {
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
  text::Vars vars = AnswerVars(s);
  for (const auto& [key, value] : extra) {
    vars[key] = value;
  }
  MenuFooter footer{.back = node->id == dialog_->start ? "" : "0. " + T(s.lang, "nav.back"),
                    .more = "98. " + T(s.lang, "nav.more")};
  switch (node->type) {
    case NodeType::kMenu:
    case NodeType::kConfirm: {
      auto labels = Labels(node->options, s.lang);
      // Room for the one-line hint is kept on every page so page breaks never move.
      size_t reserve = ScreenLength(T(s.lang, "error.choice")) + 1;
      std::string header = T(s.lang, node->prompt, vars);
      if (node->type == NodeType::kConfirm) {
        // A summary never pages: cut the free-text answers short until it fits beside its options.
        size_t options_length = footer.back.empty() ? 0 : 1 + ScreenLength(footer.back);
        for (size_t i = 0; i < labels.size(); ++i) {
          options_length += 1 + ScreenLength(std::to_string(i + 1) + ". " + labels[i]);
        }
        size_t budget = limit > options_length + reserve ? limit - options_length - reserve : 0;
        for (const auto& slot : node->shrink) {
          auto value = vars.find(slot);
          size_t length = ScreenLength(header);
          if (length <= budget || value == vars.end()) {
            continue;
          }
          size_t over = length - budget + kEllipsis.size();
          size_t keep = ScreenLength(value->second) > over ? ScreenLength(value->second) - over : 0;
          value->second = text::TruncateCodePoints(value->second, keep) + std::string(kEllipsis);
          header = T(s.lang, node->prompt, vars);
        }
      }
      if (!hint.empty()) {
        reserve -= std::min(reserve, ScreenLength(hint) + 1);
        header = hint + "\n" + header;
      }
      auto page = RenderMenuPage(header, labels, footer, limit, reserve, s.page);
      s.page = page.page;
      return page.text;
    }
    case NodeType::kInput: {
      text::Vars bounds{{"min", std::to_string(node->min_length)},
                        {"max", std::to_string(node->max_length)}};
      hint = hint_key.empty() ? "" : T(s.lang, hint_key, bounds);
      std::string screen = T(s.lang, node->prompt, vars) + "\n" + footer.back;
      return hint.empty() ? screen : hint + "\n" + screen;
    }
    case NodeType::kEnd:
    case NodeType::kAction:
      return T(s.lang, node->prompt, vars);
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

}  // namespace lapor::dialog
