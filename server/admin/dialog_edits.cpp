#include "admin/dialog_edits.hpp"

#include "common/config_error.hpp"
#include "dialog/dialog_loader.hpp"
#include "text/citizen_text.hpp"

namespace lapor::admin {
namespace {

constexpr std::string_view kDryRunPhone = "+6280000000000";
constexpr std::string_view kDryRunNumber = "00000000";

std::string WithNumber(std::string screen) {
  for (size_t at = screen.find(dialog::kTrackingPlaceholder); at != std::string::npos;
       at = screen.find(dialog::kTrackingPlaceholder, at)) {
    screen.replace(at, dialog::kTrackingPlaceholder.size(), kDryRunNumber);
  }
  return screen;
}

}  // namespace

DialogCheck CheckDialog(const dialog::Engine& live, const nlohmann::json& doc) {
  DialogCheck check;
  try {
    auto dialog = std::make_shared<const dialog::Dialog>(dialog::ParseDialog(doc, {}, "dialog"));
    check.engine = live.WithDialog(std::move(dialog));
  } catch (const ConfigError& e) {
    check.problems = e.problems();
  }
  return check;
}

std::vector<DryRunStep> DryRun(const dialog::Engine& engine, dialog::Channel channel,
                               const std::vector<std::string>& inputs, TimeMs now) {
  std::vector<DryRunStep> steps;
  std::optional<dialog::Session> session;
  auto play = [&](const std::string& typed, bool dial) {
    dialog::StepInput input{.channel = channel,
                            .msisdn = std::string(kDryRunPhone),
                            .text = text::CleanCitizenText(typed).value_or(""),
                            .ussd_dial = dial};
    auto step = engine.Step(std::move(session), input, now);
    session = std::move(step.session);
    bool end = step.end || !session;
    steps.push_back({.input = typed, .screen = WithNumber(std::move(step.screen)), .end = end});
    return !end;
  };
  bool going = channel != dialog::Channel::kUssd || play("", true);
  for (size_t i = 0; going && i < inputs.size(); ++i) {
    going = play(inputs[i], false);
  }
  return steps;
}

nlohmann::json DryRunJson(const std::vector<DryRunStep>& steps) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : steps) {
    out.push_back({{"input", s.input}, {"screen", s.screen}, {"end", s.end}});
  }
  return {{"steps", std::move(out)}};
}

}  // namespace lapor::admin
