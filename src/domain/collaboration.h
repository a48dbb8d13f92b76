// Collaboration: a piece of joint work that several organisations did
// together, known from a public record (a Horizon Europe consortium, a
// clinical trial with its collaborators) or, later, from a deal carried to
// agreement in BioBridge. Matching learns from them who works with whom:
// past partners, and the partners of past partners, are likely partners.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "domain/localized_text.h"
#include "domain/record.h"

namespace biobridge::domain {

struct Collaboration {
  std::string id;
  LocalizedText title;
  std::string source;                      // where it is known from, e.g. "CORDIS H2020"
  std::optional<int> year;                 // when it started
  std::string lead;                        // the coordinating organisation, or empty
  std::vector<std::string> organizations;  // every participant, the lead included; at least two
  json::object extra;                      // unknown interchange fields, kept
  RecordMeta meta;

  friend bool operator==(const Collaboration&, const Collaboration&) = default;
};

}  // namespace biobridge::domain
