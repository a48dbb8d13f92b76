// What every service needs from the outside world, injected so that tests
// control time and randomness. The referenced objects outlive the services.
//
// The errors every service call returns (base/status.h; api/errors.cc maps
// them to HTTP statuses, cli/ to exit codes). Each service header adds what
// is particular to its calls under "Errors".
//  - kUnauthenticated: the call needs someone signed in, and signing in would
//    help (authorization.h).
//  - kPermissionDenied: the caller is known but may not do this, and says so
//    only where knowing the record exists reveals nothing (a platform admin
//    who may moderate but not speak for an organisation, a member who is not
//    an admin).
//  - kNotFound: no such record, or one the caller may not know exists: the
//    two answers are the same, word for word.
//  - kInvalidArgument: a field's value is wrong; the status names the field
//    (a JSON path such as "countries[2]") and says what would be right.
//  - kAborted: the record changed since the version the caller sent; read it
//    again.
//  - kFailedPrecondition: the record's state does not allow the call now (a
//    published schedule, a decided project); the message says what would.
//  - kAlreadyExists: an id, an e-mail address or a registration is taken.
//  - kUnavailable: the database is busy or unreachable; try again.
#pragma once

#include "base/random.h"
#include "base/time.h"
#include "domain/taxonomy.h"
#include "domain/queries.h"
#include "search/search_index.h"

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
