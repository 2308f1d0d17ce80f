#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "dialog/dialog.hpp"
#include "text/sms_segments.hpp"
#include "text/template_set.hpp"

namespace lapor::admin {

// What one template key may say and where the bot says it, learnt from the shipped texts
// (templates/*.json) and the dialog.
struct TemplateInfo {
  std::vector<std::string> placeholders;  // known: in the shipped text of any language
  std::vector<std::string> required;      // in the shipped text of every language
  std::vector<std::string> used_in;       // "dialog:<node>.<field>", "notice", "sms_reply"
  bool screen = false;                    // shown on a USSD screen (must fit 182 characters)
};

class TemplateCatalog {
 public:
  // From the shipped texts and the dialog that uses them.
  static TemplateCatalog Build(const text::TemplateSet& shipped, const dialog::Dialog& dialog);

  const TemplateInfo* Find(std::string_view key) const;
  const std::map<std::string, TemplateInfo, std::less<>>& keys() const { return keys_; }
  const std::vector<std::string>& languages() const { return languages_; }

 private:
  std::map<std::string, TemplateInfo, std::less<>> keys_;
  std::vector<std::string> languages_;
};

// A text as an SMS carries it.
struct TextMeasure {
  std::string text;
  text::SegmentCount count;
};
nlohmann::json MeasureJson(const TextMeasure& m);

// The text rendered with `given` values, and sample values for the placeholders not given.
TextMeasure Preview(const TemplateInfo& info, std::string_view tpl, const text::Vars& given);

// What an accepted edit costs: its measure with sample values, and warnings for the editor.
struct EditCheck {
  TextMeasure measure;
  std::vector<std::string> warnings;  // UCS-2 where the text was GSM-7, more SMS parts than before
};

// Checks a new `text` for `key` in `lang` against the catalog and the text it replaces: a known
// key and language, balanced braces and good placeholder names, only known placeholders, every
// required one present. Errors: kNotFound for an unknown key or language, kUnprocessable with
// every problem joined by "; ". The screen limit is the engine's check (see EngineWith).
Result<EditCheck> CheckEdit(const TemplateCatalog& catalog, std::string_view lang,
                            std::string_view key, std::string_view text, std::string_view replaced);

}  // namespace lapor::admin
