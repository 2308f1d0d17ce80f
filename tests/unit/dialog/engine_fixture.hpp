#pragma once

#include <cctype>
#include <memory>
#include <string>

#include "common/config_error.hpp"
#include "common/json_reader.hpp"
#include "dialog/dialog_config.hpp"
#include "dialog/engine.hpp"
#include "dialog/load.hpp"
#include "unit/places/places_fixture.hpp"

namespace lapor::test {

inline std::string SourceDir() { return LAPOR_SOURCE_DIR; }

// A long list a menu takes from data ("options_from": "kecamatan"): the forty kecamatan of
// Kabupaten Bogor, labels as written, values as slugs ("Gunung Putri" -> "gunung-putri").
inline dialog::OptionSources KecamatanSources() {
  static const char* const kNames[] = {
      "Babakan Madang", "Bojonggede",   "Caringin",  "Cariu",      "Ciampea",      "Ciawi",
      "Cibinong",       "Cibungbulang", "Cigombong", "Cigudeg",    "Cijeruk",      "Cileungsi",
      "Ciomas",         "Cisarua",      "Ciseeng",   "Citeureup",  "Dramaga",      "Gunung Putri",
      "Gunung Sindur",  "Jasinga",      "Jonggol",   "Kemang",     "Klapanunggal", "Leuwiliang",
      "Leuwisadeng",    "Megamendung",  "Nanggung",  "Pamijahan",  "Parung",       "Parung Panjang",
      "Ranca Bungur",   "Rumpin",       "Sukajaya",  "Sukamakmur", "Sukaraja",     "Tajurhalang",
      "Tamansari",      "Tanjungsari",  "Tenjo",     "Tenjolaya"};
  std::vector<dialog::Option> options;
  for (const char* name : kNames) {
    dialog::Option option{.label_text = name};
    for (const char* c = name; *c != '\0'; ++c) {
      option.value += *c == ' ' ? '-' : static_cast<char>(std::tolower(*c));
    }
    options.push_back(std::move(option));
  }
  return {{"kecamatan", std::move(options)}};
}

// The engine exactly as the server builds it from config/default.json: the whole country, Bangka
// Tengah onboarded.
inline std::shared_ptr<const dialog::Engine> DefaultEngine() {
  const std::string path = SourceDir() + "/config/default.json";
  JsonReader r(path);
  auto doc = ReadJsonFile(path);
  auto config = dialog::ReadDialogConfig(r, r.Object(doc, "", "dialog", true), "/dialog", path);
  r.ThrowIfAny();
  return dialog::BuildEngine(config, {}, SharedNationalIndex());
}

}  // namespace lapor::test
