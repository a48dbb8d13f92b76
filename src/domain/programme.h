// Programme: what an operator runs and is judged by — an open-innovation
// call, a bilateral cooperation centre, a supply-chain exchange. It groups
// opportunities, the deals that come of them, and later events and reviews;
// its operator (the members of one organisation) sees all of its deals and
// its funnel.
#pragma once

#include <string>
#include <string_view>

#include "base/json.h"
#include "domain/localized_text.h"
#include "domain/record.h"

namespace biobridge::domain {

inline constexpr std::string_view kProgrammeKinds[] = {"open_innovation_call", "bilateral_centre",
                                                       "supply_chain_exchange", "other"};

struct Programme {
  std::string id;
  LocalizedText name;
  std::string kind;      // one of kProgrammeKinds
  std::string operator_organization;
  LocalizedText description;
  json::object extra;    // unknown fields, kept
  RecordMeta meta;
  friend bool operator==(const Programme&, const Programme&) = default;
};

}  // namespace biobridge::domain
