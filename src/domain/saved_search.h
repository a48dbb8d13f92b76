// Saved searches: what a member asked to be told about as the directory
// grows.
//
// Two kinds:
//   search   a query with filters (as on the search page), in a language;
//            a new or changed record that meets every part of the query and
//            every filter is a match;
//   matches  "new partners for this opportunity": a new or changed record
//            that the matcher ranks among the opportunity's best partners.
//
// Matches reach the owner as `saved_search_match` notifications in the
// saved search's rhythm (a person who turned the kind off gets none by
// mail), each record once per saved search, with the reasons it matched.
// Only records changed after the search was saved count.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/time.h"
#include "domain/notification.h"

namespace biobridge::domain {

inline constexpr std::string_view kSavedSearchKinds[] = {"search", "matches"};
// The filters a saved search may carry (the search page's).
inline constexpr std::string_view kSavedSearchFilters[] = {"type",        "country", "kind",        "area",
                                                        "cooperation", "stage",   "certificate", "certified_in"};

struct SavedSearch {
  std::string id;
  std::string user_id;
  std::string kind;  // "search" or "matches"
  std::string name;  // the owner's label; the query or the opportunity's title by default
  std::string query;  // search
  std::map<std::string, std::string> filters;  // search: keys of kSavedSearchFilters, non-empty values
  std::string language;  // search: the language of labels and titles ("" : the query's)
  std::string opportunity_id;  // matches
  Rhythm rhythm = Rhythm::kDaily;
  std::int64_t from_change_seq = 0;  // records changed after this change record count
  Timestamp created_at{};
  std::optional<Timestamp> last_match_at;
  std::int64_t match_count = 0;  // records notified so far

  friend bool operator==(const SavedSearch&, const SavedSearch&) = default;
};

// A kind that exists, a name of 1..200 characters, the fields of the kind
// and no others, filters among kSavedSearchFilters. Codes and the query's
// words are checked by the service (they need the taxonomies).
Status ValidateSavedSearch(const SavedSearch& saved);

}  // namespace biobridge::domain
