// SearchService: full-text, cross-language, faceted search of the directory
// for one viewer.
//
// The viewer's visibility is applied inside the index query (hidden
// opportunities are neither returned nor counted), and every result is
// re-read from the store through the same rule before it is shown, so a
// snippet never comes from a record the viewer may not see.
//
// Errors (beyond service/context.h's): kInvalidArgument naming the
// parameter (a filter code outside its taxonomy, page or per_page out of
// range, a query too long).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "search/search_index.h"
#include "search/snippet.h"
#include "service/context.h"
#include "service/principal.h"
#include "text/spelling.h"

namespace biobridge::service {

struct SearchParams {
  std::string q;
  std::string lang;  // the viewer's language (labels, titles, snippets); empty: the query's
  std::string type;  // "organization", "opportunity" or empty
  std::string country;
  std::string kind;
  std::string area;
  std::string cooperation;
  std::string stage;
  std::string certificate;   // a certificate kind or family in force (certificate_kinds)
  std::string certified_in;  // a country where such a certificate holds
  int page = 1;
  int per_page = 20;
};

// What a list of found or matched records shows of each.
struct RecordSummary {
  search::RecordType type = search::RecordType::kOrganization;
  std::string id;
  std::string title;           // in the viewer's language when there is a variant
  std::string title_language;  // the language of `title`
  std::string organization_id;
  std::string organization_name;
  std::string country;
  std::string kind;
  // Opportunities only.
  std::string direction;
  std::vector<std::string> cooperation;
  std::string stage;
  std::vector<std::string> therapeutic_areas;
};

struct SearchItem {
  RecordSummary record;
  double score = 0;
  std::vector<search::SnippetPart> snippet;
  std::string snippet_language;
  std::vector<std::string> matched_concepts;  // concept ids of the query that the record mentions
};

struct SearchPage {
  std::string language;        // the viewer's language used
  std::string query_language;  // detected from q
  std::vector<std::string> query_concepts;  // concept ids recognised in q, in order
  // When nothing matched q as typed: the concepts searched for instead (what
  // q names and what that is a kind of: CAR-T → cell therapy; a Russian or
  // English derivation brought back to a known word: стентирование →
  // стенты), in order; empty when q matched as typed.
  std::vector<std::string> broadened_to;
  // First page, not broadened: q with its misspelt words put right from
  // the vocabulary's labels (cardiolgy → cardiology), when each such word
  // as spelt finds nothing for this viewer (a rare name is not a
  // misspelling) and q corrected finds something; else "". Offered also
  // beside results found some other way, e.g. by a word's sound in the
  // other script only (onkology → онкология).
  std::string did_you_mean;
  // When nothing was found even broadened (first page only): the concepts
  // close to what q says, each finding something for this viewer, at most
  // kMaxSuggestions: a corrected word's, those a word is the beginning of
  // ("cardio"), those whose Chinese labels share q's character pairs
  // (text/spelling.h).
  std::vector<std::string> suggestions;
  std::vector<SearchItem> items;
  std::int64_t total = 0;
  int page = 1;
  int per_page = 20;
  std::map<std::string, std::vector<search::FacetValue>> facets;
};

class SearchService {
 public:
  explicit SearchService(const ServiceContext& context) : context_(context) {}

  // kInvalidArgument naming the parameter for: a missing, too long or
  // wordless q; an unknown language, type or code; a page outside 1..,
  // per_page outside 1..100, or a page past the last one.
  Result<SearchPage> Search(const Principal& who, const SearchParams& params) const;

  // Change records this node's index has not applied yet (0: it is current).
  Result<std::int64_t> IndexLag() const;

  static constexpr std::size_t kMaxQueryCharacters = 500;
  static constexpr int kMaxPerPage = 100;
  static constexpr int kMaxResultWindow = 10000;  // page × per_page
  static constexpr std::size_t kMaxSuggestions = 5;

  // The summary of a record for `language` (shared with matching).
  static RecordSummary Summarize(const domain::Organization& organization, std::string_view language);
  static RecordSummary Summarize(const domain::Opportunity& opportunity, const domain::Organization& owner,
                                 std::string_view language);

 private:
  // Fills page.did_you_mean, and page.suggestions when the search found nothing.
  Status Suggest(const search::QueryAnalysis& analysis, std::string_view q, search::SearchRequest request,
                 bool found_nothing, SearchPage& page) const;
  // Built on first use: most searches find something.
  const text::Speller& speller() const;

  ServiceContext context_;
  struct LazySpeller {
    std::once_flag once;
    std::unique_ptr<text::Speller> speller;
  };
  std::shared_ptr<LazySpeller> speller_ = std::make_shared<LazySpeller>();
};

// A search's query and filters checked and analysed, without paging or the
// viewer's visibility (shared by searching and saved searches).
struct PreparedSearch {
  std::string q;  // trimmed
  search::QueryAnalysis analysis;
  search::SearchFilter filter;  // type and codes; no visibility
  std::string language;         // the viewer's language: lang, else the query's
};
// kInvalidArgument naming the parameter for: a missing, too long or
// wordless q; an unknown language, type or code.
Result<PreparedSearch> PrepareSearch(const SearchParams& params, const domain::Taxonomies& taxonomies,
                                     const text::Vocabulary& vocabulary);

// "organization" or "opportunity" as a record type, empty as none;
// kInvalidArgument "type" for anything else.
Result<std::optional<search::RecordType>> ParseRecordType(std::string_view type);

// The viewer's language: `requested` when given (kInvalidArgument "lang" if
// it is not an ISO 639-1 code), else `fallback` when non-empty, else "en".
Result<std::string> ViewerLanguage(const domain::Taxonomies& taxonomies, std::string_view requested,
                                   std::string_view fallback);

}  // namespace biobridge::service
