#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cases/filing.hpp"
#include "common/clock.hpp"
#include "dialog/dialog.hpp"
#include "dialog/screen.hpp"
#include "dialog/session.hpp"
#include "places/place_index.hpp"
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
  std::map<std::string, std::string> answers;  // with "kecamatan" (a code) from the place
  std::string lang;
  // How each coded answer reads in the default language, for officials ("kesehatan" ->
  // "Kesehatan", "place" -> "Desa Nibung, Koba, Bangka Tengah", "kecamatan" -> "Koba",
  // "region" -> "Kabupaten Bangka Tengah").
  std::map<std::string, std::string> labels;
  std::string region;  // the regency the place is in ("19.04"), onboarded or not
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
  // `screen` is exactly ScreenOf(*session): a retry of this request can be answered by rendering
  // the stored session again, so the store need not keep the screen (dialog/ussd_state.hpp).
  // False whenever the screen carries more (a hint, a status, an end).
  bool replayable = false;
};

// The dialog as a pure function: (session, input, now) -> (session', screen, effects). Immutable
// and thread-safe once built.
class Engine {
 public:
  // Checks every screen of every node in every language against the screen limit and the
  // templates it needs; throws ConfigError naming the node, language and length of each problem.
  // `places` finds what a place node is told (required when the dialog has one).
  Engine(std::shared_ptr<const Dialog> dialog, std::shared_ptr<const text::TemplateSet> templates,
         EngineOptions options, std::shared_ptr<const places::PlaceIndex> places = nullptr);

  StepResult Step(std::optional<Session> current, const StepInput& input, TimeMs now) const;

  // The same dialog, options and map speaking `templates`, checked as the constructor checks.
  // Throws ConfigError.
  std::shared_ptr<const Engine> WithTemplates(
      std::shared_ptr<const text::TemplateSet> templates) const;
  // The same templates, options and map driving `dialog`, stored as `version` (0: the dialog
  // as shipped); checked the same way. Throws ConfigError.
  std::shared_ptr<const Engine> WithDialog(std::shared_ptr<const Dialog> dialog,
                                           int64_t version = 0) const;

  // The screen of the node `session` is at, with nothing added: what a replayable step showed.
  std::string ScreenOf(Session session) const;

  // "Busy, try again" in the citizen's language, for when the store cannot be reached.
  std::string BusyText(std::string_view lang) const;
  const EngineOptions& options() const { return options_; }
  const Dialog& dialog() const { return *dialog_; }
  // The stored version of the dialog this engine drives (0: as shipped).
  int64_t dialog_version() const { return dialog_version_; }
  const text::TemplateSet& templates() const { return *templates_; }
  const places::PlaceIndex* places() const { return places_.get(); }

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
  // The confirm screen's summary, fitted to what its options, back line and hint leave.
  std::string ConfirmSummary(const Node& node, std::string_view lang, text::Vars vars,
                             const std::vector<std::string>& labels, const MenuFooter& footer,
                             std::string_view hint) const;
  std::string FitSummary(const Node& node, std::string_view lang, text::Vars vars,
                         size_t budget) const;
  const Node* SlotNode(std::string_view slot) const;
  std::string CheckStatusText(std::string_view lang, std::string_view typed,
                              const StepInput& in) const;
  std::vector<std::string> Labels(const std::vector<Option>& options, std::string_view lang) const;
  // The lines below a node's options, and the room a menu keeps for a one-line hint.
  MenuFooter Footer(const Node& node, std::string_view lang) const;
  size_t HintRoom(std::string_view lang) const;

  // A menu as it reads in one language, rendered once when the engine is built
  // (engine_menus.cpp): its option labels (what a typed answer is matched against) and, when its
  // prompt holds no placeholder, every page as shown without a hint. A step copies a page instead
  // of rendering the prompt, the labels and the layout again; a hint, an offer or a prompt with
  // answers in it is rendered as it is asked for.
  struct RenderedMenu {
    std::string lang;
    std::vector<std::string> labels;
    std::string header;           // the prompt, when it holds no placeholder
    std::vector<MenuPage> pages;  // without a hint; empty when the prompt has placeholders
  };
  void RenderMenus();
  // nullptr for a node that is not a menu or confirm, or a language the templates do not have.
  const RenderedMenu* Rendered(const Node& node, std::string_view lang) const;
  // The labels of a menu or confirm node: the rendered ones, or rendered now into `scratch`.
  const std::vector<std::string>& MenuLabels(const Node& node, std::string_view lang,
                                             std::vector<std::string>& scratch) const;
  std::optional<size_t> MatchOption(std::string_view typed, const std::vector<Option>& options,
                                    const std::vector<std::string>& labels) const;
  text::Vars AnswerVars(const Session& s) const;
  std::string T(std::string_view lang, std::string_view key, const text::Vars& vars = {}) const;
  std::vector<std::string> CheckScreens() const;
  std::string WorstOffer(const Node& node, std::string_view lang) const;

  // Offers (engine_offers.cpp): what a first SMS suggests, and the place node.
  // Fills s.offers from free text: the places it names, and the menu options its words suggest.
  void Suggest(Session& s, std::string_view text) const;
  // The options a menu node's offer stands for, from `node` down: (node, option) pairs; empty
  // when nothing is offered there.
  std::vector<std::pair<const Node*, const Option*>> OfferChain(const Session& s,
                                                                const Node& node) const;
  // A menu node showing an offer: "yes" takes the whole chain, "no" shows the menu.
  StepResult ChooseOffer(Session s, const Node& node, const StepInput& in) const;
  // A place node: a choice among the places offered, "type again", or a name to look up.
  StepResult PlaceAnswer(Session s, const Node& node, const StepInput& in) const;
  // The place node's screen: the places offered as a menu, or the prompt to type a name.
  std::string PlaceScreen(Session& s, const Node& node, std::string_view hint_key,
                          const MenuFooter& footer,
                          const std::vector<std::string>* labels = nullptr) const;
  // A menu node's offer screen: "Kategori: Infrastruktur, Jalan dan Jembatan?" yes / no.
  std::string OfferScreen(Session& s, const Node& node, std::string_view hint_key,
                          const MenuFooter& footer, std::string offered) const;
  // The labels of the places `codes` names, then the node's "type again".
  std::vector<std::string> PlaceLabelsOf(const std::vector<std::string>& codes,
                                         std::string_view lang, const Node& node) const;
  std::string OfferedText(const Session& s, const Node& node) const;
  // The place slot's code as a FiledCase says it: labels, kecamatan, region.
  void DescribePlace(FiledCase& filed) const;
  static const std::vector<Option>& YesNoOptions();

  std::shared_ptr<const Dialog> dialog_;
  std::shared_ptr<const text::TemplateSet> templates_;
  EngineOptions options_;
  std::shared_ptr<const places::PlaceIndex> places_;
  int64_t dialog_version_ = 0;
  std::unordered_map<const Node*, std::vector<RenderedMenu>> menus_;  // nodes of dialog_
};

}  // namespace lapor::dialog
