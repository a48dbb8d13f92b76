// Matcher: ranked complementary partners for an opportunity, an
// organisation or a free-text need, each with the reasons it was ranked.
//
// Two steps:
//   1. Retrieval (search/): the source's weighted terms and concepts, plus
//      the concepts its counterpart is expected to mention (a request for
//      distribution looks for distributors; a request for clinical trials
//      for hospitals and CROs), find a pool of candidates in any language.
//   2. Complementarity scoring: each candidate gets a score in [0, 1], a
//      weighted sum of features, and one reason per feature that fired:
//        relevance      0.28  shared concepts and words (BM25, normalised to
//                             the best candidate of the pool, scaled down when
//                             even the best reaches less than a quarter of
//                             the most the query could score)
//        complement     0.14  offer ↔ request with a cooperation type in
//                             common, or complementary types (licensing out
//                             ↔ licensing in); the organisation kind a
//                             cooperation needs (distribution → distributor),
//                             at 0.4 (weaker evidence than a post) unless a
//                             text need asks for that kind in words
//        market         0.14  the candidate is based in, or present in, a
//                             target market; or targets the source's country
//        area           0.05  therapeutic areas in common
//        certification  0.05  certifications the source asks for, held
//                             (and not expired) by the candidate
//        stage          0.04  the same or an adjacent development stage
//        history        0.30  the source's organisation worked with the
//                             candidate before (0.6, and 0.2 more for each
//                             further joint work, up to 1), or with the same
//                             partners (up to 0.5); half as much when the
//                             source names target markets and the candidate
//                             is in none; known partners enter the pool even
//                             when the text missed them
//      The weights are the contract of the score, stated once (kWeights).
// Candidates of the source's own organisation are never proposed.
//
// Thread-safe (read-only over the index and the store).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "domain/opportunity.h"
#include "domain/organization.h"
#include "domain/taxonomy.h"
#include "match/history.h"
#include "search/search_index.h"
#include "text/vocabulary.h"

namespace biobridge::match {

struct Reason {
  // "shared_concepts", "offer_meets_request", "complementary_cooperation",
  // "partner_kind", "target_market", "market_presence", "targets_your_country",
  // "therapeutic_area", "certification", "stage", "worked_together" (items:
  // the number of joint collaborations, the latest year or ""),
  // "partners_in_common" (items: how many).
  std::string code;
  double contribution = 0;  // what it adds to the score
  // What it is about: concept ids, or taxonomy codes (countries, areas,
  // cooperation types, kinds, stages), as the code implies.
  std::vector<std::string> items;
};

struct Candidate {
  search::RecordType type = search::RecordType::kOrganization;
  std::string id;
  std::string organization_id;
  double score = 0;
  std::vector<Reason> reasons;  // strongest first
  // A post on the same side as the source — asking (or offering) the same
  // kind of cooperation — is a competitor, not a partner: never ranked among
  // the partners, returned after them ("others looking for the same").
  bool competitor = false;
};

// At most this many competitors follow the partners.
inline constexpr std::size_t kMaxCompetitors = 5;

struct MatchOptions {
  int top = 10;
  // Visibility of the viewer (search/): candidates they may not see are
  // never considered.
  std::vector<std::string> visible_tiers;
  std::vector<std::string> own_organization_ids;
  std::optional<search::RecordType> only;  // organisations or opportunities only
  // Not empty: candidates of these organisations only (an event's delegates,
  // say), all of them ranked, not just those a general search would reach.
  std::vector<std::string> among_organizations;
  // Not empty: candidates based in this country / of one of these kinds only
  // (a plan's partners for one role in one country).
  std::string country;
  std::vector<std::string> kinds;
  Date today;  // certifications that expired before it do not count
  // The past partners of the source's organisation; null: not used.
  const PartnerHistory* history = nullptr;
};

// Chosen on the evaluation of docs/BENCHMARKS.md (ClinicalTrials.gov and
// CORDIS consortia): partner history and text relevance carry most of the
// score; the others order candidates that both find alike.
struct Weights {
  double relevance = 0.28;
  double complement = 0.14;
  double market = 0.14;
  double area = 0.05;
  double certification = 0.05;
  double stage = 0.04;
  double history = 0.30;
};
inline constexpr Weights kWeights{};

class Matcher {
 public:
  // Scores from facts kept in the index (search/search_index.h): no store.
  Matcher(const search::SearchIndex& index, const domain::Taxonomies& taxonomies);

  Result<std::vector<Candidate>> ForOpportunity(const domain::Opportunity& opportunity,
                                                const domain::Organization& owner, const MatchOptions& options) const;
  Result<std::vector<Candidate>> ForOrganization(const domain::Organization& organization,
                                                 const MatchOptions& options) const;
  // A need written in any language: read as a request for the cooperation
  // types, partner kinds and therapeutic areas its concepts name, in the
  // countries it names (countries.h).
  // kInvalidArgument when the text has nothing to match on.
  Result<std::vector<Candidate>> ForText(std::string_view text, const MatchOptions& options) const;

  // How many candidates retrieval considers before scoring.
  static constexpr int kPoolSize = 100;

 private:
  struct Source;
  Result<std::vector<Candidate>> Rank(const Source& source, const MatchOptions& options) const;

  const search::SearchIndex& index_;
  const domain::Taxonomies& taxonomies_;
  const text::Vocabulary& vocabulary_;
};

// The organisation kinds that a post of `direction` and `cooperation` looks
// for (a request for distribution: distributors; an offer of licensing out:
// companies). Empty when any kind may do.
std::vector<std::string> PartnerKindsFor(std::string_view direction, const std::vector<std::string>& cooperation);

// Whom the reasons speak to: a member of the source organisation (or the
// author of a free text) reads "your request"; anyone else — a visitor, a
// member of another organisation — reads "this request", "their country".
enum class Addressee { kSource, kOther };

// One reason as a sentence in `language` (en, zh or ru; others get English),
// naming concepts and codes by their labels in that language.
std::string ExplainReason(const Reason& reason, std::string_view language, const text::Vocabulary& vocabulary,
                          const domain::Taxonomies& taxonomies, Addressee addressee = Addressee::kSource);

}  // namespace biobridge::match
