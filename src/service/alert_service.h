// Saved searches and the alerts they raise.
//
// SavedSearchService: a signed-in person saves a search (query, filters,
// language) or asks to be told of new partners for an opportunity of their
// organisation, and lists, renames, re-times or deletes their own saved
// searches; anyone else's is "not found".
//
// RunAlerts is one round of the alert job (ScheduledJobs runs it). It reads
// the change records after its cursor, up to what the search index has
// applied, indexes the changed organisations and opportunities in a small
// in-memory index (a percolator: each saved search costs one query against
// the batch, never one against the directory) and runs every saved search
// against it, with its owner's visibility at this moment:
//   search   every unit of the query and every filter must match;
//   matches  the matcher finds the batch's candidates, and those it ranks
//            among the opportunity's kAlertTop best partners in the whole
//            directory are matches.
// Records of the owner's own organisations, and records last changed before
// the search was saved, are left out. Each record is notified once per saved
// search: one `saved_search_match` notification per saved search and round,
// naming up to kItemsPerNotice records with their reasons in English,
// Chinese and Russian, mailed in the saved search's rhythm. The hits, the
// notifications and the cursor are written in one transaction, so a crash
// repeats a round rather than losing or doubling it.
//
// Errors (beyond service/context.h's): kNotFound for a saved search that is
// not the caller's or an opportunity they may not see; kPermissionDenied for
// matches of an opportunity their organisation did not post; kInvalidArgument
// naming the filter, the rhythm or the name.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/saved_search.h"
#include "service/context.h"
#include "service/principal.h"
#include "service/search_service.h"

namespace biobridge::service {

struct SavedSearchInput {
  std::string kind = "search";  // "search" or "matches"
  std::string name;             // empty: the query, or the opportunity's title
  SearchParams search;          // search: q, lang and the filters (paging ignored)
  std::string opportunity_id;   // matches
  std::string rhythm;           // empty: daily
};

struct SavedSearchView {
  domain::SavedSearch saved;
  // matches: the opportunity as the owner sees it (empty id when it is gone
  // or no longer visible).
  RecordSummary opportunity;
  std::string link;  // the search page with the query, or the opportunity
};

class SavedSearchService {
 public:
  explicit SavedSearchService(const ServiceContext& context) : context_(context) {}

  // kUnauthenticated when not signed in as a person; kInvalidArgument naming
  // the field (q, a filter, lang, kind, name, rhythm, opportunity);
  // kNotFound for an opportunity the person may not see; kPermissionDenied
  // for one of an organisation they are not a member of;
  // kFailedPrecondition beyond storage::Store::kMaxSavedSearches.
  Result<SavedSearchView> Create(const Principal& who, const SavedSearchInput& input) const;
  // The same from a request body: {"kind", "name", "q", "lang", "filters":
  // {"type", "country", "kind", "area", "cooperation", "stage"},
  // "opportunity", "rhythm"}; an unknown member is refused by name.
  Result<SavedSearchView> Create(const Principal& who, const json::object& body) const;
  Result<std::vector<SavedSearchView>> List(const Principal& who) const;
  // Changes what is given: the name, the rhythm.
  Result<SavedSearchView> Update(const Principal& who, std::string_view id, const std::optional<std::string>& name,
                                 const std::optional<std::string>& rhythm) const;
  // The same from a request body: {"name", "rhythm"}.
  Result<SavedSearchView> Update(const Principal& who, std::string_view id, const json::object& body) const;
  Status Delete(const Principal& who, std::string_view id) const;

 private:
  Result<domain::SavedSearch> Own(const Principal& who, std::string_view id) const;
  SavedSearchView View(const Principal& who, domain::SavedSearch saved) const;

  ServiceContext context_;
};

struct AlertOptions {
  int max_changes = 50000;  // change records read in one round
};

struct AlertRound {
  std::int64_t changes = 0;         // change records read
  std::int64_t records = 0;         // changed organisations and opportunities indexed
  std::int64_t saved_searches = 0;  // run
  std::int64_t notified = 0;        // notifications written (saved searches with news)
  std::int64_t matches = 0;         // records notified, over all saved searches
  std::int64_t cursor = 0;          // the change record read up to
};

inline constexpr int kAlertTop = 20;       // matches: the best partners a new one must be among
inline constexpr int kItemsPerNotice = 10;  // records named in one notification
inline constexpr std::string_view kAlertJob = "alerts";

Result<AlertRound> RunAlerts(const ServiceContext& context, const AlertOptions& options = {});

}  // namespace biobridge::service
