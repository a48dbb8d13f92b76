// Opportunity: a typed offer or request posted by an organisation
// (a technology to license out, a distributor wanted, a CDMO capacity ...).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/time.h"
#include "domain/localized_text.h"
#include "domain/record.h"

namespace biobridge::domain {

struct Opportunity {
  std::string id;
  std::string organization_id;                 // the organisation that posted it
  std::string direction;                       // "offer" or "request"
  std::vector<std::string> cooperation;        // cooperation_types codes, at least one
  LocalizedText title;
  LocalizedText description;                  // the public teaser, with the title
  // Above the teaser (docs/design.md, "the ladder"): shown to signed-in
  // users, and to parties with an accepted confidentiality agreement. Never
  // indexed, never in lists.
  LocalizedText members_details;
  LocalizedText cda_details;
  std::string stage;                           // stages code, or empty
  std::vector<std::string> therapeutic_areas;
  std::vector<std::string> modalities;
  std::vector<std::string> target_countries;   // ISO 3166-1 alpha-2
  std::string confidentiality = "public";      // confidentiality_tiers code
  std::optional<Date> expires;
  json::object extra;                          // unknown interchange fields, kept
  RecordMeta meta;

  friend bool operator==(const Opportunity&, const Opportunity&) = default;
};

}  // namespace biobridge::domain
