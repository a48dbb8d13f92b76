// SearchIndex: the full-text and faceted index over organisations and
// opportunities (Xapian 1.4), kept in step with the store.
//
// The store is the system of record; the index is derived from it and can
// always be rebuilt. It follows the store's change records: CatchUp reads
// the changes after the last one it applied (kept in the index itself) and
// re-reads each changed record, so that the same path serves a write made a
// moment ago, an import of a million records, a restart after a crash and,
// later, several servers sharing one PostgreSQL database.
//
// What is indexed (analysis.h): the text of every language variant, concept
// terms, and boolean terms for filters: type, country and kind (of the
// posting organisation, for opportunities), therapeutic areas, cooperation
// types, stage, direction, confidentiality tier and organisation. Search
// applies the viewer's visibility inside the query, so hidden records are
// neither returned nor counted in facets.
//
// Thread-safe: searches run in parallel on their own database handles;
// CatchUp and Rebuild are serialised.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "search/analysis.h"
#include "text/vocabulary.h"

#include "domain/queries.h"

namespace biobridge::storage {
class Store;  // storage/store.h, included by the .cc files that use it: callers above need not
struct WriteContext;
}  // namespace biobridge::storage

namespace biobridge::search {

enum class RecordType { kOrganization, kOpportunity };
std::string_view RecordTypeName(RecordType type);  // "organization", "opportunity"

using CertificatesByOrganization = std::map<std::string, std::vector<domain::Certificate>>;

struct SearchFilter {
  std::optional<RecordType> type;
  std::string country;      // ISO 3166-1 alpha-2 (of the organisation)
  std::string kind;         // organisation kind
  std::vector<std::string> kinds;  // any of these organisation kinds (with `kind`, both apply)
  std::string area;         // therapeutic area code
  std::string cooperation;  // cooperation type code (opportunities)
  std::string stage;        // stage code (opportunities)
  std::string direction;    // "offer" / "request" (opportunities)
  std::string organization_id;  // the organisation, or the one posting
  // A certificate in force of the organisation (posting): of this kind or
  // family, holding in this country; both given, one certificate must be both.
  std::string certificate;
  std::string certified_in;
  // Visibility, as in domain::OpportunityFilter: opportunities whose tier
  // is one of `visible_tiers`, plus those of `own_organization_ids`; empty
  // `visible_tiers` shows everything. Organisations are always visible.
  std::vector<std::string> visible_tiers;
  std::vector<std::string> own_organization_ids;
  std::vector<std::string> exclude_ids;  // e.g. the record a match starts from
  std::vector<std::string> exclude_organization_ids;  // organisations and everything they posted
};

// What matching needs to know of a candidate, kept in the index so that
// scoring a pool of candidates reads no database.
struct RecordFacts {
  std::string country;  // of the organisation (posting, for opportunities)
  std::string kind;
  std::vector<std::string> markets;
  std::vector<std::pair<std::string, std::optional<Date>>> certifications;  // concept id, expiry
  std::vector<std::string> areas;
  std::vector<std::string> concepts;  // the strongest concepts of the record
  // Opportunities only.
  std::string direction;
  std::vector<std::string> cooperation;
  std::string stage;
  std::vector<std::string> targets;
};

struct SearchHit {
  RecordType type = RecordType::kOrganization;
  std::string id;
  double score = 0;  // Xapian's BM25 weight: comparable within one result only
  std::string organization_id;  // the organisation itself, or the one posting
  RecordFacts facts;  // with SearchRequest::facts
};

struct FacetValue {
  std::string value;
  std::int64_t count = 0;
  friend bool operator==(const FacetValue&, const FacetValue&) = default;
};

struct SearchResult {
  std::int64_t total = 0;  // exact when facets were asked for, else Xapian's estimate
  double max_possible = 0;  // an upper bound of any document's score for this query
  std::vector<SearchHit> hits;
  // "type", "country", "kind", "area", "cooperation", "stage": values by
  // count, most frequent first.
  std::map<std::string, std::vector<FacetValue>> facets;
};

struct SearchRequest {
  // Ranked text: OR of the analysed query's units (each a concept or its
  // words, Han runs needing all their bigrams), concepts weighted up.
  const QueryAnalysis* query = nullptr;
  // Or ranked by a weighted profile (matching): each term and concept with
  // its weight. Exactly one of `query` and `profile` is set.
  const TermProfile* profile = nullptr;
  SearchFilter filter;
  // Only the records of these organisations (each organisation and what it
  // posted), whether or not they match `query` or `profile`: those that do
  // not score 0. Matching uses it to score known partners the ranked pool
  // missed. Empty: no such restriction.
  std::vector<std::string> only_organizations;
  int offset = 0;
  int limit = 20;
  // Text queries: every unit of the query must match (alerts), not any
  // (ranked search).
  bool all_units = false;
  bool facets = false;  // count facets over every match (slower)
  bool facts = false;  // fill SearchHit::facts
};

class SearchIndex {
 public:
  // Opens or creates the index in directory `path`.
  // kUnavailable when another process holds it for writing.
  static Result<std::unique_ptr<SearchIndex>> Open(const std::string& path, const text::Vocabulary& vocabulary);
  // An index in memory only (tests and tools).
  static Result<std::unique_ptr<SearchIndex>> OpenInMemory(const text::Vocabulary& vocabulary);
  ~SearchIndex();

  // Applies every change record of `store` after the last one applied.
  // Returns the number of records indexed or removed.
  Result<std::int64_t> CatchUp(storage::Store& store);
  // Indexes every record of `store` afresh (with `threads` analysing in
  // parallel) and then catches up. Progress is reported per record.
  Status Rebuild(storage::Store& store, int threads, const std::function<void(std::int64_t done)>& progress = {});

  Result<SearchResult> Search(const SearchRequest& request) const;

  // Indexes the given records as they are (replacing any of the same id),
  // without a store: for a small in-memory index of a batch of changed
  // records that saved searches are run against (service/alert_service.h).
  // Each opportunity comes with its organisation. Not for an index that
  // follows a store (its change position does not move).
  // `certificates`: the organisations' certificates (those lapsed are left out).
  Status Put(const std::vector<domain::Organization>& organizations,
             const std::vector<std::pair<domain::Opportunity, const domain::Organization*>>& opportunities,
             const CertificatesByOrganization& certificates = {});

  // Whether the index was built by today's analysis: the same vocabulary
  // (Vocabulary::fingerprint) and rules (kAnalysisVersion, analysis.h). A
  // new, empty index is; one built by an older BioBridge has other terms for
  // the same text, so new and old records would not meet: rebuild it
  // (service::Environment does, when it opens one).
  bool analysis_is_current() const;

  // The last change record applied, and the number of documents.
  std::int64_t applied_change_seq() const;
  std::int64_t document_count() const;
  const text::Vocabulary& vocabulary() const;

  class Impl;

 private:
  explicit SearchIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace biobridge::search
