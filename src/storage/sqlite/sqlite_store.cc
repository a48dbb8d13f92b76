#include "storage/sqlite/sqlite_store.h"

#include "storage/sql/tag_dictionary.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/migrations.h"

namespace biobridge::storage::sqlite {

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const Options& options, Timestamp now) {
  BB_ASSIGN_OR_RETURN(auto writer, Connection::Open(options.path, /*read_only=*/false, options.synchronous_full));
  BB_ASSIGN_OR_RETURN(int version, ApplyMigrations(*writer, now));
  BB_ASSIGN_OR_RETURN(auto tags, LoadTags(*writer));
  OpenConnection open_reader = [path = options.path, full = options.synchronous_full]()
      -> Result<std::unique_ptr<sql::Connection>> {
    BB_ASSIGN_OR_RETURN(auto reader, Connection::Open(path, /*read_only=*/true, full));
    return std::unique_ptr<sql::Connection>(std::move(reader));
  };
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(writer), std::move(open_reader),
                                                      options.max_read_connections, std::move(tags), version,
                                                      options.list_cache_bytes));
}

SqliteStore::~SqliteStore() {
  // Lets SQLite refresh the statistics its query planner uses (sampled, so
  // it stays quick on large tables), as SQLite advises before closing.
  (void)WithWriter([](sql::Connection& c) { return c.Exec("PRAGMA analysis_limit = 1000; PRAGMA optimize;"); });
}

Status SqliteStore::BackupTo(const std::string& path) {
  return Read([&](sql::Connection& c) { return static_cast<Connection&>(c).BackupTo(path); });
}

}  // namespace biobridge::storage::sqlite
