#include "service/environment.h"

#include "storage/sqlite/sqlite_store.h"

namespace biobridge::service {

Result<std::unique_ptr<Environment>> Environment::Open(const Options& options) {
  BB_ASSIGN_OR_RETURN(auto store, storage::sqlite::SqliteStore::Open({.path = options.db_path,
                                                                     .max_read_connections =
                                                                         options.max_read_connections,
                                                                     .synchronous_full = options.synchronous_full},
                                                                    SystemClock().Now()));
  return std::unique_ptr<Environment>(new Environment(std::move(store), options));
}

Environment::Environment(std::unique_ptr<storage::Store> store, const Options& options)
    : store_(std::move(store)),
      context_{*store_, domain::Taxonomies::Builtin(), clock_, random_},
      accounts_(context_, {.password_cost = options.password_cost}),
      directory_(context_),
      interchange_(context_) {}

Environment::~Environment() = default;

}  // namespace biobridge::service
