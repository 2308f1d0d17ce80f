#include "admin/template_catalog.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "cases/tracking_number.hpp"
#include "text/template.hpp"

namespace lapor::admin {
namespace {

// Built-in screens the engine shows besides the dialog's own nodes (dialog/screen_check.cpp).
constexpr std::array<std::string_view, 4> kScreenPrefixes = {"nav.", "error.", "resume.", "offer."};

// Sample values long enough to show what a real message costs.
const text::Vars& Samples() {
  static const text::Vars samples = {
      {"tracking_no", cases::MakeTrackingNumber(13).value_or("")},  // as the 13th case gets
      {"due", "07-12-2026 23:59 WIB"},
      {"updated_at", "30-11-2026 09:00 WIB"},
      {"date", "30-11-2026"},
      {"opd_name", "Dinas Pekerjaan Umum dan Penataan Ruang"},
      {"agency", "Dinas Pekerjaan Umum dan Penataan Ruang"},
      {"reason", "Mohon lengkapi alamat dan patokan lokasi."},
      {"answer", "Jalan akan diperbaiki minggu depan oleh tim lapangan."},
      {"status_text", "Diteruskan ke daerah"},
      {"category", "Infrastruktur"},
      {"subcategory", "Jalan dan Jembatan"},
      {"kecamatan", "Koba"},
      {"place", "Desa Nibung, Koba, Bangka Tengah"},
      {"details", "Jalan di depan SD Negeri 3 rusak parah dan berlubang"},
      {"offer", "Infrastruktur, Jalan dan Jembatan"},
      {"max", "160"},
  };
  return samples;
}

std::string UseOf(const std::string& node, std::string_view field) {
  return "dialog:" + node + "." + std::string(field);
}

// Every template key the dialog names, with where.
std::map<std::string, std::vector<std::string>> DialogUses(const dialog::Dialog& dialog) {
  std::map<std::string, std::vector<std::string>> uses;
  auto add = [&uses](const std::string& key, std::string where) {
    if (!key.empty()) {
      uses[key].push_back(std::move(where));
    }
  };
  for (const auto& [id, node] : dialog.nodes) {
    add(node.prompt, UseOf(id, "prompt"));
    add(node.hint, UseOf(id, "hint"));
    add(node.offer, UseOf(id, "offer"));
    add(node.choose, UseOf(id, "choose"));
    add(node.retry, UseOf(id, "retry"));
    for (const auto& option : node.options) {
      add(option.label_key, UseOf(id, "option"));
    }
  }
  return uses;
}

std::vector<std::string> Intersect(const std::vector<std::string>& a,
                                   const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const auto& x : a) {
    if (std::find(b.begin(), b.end(), x) != b.end()) {
      out.push_back(x);
    }
  }
  return out;
}

}  // namespace

TemplateCatalog TemplateCatalog::Build(const text::TemplateSet& shipped,
                                       const dialog::Dialog& dialog) {
  TemplateCatalog catalog;
  catalog.languages_ = shipped.languages();
  auto uses = DialogUses(dialog);
  for (const auto& lang : shipped.languages()) {
    for (const auto& [key, tpl] : shipped.Texts(lang)) {
      auto names = text::Placeholders(tpl);
      auto [it, fresh] = catalog.keys_.try_emplace(key);
      TemplateInfo& info = it->second;
      info.required = fresh ? names : Intersect(info.required, names);
      for (const auto& name : names) {
        if (std::find(info.placeholders.begin(), info.placeholders.end(), name) ==
            info.placeholders.end()) {
          info.placeholders.push_back(name);
        }
      }
    }
  }
  for (auto& [key, info] : catalog.keys_) {
    auto used = uses.find(key);
    bool notice = key.starts_with("notice.") || key.starts_with("official.");
    info.screen = used != uses.end() ||
                  std::any_of(kScreenPrefixes.begin(), kScreenPrefixes.end(),
                              [&key](std::string_view p) { return key.starts_with(p); });
    if (used != uses.end()) {
      info.used_in = used->second;
    } else {
      info.used_in = {notice ? "notice" : info.screen ? "screen" : "sms_reply"};
    }
  }
  return catalog;
}

const TemplateInfo* TemplateCatalog::Find(std::string_view key) const {
  auto it = keys_.find(key);
  return it == keys_.end() ? nullptr : &it->second;
}

nlohmann::json MeasureJson(const TextMeasure& m) {
  bool gsm = m.count.encoding == text::SegmentCount::Encoding::kGsm7;
  return {{"text", m.text},
          {"encoding", gsm ? "GSM-7" : "UCS-2"},
          {"units", m.count.units},
          {"segments", m.count.segments}};
}

TextMeasure Preview(const TemplateInfo& info, std::string_view tpl, const text::Vars& given) {
  text::Vars vars = given;
  for (const auto& name : info.placeholders) {
    if (!vars.contains(name)) {
      auto sample = Samples().find(name);
      vars[name] = sample != Samples().end() ? sample->second : "<" + name + ">";
    }
  }
  std::string rendered = text::Render(tpl, vars);
  return {.text = rendered, .count = text::CountSegments(rendered)};
}

Result<EditCheck> CheckEdit(const TemplateCatalog& catalog, std::string_view lang,
                            std::string_view key, std::string_view text,
                            std::string_view replaced) {
  const TemplateInfo* info = catalog.Find(key);
  const auto& langs = catalog.languages();
  if (info == nullptr || std::find(langs.begin(), langs.end(), lang) == langs.end()) {
    return Error{Errc::kNotFound, info == nullptr ? "no such template key"
                                                  : "no such language: " + std::string(lang)};
  }
  std::vector<std::string> problems;
  if (auto braces = text::CheckTemplate(text); !braces) {
    problems.push_back(braces.error().message);
  }
  auto names = text::Placeholders(text);
  for (const auto& name : names) {
    if (std::find(info->placeholders.begin(), info->placeholders.end(), name) ==
        info->placeholders.end()) {
      problems.push_back("unknown placeholder {" + name + "}");
    }
  }
  for (const auto& name : info->required) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      problems.push_back("required placeholder {" + name + "} is missing");
    }
  }
  if (text.empty()) {
    problems.push_back("the text is empty");
  }
  if (!problems.empty()) {
    std::string joined;
    for (const auto& p : problems) {
      joined += (joined.empty() ? "" : "; ") + p;
    }
    return Error{Errc::kUnprocessable, joined};
  }
  EditCheck check{.measure = Preview(*info, text, {})};
  TextMeasure before = Preview(*info, replaced, {});
  using Enc = text::SegmentCount::Encoding;
  if (check.measure.count.encoding == Enc::kUcs2) {
    check.warnings.push_back(
        before.count.encoding == Enc::kUcs2
            ? "a character outside GSM-7 makes this an UCS-2 SMS (70 characters a part)"
            : "a character outside GSM-7 now makes this an UCS-2 SMS (70 characters a part)");
  }
  if (check.measure.count.segments > before.count.segments) {
    check.warnings.push_back("the SMS grows from " + std::to_string(before.count.segments) +
                             " to " + std::to_string(check.measure.count.segments) + " parts");
  }
  return check;
}

}  // namespace lapor::admin
