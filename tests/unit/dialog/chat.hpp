#pragma once

#include <optional>
#include <string>

#include "dialog/engine.hpp"

namespace lapor::test {

// Plays one citizen's conversation against the pure engine, keeping the session between steps
// the way the store would.
class Chat {
 public:
  Chat(const dialog::Engine& engine, dialog::Channel channel, std::string msisdn = "+6281234567890")
      : engine_(engine), channel_(channel), msisdn_(std::move(msisdn)) {}

  dialog::StepResult Dial(TimeMs now = 0) { return Send("", now, true); }
  dialog::StepResult Send(const std::string& text, TimeMs now = 0, bool dial = false) {
    dialog::StepInput in{.channel = channel_, .msisdn = msisdn_, .text = text, .ussd_dial = dial};
    in.resume = resume;
    in.lookup = lookup;
    last = engine_.Step(session, in, now);
    session = last.session;
    return last;
  }
  const std::string& screen() const { return last.screen; }

  std::optional<dialog::Session> session;
  std::optional<dialog::Session> resume;
  std::optional<dialog::CaseView> lookup;
  dialog::StepResult last;

 private:
  const dialog::Engine& engine_;
  dialog::Channel channel_;
  std::string msisdn_;
};

}  // namespace lapor::test
