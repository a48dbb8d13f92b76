// Analysis: how BioBridge turns text into the terms of its search index and
// its queries. Documents and queries go through the same steps (text/),
// so that they meet:
//   - Latin and Cyrillic words → Snowball stems, function words left out;
//   - runs of Han characters → character bigrams, plus ICU dictionary words
//     of three or more characters (a two-character word is a bigram already);
//   - long Latin and Cyrillic words → also their sound skeletons
//     (text/transliterate.h), which carry names Russian writes by sound;
//   - concept mentions (text/vocabulary.h) → concept terms "C<id>", and
//     their generalisations (broader concepts, therapeutic areas and
//     modalities) at half the weight. Concept terms are what
//     lets a query in one language find a record written in another.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/opportunity.h"
#include "domain/certificate.h"
#include "domain/organization.h"
#include "text/vocabulary.h"

namespace biobridge::search {

// The version of these rules: bumped whenever what a record's text is
// indexed as changes (terms, prefixes, weights), so that an index built by
// older rules is rebuilt (SearchIndex::analysis_is_current); the vocabulary
// counts by its own fingerprint.
inline constexpr int kAnalysisVersion = 1;

// Prefixes of index terms (Xapian convention: capitals, never the start of a
// word term, which is always folded to lower case).
inline constexpr std::string_view kConceptPrefix = "C";
std::string ConceptTerm(std::string_view concept_id);
// Ranked (not boolean) country terms: where an organisation is based or
// present, so that a match can prefer a target market.
inline constexpr std::string_view kCountryTermPrefix = "N";
std::string CountryTerm(std::string_view country_code);
// Sound skeletons of long Latin and Cyrillic words (text/transliterate.h),
// one prefix per script: a record holds its words' keys under its own
// script's prefix, and a query looks for its keys under the other's
// (OtherScriptTerm), so тоцилизумаб finds tocilizumab — and a word never
// matches itself twice.
inline constexpr std::string_view kLatinSkeletonPrefix = "TL";
inline constexpr std::string_view kCyrillicSkeletonPrefix = "TC";
// The term a query looks for in place of a record's skeleton term; "" for
// any other term.
std::string OtherScriptTerm(std::string_view term);
bool IsSoundSkeletonTerm(std::string_view term);
// The skeleton term a record holds for a word (its stem), under the word's
// own script's prefix; "" when the word has no key.
std::string SoundSkeletonTerm(std::string_view stem);

// The concept standing for a taxonomy code, or "" when there is none
// ("company" is too general to be one).
std::string_view ConceptOfKind(std::string_view kind);
std::string_view ConceptOfCooperation(std::string_view cooperation);

// The weighted terms of a text or a record.
struct TermProfile {
  std::map<std::string, double> terms;        // word stems, Han bigrams and words
  std::map<std::uint32_t, double> concepts;   // concept index → weight
};

// Analyses `text` (any language) with the weight given to each occurrence.
// Generalisations of a mention get half its weight.
TermProfile AnalyzeText(std::string_view text, double weight, const text::Vocabulary& vocabulary,
                        text::TagMode mode = text::TagMode::kDocument);

// Field weights: names and titles count three times, capabilities and
// certifications twice, descriptions once. Every language variant is read.
// Codes chosen from the taxonomies count like list items: the concepts of
// the therapeutic areas, modalities, cooperation types and organisation
// kind, and for organisations the country and markets (country terms).
TermProfile AnalyzeOrganization(const domain::Organization& organization, const text::Vocabulary& vocabulary);
TermProfile AnalyzeOpportunity(const domain::Opportunity& opportunity, const text::Vocabulary& vocabulary);
// Adds what an organisation's recorded certificates say (the caller passes
// those in force): each kind's concept and its generalisations, weighted like
// list items, and the issuer's and the scope's words.
void AddCertificates(TermProfile& profile, const std::vector<domain::Certificate>& certificates,
                     const text::Vocabulary& vocabulary);

// A search query, analysed: what is searched for and what a snippet
// highlights.
struct QueryAnalysis {
  std::string language;  // detected from the text (text/normalize.h), "" without letters
  // One entry per thing the user asked for, in order: a concept mention
  // (with the words it covered) or a word / Han run outside any mention.
  struct Unit {
    std::string surface;                 // as typed
    std::vector<std::string> terms;      // word terms; for Han, the bigrams (all must match)
    bool han = false;
    std::int32_t concept_index = -1;     // a mentioned concept, or -1
    // A long Latin or Cyrillic word outside any concept: its sound skeleton
    // as a record in the other script holds it (ruxolitinib finds
    // руксолитиниб), an alternative to `terms`; else "".
    std::string other_script_term;
  };
  std::vector<Unit> units;
  // For highlighting: every stem and Han bigram of the query, the concepts
  // it mentions and the skeleton terms it looks for in the other script.
  std::set<std::string> stems;
  std::set<std::string> other_script_terms;
  std::set<std::string> han_bigrams;
  std::set<std::uint32_t> concepts;

  bool empty() const { return units.empty(); }
};

QueryAnalysis AnalyzeQuery(std::string_view query, const text::Vocabulary& vocabulary);

}  // namespace biobridge::search
