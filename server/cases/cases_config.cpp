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

OpdUnit ReadUnit(JsonReader& r, const nlohmann::json& item, const std::string& path) {
  if (!item.is_object()) {
    r.Problem(path, "must be an object {name, kecamatan, phones}");
    return {};
  }
  return {.name = r.String(item, path, "name", true),
          .kecamatan = r.String(item, path, "kecamatan", true),
          .phones = Phones(r, item, path, "phones")};
}

Opd ReadOpd(JsonReader& r, const nlohmann::json& item, const std::string& path) {
  if (!item.is_object()) {
    r.Problem(path, "must be an object {code, name, liaison_phones, categories, units}");
    return {};
  }
  Opd opd{.code = r.String(item, path, "code", true),
          .name = r.String(item, path, "name", true),
          .liaison_phones = Phones(r, item, path, "liaison_phones"),
          .categories = r.Strings(item, path, "categories", false)};
  if (auto units = item.find("units"); units != item.end()) {
    if (!units->is_array()) {
      r.Problem(path + "/units", "must be a list of {name, kecamatan, phones}");
    } else {
      for (size_t i = 0; i < units->size(); ++i) {
        opd.units.push_back(ReadUnit(r, (*units)[i], path + "/units/" + std::to_string(i)));
      }
    }
  }
  return opd;
}

// A region's local days off: [{"date": "YYYY-MM-DD", "name": "..."}].
std::set<Calendar::Date> ReadLocalHolidays(JsonReader& r, const nlohmann::json& region,
                                           const std::string& path) {
  std::set<Calendar::Date> days;
  auto list = region.find("holidays");
  if (list == region.end()) {
    return days;
  }
  if (!list->is_array()) {
    r.Problem(path + "/holidays", "must be a list of {date, name}");
    return days;
  }
  for (size_t i = 0; i < list->size(); ++i) {
    std::string at = path + "/holidays/" + std::to_string(i);
    const auto& item = (*list)[i];
    if (!item.is_object()) {
      r.Problem(at, "must be an object {date, name}");
      continue;
    }
    auto date = Calendar::ParseDate(r.String(item, at, "date", true));
    r.String(item, at, "name", true);
    if (date) {
      days.insert(*date);
    } else if (item.contains("date")) {
      r.Problem(at + "/date", "must be a real date written YYYY-MM-DD");
    }
  }
  return days;
}

RegionPolicy ReadRegion(JsonReader& r, const nlohmann::json& item, const std::string& path) {
  if (!item.is_object()) {
    r.Problem(path, "must be an object {code, opds, inspectorate, regent_office, holidays}");
    return {};
  }
  RegionPolicy region{.code = r.String(item, path, "code", true)};
  auto opds = item.find("opds");
  if (opds == item.end() || !opds->is_array() || opds->empty()) {
    r.Problem(path + "/opds", "must be a list of at least one {code, name, liaison_phones, ...}");
  } else {
    for (size_t i = 0; i < opds->size(); ++i) {
      std::string at = path + "/opds/" + std::to_string(i);
      Opd opd = ReadOpd(r, (*opds)[i], at);
      if (!opd.code.empty() && region.FindOpd(opd.code) != nullptr) {
        r.Problem(at + "/code", "\"" + opd.code + "\" is listed twice in this region");
      }
      region.opds.push_back(std::move(opd));
    }
  }
  region.inspectorate_phones =
      Phones(r, r.Object(item, path, "inspectorate", false), path + "/inspectorate", "phones");
  region.regent_phones =
      Phones(r, r.Object(item, path, "regent_office", false), path + "/regent_office", "phones");
  region.holidays = ReadLocalHolidays(r, item, path);
  return region;
}

void ReadRegions(JsonReader& r, const nlohmann::json& doc, Policy& p) {
  auto regions = doc.find("regions");
  if (regions == doc.end()) {
    return;  // a national line with no region onboarded yet: every case stays national
  }
  if (!regions->is_array()) {
    r.Problem("/regions", "must be a list of onboarded regions {code, opds, ...}");
    return;
  }
  for (size_t i = 0; i < regions->size(); ++i) {
    std::string path = "/regions/" + std::to_string(i);
    RegionPolicy region = ReadRegion(r, (*regions)[i], path);
    if (!region.code.empty() && p.FindRegion(region.code) != nullptr) {
      r.Problem(path + "/code", "\"" + region.code + "\" is onboarded twice");
    }
    p.regions.push_back(std::move(region));
  }
}

}  // namespace

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
  ReadRegions(r, doc, p);
  const auto& citizen = r.Object(doc, "", "citizen", false);
  p.info_per_day = static_cast<int>(
      r.Count(citizen, "/citizen", "info_per_case_per_day", p.info_per_day, 1, 1000));
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
