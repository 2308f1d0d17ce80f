#pragma once

#include <string>
#include <vector>

#include "cases/workflow.hpp"
#include "text/template_set.hpp"

namespace lapor::cases {

// An SMS ready to queue: a Notice rendered in its language.
struct OutboundSms {
  std::string to;  // E.164
  std::string text;
  std::string kind;  // the template key, for logs and metrics
  bool to_citizen = false;
  bool essential = false;  // sent even after STOP
};

// The SMS texts of a transition's notices, ready for CaseStore::Commit: each notice's
// template_key rendered in its lang with its vars (a language the set lacks falls back to "id",
// then to the set's first language); to_citizen when the audience is the citizen; essential
// copied; kind = the template key. Pure; the order of the notices is kept.
std::vector<OutboundSms> RenderNotices(const std::vector<Notice>& notices,
                                       const text::TemplateSet& templates);

}  // namespace lapor::cases
