#include "domain/saved_search.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/utf8.h"

namespace biobridge::domain {

Status ValidateSavedSearch(const SavedSearch& saved) {
  if (std::find(std::begin(kSavedSearchKinds), std::end(kSavedSearchKinds), saved.kind) == std::end(kSavedSearchKinds)) {
    return InvalidArgumentError("kind", fmt::format("unknown kind '{}'; use search or matches", saved.kind));
  }
  constexpr std::size_t kMaxName = 200;
  if (saved.name.empty()) return InvalidArgumentError("name", "give the saved search a name");
  if (!IsValidUtf8(saved.name) || CountCodePoints(saved.name) > kMaxName) {
    return InvalidArgumentError("name", fmt::format("the name must be valid UTF-8 of at most {} characters", kMaxName));
  }
  if (saved.kind == "search") {
    if (saved.query.empty()) return InvalidArgumentError("q", "a saved search needs a query");
    if (!saved.opportunity_id.empty()) {
      return InvalidArgumentError("opportunity", "a saved search of kind search has no opportunity");
    }
    for (const auto& [key, value] : saved.filters) {
      if (std::find(std::begin(kSavedSearchFilters), std::end(kSavedSearchFilters), key) == std::end(kSavedSearchFilters)) {
        return InvalidArgumentError(key, fmt::format("'{}' is not a filter; use type, country, kind, area, "
                                                     "cooperation, stage, certificate or certified_in", key));
      }
      if (value.empty()) return InvalidArgumentError(key, "an empty filter is no filter; leave it out");
    }
  } else {
    if (saved.opportunity_id.empty()) return InvalidArgumentError("opportunity", "name the opportunity to find partners for");
    if (!saved.query.empty() || !saved.filters.empty()) {
      return InvalidArgumentError("q", "partners for an opportunity take no query or filters");
    }
  }
  return Status::Ok();
}

}  // namespace biobridge::domain
