#include "service/environment.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

#include "storage/postgres/postgres_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace biobridge::service {
bool Environment::IsPostgresUrl(std::string_view db) { return storage::postgres::IsPostgresUrl(db); }

std::string Environment::Describe(std::string_view db) {
  if (!IsPostgresUrl(db)) return std::string(db);
  auto target = storage::postgres::ParseUrl(db);
  return target.ok() ? "PostgreSQL at " + target->shown : "PostgreSQL";
}

Result<std::unique_ptr<Environment>> Environment::Open(const Options& options) {
  const bool postgres = IsPostgresUrl(options.db_path);
  std::unique_ptr<storage::Store> store;
  if (postgres) {
    BB_ASSIGN_OR_RETURN(store, storage::postgres::PostgresStore::Open({.url = options.db_path,
                                                                      .max_read_connections =
                                                                          options.max_read_connections,
                                                                      .list_cache_bytes = options.list_cache_bytes.value_or(
                                                                          storage::sql::ListCache::kDefaultBytes)},
                                                                     SystemClock().Now()));
  } else {
    BB_ASSIGN_OR_RETURN(store, storage::sqlite::SqliteStore::Open({.path = options.db_path,
                                                                  .max_read_connections =
                                                                      options.max_read_connections,
                                                                  .synchronous_full = options.synchronous_full,
                                                                  .list_cache_bytes = options.list_cache_bytes.value_or(
                                                                      storage::sql::ListCache::kDefaultBytes)},
                                                                 SystemClock().Now()));
  }
  const std::string search_path = !options.search_path.empty() ? options.search_path
                                  : postgres                    ? std::string("var/search")
                                                                : options.db_path + ".search";
  const std::string files_path = !options.files_path.empty() ? options.files_path
                                 : postgres                   ? std::string("var/files")
                                                              : options.db_path + ".files";
  BB_ASSIGN_OR_RETURN(auto search, search::SearchIndex::Open(search_path, text::Vocabulary::Builtin()));
  if (!options.skip_search_catch_up) {
    BB_ASSIGN_OR_RETURN(const std::int64_t latest, store->LatestChangeSeq());
    const int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (!search->analysis_is_current()) {
      // Another BioBridge built it: its records' terms are not today's.
      spdlog::warn("the search index was built with another vocabulary or text analysis: rebuilding it from the database");
      BB_RETURN_IF_ERROR(search->Rebuild(*store, threads));
    } else if (latest - search->applied_change_seq() > kRebuildBeyond) {
      spdlog::info("the search index is {} changes behind the database: rebuilding it",
                   latest - search->applied_change_seq());
      BB_RETURN_IF_ERROR(search->Rebuild(*store, threads));
    } else {
      BB_RETURN_IF_ERROR(search->CatchUp(*store).status());
    }
  }
  BB_ASSIGN_OR_RETURN(auto blobs, files::BlobStore::Open(files_path));
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
