// Organization: a member of the exchange (company, hospital, university,
// research institute, investor, supplier, distributor, association,
// government body or park), with one persistent identity across programmes
// and events.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/time.h"
#include "domain/localized_text.h"
#include "domain/record.h"

namespace biobridge::domain {

struct Certification {
  std::string name;              // "ISO 13485", "EU GMP", "NMPA registration"
  std::optional<Date> expires;   // none: does not expire or not stated

  friend bool operator==(const Certification&, const Certification&) = default;
};

struct Organization {
  std::string id;
  LocalizedText name;
  std::string kind;                            // organization_kinds code
  std::string country;                         // ISO 3166-1 alpha-2
  LocalizedText city;
  LocalizedText description;
  std::vector<std::string> therapeutic_areas;  // therapeutic_areas codes
  std::vector<std::string> modalities;         // modalities codes
  std::vector<std::string> capabilities;       // free text, e.g. "GMP fill-finish"
  std::vector<Certification> certifications;
  std::vector<std::string> markets;            // countries where it is present
  std::string website;
  // Fields of the interchange record that BioBridge does not know, kept as
  // given so that an export gives them back.
  json::object extra;
  RecordMeta meta;

  friend bool operator==(const Organization&, const Organization&) = default;
};

}  // namespace biobridge::domain
