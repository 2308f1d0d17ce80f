#include "cases/cases_config.hpp"

#include "text/phone.hpp"

namespace lapor::cases {
namespace {

std::vector<std::string> Phones(JsonReader& r, const nlohmann::json& obj, const std::string& path,
                                std::string_view key) {
  auto phones = r.Strings(obj, path, key, false);
  for (size_t i = 0; i < phones.size(); ++i) {
    auto e164 = text::NormalizeMsisdn(phones[i]);
    if (!e164) {
      r.Problem(path + "/" + std::string(key) + "/" + std::to_string(i), "is not a phone number");
    } else {
      phones[i] = *e164;
    }
  }
  return phones;
}

void ReadDeadlines(JsonReader& r, const nlohmann::json& doc, Policy& p) {
  const auto& deadlines = r.Object(doc, "", "deadlines", false);
  auto days = [&](const char* key, int fallback) {
    return static_cast<int>(r.Count(deadlines, "/deadlines", key, fallback, 0, 3650));
  };
  p.verify_days = days("verify_days", p.verify_days);
  p.answer_days = days("answer_days", p.answer_days);
  p.warn_before_days = days("warn_before_days", p.warn_before_days);
  p.extension_days = days("extension_days", p.extension_days);
  if (p.warn_before_days >= p.answer_days && p.answer_days > 0) {
    r.Problem("/deadlines/warn_before_days", "must be less than answer_days");
  }
  const auto& tiers = r.Object(deadlines, "/deadlines", "tiers", false);
  if (!tiers.empty()) {
    p.tiers.clear();
    for (const auto& [name, value] : tiers.items()) {
      p.tiers[name] = static_cast<int>(r.Count(tiers, "/deadlines/tiers", name, 0, 1, 3650));
    }
  }
}

void ReadOpds(JsonReader& r, const nlohmann::json& doc, Policy& p) {
  auto opds = doc.find("opds");
  if (opds == doc.end()) {
    return;
  }
  if (!opds->is_array()) {
    r.Problem("/opds", "must be a list of {code, name, liaison_phones, categories}");
    return;
  }
  for (size_t i = 0; i < opds->size(); ++i) {
    std::string path = "/opds/" + std::to_string(i);
    const auto& item = (*opds)[i];
    if (!item.is_object()) {
      r.Problem(path, "must be an object");
      continue;
    }
    Opd opd{.code = r.String(item, path, "code", true),
            .name = r.String(item, path, "name", true),
            .liaison_phones = Phones(r, item, path, "liaison_phones"),
            .categories = r.Strings(item, path, "categories", false)};
    if (p.FindOpd(opd.code) != nullptr) {
      r.Problem(path + "/code", "\"" + opd.code + "\" is listed twice");
    }
    p.opds.push_back(std::move(opd));
  }
}

}  // namespace

RegionConfig ReadRegionConfig(JsonReader& r, const nlohmann::json& doc) {
  const auto& region = r.Object(doc, "", "region", true);
  RegionConfig c;
  c.code = r.String(region, "/region", "code", true);
  c.name = r.String(region, "/region", "name", true);
  c.kecamatan = r.Strings(region, "/region", "kecamatan", true);
  if (c.kecamatan.empty() && region.contains("kecamatan")) {
    r.Problem("/region/kecamatan", "needs at least one kecamatan");
  }
  return c;
}

CalendarConfig ReadCalendarConfig(JsonReader& r, const nlohmann::json& doc,
                                  const std::string& config_path) {
  const auto& calendar = r.Object(doc, "", "calendar", false);
  CalendarConfig c;
  c.working_days = r.Bool(calendar, "/calendar", "working_days", c.working_days);
  c.holidays_file =
      ResolvePath(config_path, r.String(calendar, "/calendar", "holidays_file", false));
  c.day_seconds = static_cast<int64_t>(
      r.Count(calendar, "/calendar", "day_seconds", static_cast<size_t>(c.day_seconds), 1, 86400));
  return c;
}

Policy ReadPolicy(JsonReader& r, const nlohmann::json& doc) {
  Policy p;
  ReadDeadlines(r, doc, p);
  ReadOpds(r, doc, p);
  const auto& citizen = r.Object(doc, "", "citizen", false);
  p.info_per_day = static_cast<int>(
      r.Count(citizen, "/citizen", "info_per_case_per_day", p.info_per_day, 1, 1000));
  p.inspectorate_phones =
      Phones(r, r.Object(doc, "", "inspectorate", false), "/inspectorate", "phones");
  p.regent_phones =
      Phones(r, r.Object(doc, "", "regent_office", false), "/regent_office", "phones");
  return p;
}

Calendar BuildCalendar(const CalendarConfig& config) {
  std::set<Calendar::Date> holidays;
  if (!config.holidays_file.empty()) {
    holidays = Calendar::LoadHolidays(config.holidays_file);
  }
  return Calendar(config.working_days, std::move(holidays), config.day_seconds);
}

}  // namespace lapor::cases
