// What every service needs from the outside world, injected so that tests
// control time and randomness. The referenced objects outlive the services.
#pragma once

#include "base/random.h"
#include "base/time.h"
#include "domain/taxonomy.h"
#include "search/search_index.h"

#include "domain/queries.h"

namespace biobridge::storage {
class Store;  // storage/store.h, included by the .cc files that use it: callers above need not
struct WriteContext;
}  // namespace biobridge::storage

namespace biobridge::service {

struct ServiceContext {
  storage::Store& store;
  const domain::Taxonomies& taxonomies;
  const Clock& clock;
  RandomSource& random;
  search::SearchIndex& search;  // follows the store; every write syncs it before answering
};

}  // namespace biobridge::service
