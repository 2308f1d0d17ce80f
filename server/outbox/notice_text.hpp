#pragma once

#include <vector>

#include "cases/workflow.hpp"
#include "store/case_store.hpp"
#include "text/template_set.hpp"

namespace lapor::outbox {

// The SMS texts of a transition's notices, ready for CaseStore::Commit: each notice's
// template_key rendered in its lang with its vars (a language the set lacks falls back to "id",
// then to the set's first language); to_citizen when the audience is the citizen; essential
// copied; kind = the template key. Pure; the order of the notices is kept.
std::vector<store::OutboundSms> RenderNotices(const std::vector<cases::Notice>& notices,
                                              const text::TemplateSet& templates);

}  // namespace lapor::outbox
