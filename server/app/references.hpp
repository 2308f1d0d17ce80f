#pragma once

#include "admin/tokens.hpp"
#include "app/config.hpp"
#include "dialog/dialog.hpp"
#include "places/place_index.hpp"

namespace lapor::app {

// What one part of the configuration names in another, resolved, or every problem listed with
// its JSON path (file paths for the tokens file):
//  - each onboarded region (/regions/<i>/code) is a regency of the map; its name is filled in;
//  - each OPD's categories are categories of the dialog (the values of the menu saving
//    "category");
//  - each OPD unit's kecamatan, by name or code, is a kecamatan of its region; the code is filled
//    in;
//  - each official's token (`tokens`, when given) names an onboarded region and, for an OPD, one
//    of that region's OPDs.
// Throws ConfigError.
void ResolveReferences(Config& config, const dialog::Dialog& dialog,
                       const places::PlaceIndex& places, const admin::TokenSet* tokens);

// The tokens' roles that name a region that is not onboarded or an OPD it does not have, one
// problem each, starting with `source`.
std::vector<std::string> TokenProblems(const cases::Policy& policy, const admin::TokenSet& tokens,
                                       const std::string& source);

}  // namespace lapor::app
