// SqliteStore: the embedded Store, one SQLite database file in WAL mode. The
// store itself is sql::SqlStore; this opens it on SQLite: one writer
// connection and a pool of read-only connections on the same file. The
// schema is migrated on Open. See docs/storage.md for the schema and
// durability settings.
#pragma once

#include <memory>
#include <string>

#include "storage/sql/sql_store.h"

namespace biobridge::storage::sqlite {

class SqliteStore final : public sql::SqlStore {
 public:
  struct Options {
    std::string path;               // the database file; created when missing
    int max_read_connections = 8;   // reads beyond this many at once wait
    bool synchronous_full = false;  // fsync every commit (survives power loss)
    std::size_t list_cache_bytes = sql::ListCache::kDefaultBytes;  // list pages kept between changes (0: none)
  };

  // Opens or creates the database and applies pending migrations. kUnavailable
  // when the file cannot be opened; kFailedPrecondition for a database written
  // by a newer BioBridge.
  static Result<std::unique_ptr<SqliteStore>> Open(const Options& options, Timestamp now);
  ~SqliteStore() override;

  // SQLite's online backup of the whole file as it is at one moment.
  Status BackupTo(const std::string& path) override;

 private:
  using SqlStore::SqlStore;
};

}  // namespace biobridge::storage::sqlite
