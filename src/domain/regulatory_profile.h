// Country regulatory profiles: for a jurisdiction (a country, or the EU as a
// whole), its regulators, registration routes for drugs and devices with
// expected durations, ICH and PIC/S standing, whether a local representative
// or local clinical data are needed, dossier languages and reliance routes.
//
// A profile is sourced data, kept as its JSON (data/regulatory/profiles.json
// is the shipped set; operators import newer ones). Every fact is
// {"value": ..., "source": {"title", "url"}, "as_of": "YYYY-MM-DD", "note"?}
// or {"value": null, "note"?}: not known, and shown as unknown — a plan or a
// page never fills in what no source says.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"

namespace biobridge::domain {

inline constexpr std::string_view kEuJurisdiction = "EU";
inline constexpr std::string_view kRoutingProducts[] = {"drug", "device"};

// kInvalidArgument naming the path of the first thing wrong
// ("routes[2].months.as_of"): an unknown jurisdiction, a fact with a value
// but no source or date, a value outside its vocabulary (ICH: member,
// observer, none; PIC/S: member, applicant, none; representative:
// required, not_required; clinical data: required, case_by_case,
// not_required), months that are not [min, max] with 0 < min ≤ max.
Status ValidateRegulatoryProfile(const json::object& profile);

// The shipped profiles (data/regulatory/profiles.json), parsed once.
const json::object& BuiltinRegulatoryProfiles();

// The jurisdiction whose profile applies in `country`: the country itself,
// or "EU" for a member state.
std::string JurisdictionOf(std::string_view country);

}  // namespace biobridge::domain
