#include "service/environment.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

#include "storage/postgres/connection.h"
#include "storage/sqlite/sqlite_store.h"

namespace biobridge::service {
namespace {

// --db names a PostgreSQL server: say plainly what is wrong with the URL or
// the server, before anything starts. The records cannot live there yet.
Status PostgresNotYet(std::string_view url) {
  BB_ASSIGN_OR_RETURN(storage::postgres::ConnectionTarget target, storage::postgres::ParseUrl(url));
  BB_RETURN_IF_ERROR(storage::postgres::Connection::Open(target).status());
  return FailedPreconditionError(fmt::format(
      "PostgreSQL at {} answers, but this version of BioBridge keeps its records in SQLite only: give --db a "
      "file path",
      target.shown));
}

}  // namespace

Result<std::unique_ptr<Environment>> Environment::Open(const Options& options) {
  if (options.db_path.starts_with("postgresql://") || options.db_path.starts_with("postgres://")) {
    return PostgresNotYet(options.db_path);
  }
  BB_ASSIGN_OR_RETURN(auto store, storage::sqlite::SqliteStore::Open({.path = options.db_path,
                                                                     .max_read_connections =
                                                                         options.max_read_connections,
                                                                     .synchronous_full = options.synchronous_full},
                                                                    SystemClock().Now()));
  const std::string search_path = options.search_path.empty() ? options.db_path + ".search" : options.search_path;
  BB_ASSIGN_OR_RETURN(auto search, search::SearchIndex::Open(search_path, text::Vocabulary::Builtin()));
  if (!options.skip_search_catch_up) {
    if (search->analysis_is_current()) {
      BB_RETURN_IF_ERROR(search->CatchUp(*store).status());
    } else {
      // Another BioBridge built it: its records' terms are not today's.
      spdlog::warn("the search index was built with another vocabulary or text analysis: rebuilding it from the database");
      BB_RETURN_IF_ERROR(search->Rebuild(*store, static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))));
    }
  }
  BB_ASSIGN_OR_RETURN(auto blobs,
                      files::BlobStore::Open(options.files_path.empty() ? options.db_path + ".files" : options.files_path));
  return std::unique_ptr<Environment>(new Environment(std::move(store), std::move(search), std::move(blobs), options));
}

Environment::Environment(std::unique_ptr<storage::Store> store, std::unique_ptr<search::SearchIndex> search,
                         std::unique_ptr<files::BlobStore> blobs, const Options& options)
    : store_(std::move(store)),
      search_(std::move(search)),
      blobs_(std::move(blobs)),
      context_{*store_, domain::Taxonomies::Builtin(), clock_, random_, *search_},
      accounts_(context_, {.password_cost = options.password_cost, .throttle = options.sign_in_throttle}),
      directory_(context_),
      interchange_(context_, blobs_.get()),
      search_service_(context_),
      match_service_(context_),
      pipeline_(context_),
      committee_(context_),
      events_(context_),
      invitations_(context_),
      notifications_(context_),
      messages_(context_),
      saved_searches_(context_),
      documents_(context_, *blobs_),
      certificates_(context_),
      countries_(context_),
      plans_(context_, match_service_, committee_) {}

Environment::~Environment() = default;

}  // namespace biobridge::service
