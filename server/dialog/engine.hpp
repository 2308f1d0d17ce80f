#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cases/filing.hpp"
#include "common/clock.hpp"
#include "dialog/dialog.hpp"
#include "dialog/session.hpp"
#include "text/template_set.hpp"

namespace lapor::dialog {

struct EngineOptions {
  size_t screen_limit = 182;               // USSD screen, in characters
  TimeMs sms_idle_ms = 30 * 60 * 1000;     // an SMS conversation idle this long starts over
  TimeMs ussd_resume_ms = 10 * 60 * 1000;  // a dropped USSD dialog can be resumed this long
  std::string default_lang = "id";
};

// What the store found for the tracking number written in the input, if any.
struct CaseView {
  std::string tracking_no;
  std::string status;
  std::string phone;  // E.164 of the reporter
  TimeMs updated_at = 0;
};

struct StepInput {
  Channel channel = Channel::kSms;
  std::string msisdn;              // E.164
  std::string text;                // the newest input, already cleaned
  bool ussd_dial = false;          // first request of a USSD session (nothing typed yet)
  std::optional<Session> resume;   // USSD: the citizen's last unfinished dialog, if kept
  std::optional<CaseView> lookup;  // the case named in `text`, if the store found one
};

// A report the citizen confirmed. The store files it in the same atomic write as the session.
struct FiledCase {
  std::map<std::string, std::string> answers;
  std::string lang;
  // How each coded answer reads in the default language, for officials ("cibinong" ->
  // "Cibinong").
  std::map<std::string, std::string> labels;
};

// The screen holds cases::kTrackingPlaceholder where the filed case's number goes; the store
// allocates the number in the atomic write and puts it in.
using cases::kTrackingPlaceholder;

struct StepResult {
  std::optional<Session> session;  // nullopt: the conversation is over, forget it
  std::string screen;
  bool end = false;  // USSD END (the telco closes the session)
  std::optional<FiledCase> file_case;
  std::optional<bool> opt_out;  // STOP (true) / START (false): the citizen's notices
};

// The dialog as a pure function: (session, input, now) -> (session', screen, effects). Immutable
// and thread-safe once built.
class Engine {
 public:
  // Checks every screen of every node in every language against the screen limit and the
  // templates it needs; throws ConfigError naming the node, language and length of each problem.
  Engine(std::shared_ptr<const Dialog> dialog, std::shared_ptr<const text::TemplateSet> templates,
         EngineOptions options);

  StepResult Step(std::optional<Session> current, const StepInput& input, TimeMs now) const;

  // "Busy, try again" in the citizen's language, for when the store cannot be reached.
  std::string BusyText(std::string_view lang) const;
  const EngineOptions& options() const { return options_; }
  const Dialog& dialog() const { return *dialog_; }
  const text::TemplateSet& templates() const { return *templates_; }

 private:
  // The two options of the "continue your last report?" screen.
  static const std::vector<Option>& ResumeOptions();
  Session Fresh(std::string_view lang, TimeMs now) const;
  StepResult SmsStep(std::optional<Session> current, const StepInput& in, TimeMs now) const;
  StepResult UssdStep(std::optional<Session> current, const StepInput& in, TimeMs now) const;
  StepResult Advance(Session s, const StepInput& in) const;
  StepResult Choose(Session s, const Node& node, const StepInput& in) const;  // menu, confirm
  StepResult Answer(Session s, const Node& node, const StepInput& in) const;  // input
  StepResult Enter(Session s, std::string target, const StepInput& in) const;
  StepResult StartReport(Session s, std::string_view details, const StepInput& in) const;
  StepResult Back(Session s) const;
  StepResult Show(Session s, std::string_view hint_key = {}) const;
  // Renders the node the session is at; clamps the session's menu page to the pages there are.
  std::string Screen(Session& s, std::string_view hint_key, const text::Vars& extra = {}) const;
  std::string FitSummary(const Node& node, std::string_view lang, text::Vars vars,
                         size_t budget) const;
  const Node* SlotNode(std::string_view slot) const;
  std::string CheckStatusText(std::string_view lang, std::string_view typed,
                              const StepInput& in) const;
  std::vector<std::string> Labels(const std::vector<Option>& options, std::string_view lang) const;
  std::optional<size_t> MatchOption(std::string_view typed, const std::vector<Option>& options,
                                    const std::vector<std::string>& labels) const;
  text::Vars AnswerVars(const Session& s) const;
  std::string T(std::string_view lang, std::string_view key, const text::Vars& vars = {}) const;
  std::vector<std::string> CheckScreens() const;

  std::shared_ptr<const Dialog> dialog_;
  std::shared_ptr<const text::TemplateSet> templates_;
  EngineOptions options_;
};

}  // namespace lapor::dialog
