// Taxonomies: the controlled vocabularies of BioBridge (organisation kinds,
// cooperation types, stages, therapeutic areas, modalities, countries,
// languages, ...), each code with labels in English, Chinese and Russian.
//
// The vocabularies are data (data/taxonomy/*.json), compiled into the binary
// and parsed once. Codes are the stable interchange vocabulary of DESIGN.md;
// more codes may be added to the data without code changes.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "domain/localized_text.h"

namespace biobridge::domain {

struct TaxonomyEntry {
  std::string code;
  LocalizedText labels;
  // Groups the entry belongs to; for countries: "sco", "eaeu", "eu", "ich".
  std::vector<std::string> groups;

  bool InGroup(std::string_view group) const;
};

class Taxonomy {
 public:
  Taxonomy() = default;
  Taxonomy(std::string name, std::string source, std::vector<TaxonomyEntry> entries);

  // Parses the JSON form of data/taxonomy/*.json; kMalformed/kInvalidArgument
  // on a malformed file, duplicate codes or entries without an English label.
  static Result<Taxonomy> FromJson(std::string_view text);

  const std::string& name() const { return name_; }
  const std::string& source() const { return source_; }
  const std::vector<TaxonomyEntry>& entries() const { return entries_; }

  // The entry with `code` (exact, case-sensitive), or nullptr.
  const TaxonomyEntry* Find(std::string_view code) const;
  bool Contains(std::string_view code) const { return Find(code) != nullptr; }
  // "a, b, c" (at most `limit` codes, then "..."), for error messages.
  std::string CodeList(std::size_t limit = 16) const;

  json::object ToJson() const;

 private:
  std::string name_;
  std::string source_;
  std::vector<TaxonomyEntry> entries_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

// All vocabularies, looked up by name ("countries") or through accessors.
class Taxonomies {
 public:
  // The vocabularies shipped in the binary, parsed on first use. Thread-safe.
  static const Taxonomies& Builtin();

  // Builds from parsed taxonomies; every name in kRequiredNames must be present.
  static Result<Taxonomies> FromTaxonomies(std::vector<Taxonomy> taxonomies);

  static constexpr std::string_view kRequiredNames[] = {
      "organization_kinds", "directions",  "cooperation_types", "stages",
      "confidentiality_tiers", "therapeutic_areas", "modalities", "countries",
      "country_groups", "languages", "certificate_kinds"};

  const Taxonomy* Find(std::string_view name) const;
  const std::vector<Taxonomy>& all() const { return all_; }

  const Taxonomy& organization_kinds() const { return Get("organization_kinds"); }
  const Taxonomy& directions() const { return Get("directions"); }
  const Taxonomy& cooperation_types() const { return Get("cooperation_types"); }
  const Taxonomy& stages() const { return Get("stages"); }
  const Taxonomy& confidentiality_tiers() const { return Get("confidentiality_tiers"); }
  const Taxonomy& therapeutic_areas() const { return Get("therapeutic_areas"); }
  const Taxonomy& modalities() const { return Get("modalities"); }
  const Taxonomy& countries() const { return Get("countries"); }
  const Taxonomy& languages() const { return Get("languages"); }

 private:
  const Taxonomy& Get(std::string_view name) const { return *Find(name); }
  std::vector<Taxonomy> all_;
};

}  // namespace biobridge::domain
