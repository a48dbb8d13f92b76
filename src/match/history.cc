#include "match/history.h"
#include "storage/store.h"

#include <algorithm>
#include <cmath>

namespace biobridge::match {

Result<PartnerHistory> LoadPartnerHistory(storage::Store& store, std::string_view organization_id,
                                          const HistoryLimits& limits) {
  PartnerHistory history;
  BB_ASSIGN_OR_RETURN(std::vector<storage::Partner> partners, store.ListPartners(organization_id, limits.direct));
  for (const storage::Partner& p : partners) history.direct[p.organization_id] = {p.joint, p.latest_year};
  // ListPartners gives the most frequent partners first.
  std::map<std::string, double> raw;
  for (std::size_t i = 0; i < partners.size() && i < static_cast<std::size_t>(limits.expanded); ++i) {
    BB_ASSIGN_OR_RETURN(std::vector<storage::Partner> theirs,
                        store.ListPartners(partners[i].organization_id, limits.per_partner));
    const double hub = std::log2(2.0 + static_cast<double>(theirs.size()));
    for (const storage::Partner& q : theirs) {
      if (q.organization_id == organization_id || history.direct.count(q.organization_id)) continue;
      raw[q.organization_id] += static_cast<double>(partners[i].joint * q.joint) / hub;
      ++history.indirect[q.organization_id].via;
    }
  }
  double best = 0;
  for (const auto& [id, weight] : raw) best = std::max(best, weight);
  for (auto& [id, indirect] : history.indirect) indirect.strength = best > 0 ? raw[id] / best : 0;
  return history;
}

}  // namespace biobridge::match
