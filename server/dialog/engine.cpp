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
// Bound on action hops within one step; the loader refuses cycles, this only guards the loop.
constexpr int kMaxHops = 32;

}  // namespace

std::shared_ptr<const Engine> Engine::WithTemplates(
    std::shared_ptr<const text::TemplateSet> templates) const {
  auto engine = std::make_shared<Engine>(dialog_, std::move(templates), options_, places_);
  engine->dialog_version_ = dialog_version_;
  return engine;
}

std::shared_ptr<const Engine> Engine::WithDialog(std::shared_ptr<const Dialog> dialog,
                                                 int64_t version) const {
  auto engine = std::make_shared<Engine>(std::move(dialog), templates_, options_, places_);
  engine->dialog_version_ = version;
  return engine;
}

Engine::Engine(std::shared_ptr<const Dialog> dialog,
               std::shared_ptr<const text::TemplateSet> templates, EngineOptions options,
               std::shared_ptr<const places::PlaceIndex> places)
    : dialog_(std::move(dialog)),
      templates_(std::move(templates)),
      options_(std::move(options)),
      places_(std::move(places)) {
  if (const Node* place = dialog_->PlaceNode(); place != nullptr && places_ == nullptr) {
    throw ConfigError({dialog_->source + ": /nodes/" + place->id +
                       ": a place node needs the map of Indonesia (config \"places\")"});
  }
  if (auto problems = CheckScreens(); !problems.empty()) {
    throw ConfigError(std::move(problems));
  }
  RenderMenus();
}

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
    // A call that dropped while offering to resume left the node it offered.
    const std::string* left_at =
        r ? (r->node == kResumeNode ? &r->resume_node : &r->node) : nullptr;
    bool resumable = r && now - r->updated_at <= options_.ussd_resume_ms &&
                     *left_at != dialog_->start && dialog_->Find(*left_at) != nullptr;
    if (resumable) {
      Session s = *r;
      s.resume_node = *left_at;
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
  // Inside a free-text step a bare word ("Stop", "Batal", "Bantuan", "ID") is the citizen's
  // answer, not a command; a keyword with its argument (CEK <no>) still is one.
  const Node* at = current ? dialog_->Find(current->node) : nullptr;
  const bool bare = command.argument.empty() || command.keyword == Keyword::kLanguage;
  if (at != nullptr && at->type == NodeType::kInput && bare) {
    command = {};
  }
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
  // A message long enough to be a report, first or at the main menu (after EN, say), is taken as
  // its details.
  const Node* details = SlotNode(dialog_->sms_details_slot);
  bool report = details != nullptr && text::CodePointCount(in.text) >= details->min_length &&
                (!current || current->node == dialog_->start);
  if (report) {
    return StartReport(Fresh(lang, now), in.text, in);
  }
  if (current) {
    return Advance(std::move(*current), in);
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
    // What the text says of the place and the problem is offered, to be confirmed.
    Suggest(s, details);
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
      if (!OfferChain(s, *node).empty()) {
        return ChooseOffer(std::move(s), *node, in);
      }
      return Choose(std::move(s), *node, in);
    case NodeType::kConfirm:
      return Choose(std::move(s), *node, in);
    case NodeType::kInput:
      return Answer(std::move(s), *node, in);
    case NodeType::kPlace:
      return PlaceAnswer(std::move(s), *node, in);
    case NodeType::kEnd:
    case NodeType::kAction:
      break;
  }
  return Show(Fresh(s.lang, s.updated_at));
}

StepResult Engine::Choose(Session s, const Node& node, const StepInput& in) const {
  std::vector<std::string> scratch;
  const auto& labels = MenuLabels(node, s.lang, scratch);
  if (in.text == kMore) {
    ++s.page;
    return Show(std::move(s));
  }
  auto choice = MatchOption(in.text, node.options, labels);
  if (!choice) {
    return Show(std::move(s), "error.choice");
  }
  const Option& option = node.options[*choice];
  if (option.clear_answers) {
    // Starting over: "0" must not lead back to a summary of answers that are gone.
    s.answers.clear();
    s.prefilled.clear();
    s.trail.clear();
    s.node.clear();
  }
  if (!node.save.empty() && !option.value.empty()) {
    s.answers[node.save] = option.value;
  }
  return Enter(std::move(s), option.next, in);
}

StepResult Engine::Answer(Session s, const Node& node, const StepInput& in) const {
  const std::string& typed = in.text;
  size_t length = text::CodePointCount(typed);
  if (length < node.min_length) {
    return Show(std::move(s), node.hint.empty() ? "error.too_short" : node.hint);
  }
  if (node.max_length > 0 && length > node.max_length) {
    return Show(std::move(s), "error.too_long");
  }
  if (node.pattern && !RE2::FullMatch(typed, *node.pattern)) {
    return Show(std::move(s), node.hint.empty() ? "error.format" : node.hint);
  }
  s.answers[node.save] = typed;
  s.prefilled.erase(node.save);
  return Enter(std::move(s), node.next, in);
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
          DescribePlace(*result.file_case);
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
  result.replayable = extra.empty();
  result.session = std::move(s);
  return result;
}

StepResult Engine::Back(Session s) const {
  const Node* node = dialog_->Find(s.node);
  if (node != nullptr && node->type == NodeType::kPlace && s.offers.contains(node->save)) {
    // From the places offered back to typing a name.
    s.offers.erase(node->save);
    s.page = 0;
  } else if (s.page > 0) {
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
  result.replayable = hint_key.empty();
  result.session = std::move(s);
  return result;
}

std::string Engine::ScreenOf(Session session) const { return Screen(session, {}); }

}  // namespace lapor::dialog
