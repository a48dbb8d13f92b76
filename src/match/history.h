// PartnerHistory: what matching knows of an organisation's past
// collaborations (storage::Store::ListPartners): who it worked with, and who
// its partners worked with. Both predict who it will work with next: real
// consortia and trials re-form around partners who know each other.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

#include "domain/queries.h"

namespace biobridge::storage {
class Store;  // storage/store.h, included by the .cc files that use it: callers above need not
struct WriteContext;
}  // namespace biobridge::storage

namespace biobridge::match {

struct PartnerHistory {
  struct Direct {
    std::int64_t joint = 0;  // collaborations shared
    std::optional<int> latest_year;
  };
  std::map<std::string, Direct> direct;
  // Partners of partners (not direct ones, not the organisation itself):
  // the number of direct partners they share, and a strength in (0, 1],
  // the best candidate 1: paths through frequent partners weigh more, paths
  // through partners of everyone less (by the logarithm of their degree).
  struct Indirect {
    int via = 0;
    double strength = 0;
  };
  std::map<std::string, Indirect> indirect;

  bool empty() const { return direct.empty() && indirect.empty(); }
};

struct HistoryLimits {
  int direct = 200;       // direct partners read
  int expanded = 30;      // of which, the most frequent are followed to their partners
  int per_partner = 200;  // partners read per followed partner
};

// Reads the history of `organization_id` (empty when it has none).
Result<PartnerHistory> LoadPartnerHistory(storage::Store& store, std::string_view organization_id,
                                          const HistoryLimits& limits = {});

}  // namespace biobridge::match
