// SQLite's side of the SQL store (internal to storage/): connections that
// cache their prepared statements, open in WAL mode with the settings the
// store relies on, and SQLite's online backup.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/status.h"
#include "base/strings.h"
#include "storage/sql/connection.h"

namespace biobridge::storage::sqlite {

using sql::Savepoint;
using sql::Statement;
using sql::Transaction;

class Connection final : public sql::Connection {
 public:
  // Opens (creating when `read_only` is false) the database at `path` and
  // applies the per-connection settings (foreign keys, busy timeout, WAL).
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool read_only,
                                                  bool synchronous_full);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
  Status Exec(std::string_view sql) override;
  Result<Statement> Prepare(std::string_view sql) override;
  std::int64_t Changes() const override { return sqlite3_changes64(db_); }
  // BEGIN IMMEDIATE: another process's writer waits rather than deadlocks.
  // The four are prepared once, not parsed per transaction (a list request
  // is short enough for that to show).
  Status BeginWrite() override { return RunCached("BEGIN IMMEDIATE"); }
  Status BeginRead() override { return RunCached("BEGIN"); }
  Status CommitTransaction() override { return RunCached("COMMIT"); }
  Status RollbackTransaction() override { return RunCached("ROLLBACK"); }
  Result<std::optional<std::string>> IndexDefinition(std::string_view name) override;
  // After the largest key: what SQLite gives a row by default (no table uses AUTOINCREMENT).
  Result<std::vector<std::int64_t>> NewKeys(std::string_view table, std::size_t n) override;

  // Copies the whole database as it is at one moment into a new file at
  // `path` (SQLite's online backup); kAlreadyExists when the file exists.
  Status BackupTo(const std::string& path);

  // A Status for SQLite's last error on this connection, prefixed by `what`:
  // kUnavailable for busy/locked, kInternal otherwise.
  Status LastError(std::string_view what) const;

 private:
  class CachedStatement;
  explicit Connection(sqlite3* db);
  Status RunCached(std::string_view sql);
  sqlite3* db_;
  // Looked up by the SQL text without copying it (hot paths prepare per row).
  std::unordered_map<std::string, std::unique_ptr<CachedStatement>, StringHash, std::equal_to<>> statements_;
};

}  // namespace biobridge::storage::sqlite
