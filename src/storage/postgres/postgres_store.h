// PostgresStore: the Store on a PostgreSQL server, for an exchange served by
// several BioBridge nodes. The store itself is sql::SqlStore, the same as
// SQLite's; this opens it on PostgreSQL: its own migrations (run by one
// node while the others wait), one writer connection and a pool of
// read-only connections. Writers of every node take one advisory lock per
// transaction, so that change records are numbered in commit order, which
// the nodes' search indexes rely on to follow them. A connection the server
// dropped is replaced on the next use; until the server is back, calls fail
// with kUnavailable instead of waiting.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "storage/postgres/connection.h"
#include "storage/sql/sql_store.h"

namespace biobridge::storage::postgres {

class PostgresStore final : public sql::SqlStore {
 public:
  struct Options {
    std::string url;                 // postgresql://USER@HOST:PORT/DATABASE
    int max_read_connections = 8;    // reads beyond this many at once wait
    std::chrono::seconds connect_timeout{5};
    std::size_t list_cache_bytes = sql::ListCache::kDefaultBytes;  // list pages kept between changes (0: none)
  };

  // Connects and applies pending migrations. kInvalidArgument for a URL that
  // is not one; kUnavailable naming the server and the reason when it cannot
  // be reached; kFailedPrecondition for a database a newer BioBridge migrated.
  static Result<std::unique_ptr<PostgresStore>> Open(const Options& options, Timestamp now);

  // Not done by BioBridge on PostgreSQL: kFailedPrecondition saying how
  // (pg_dump, or a replica), since the server's own tools copy it consistently.
  Status BackupTo(const std::string& path) override;

  // LISTENs on a connection of its own for the notices the change_log
  // trigger sends when any node commits a change.
  Result<bool> WaitForChanges(std::chrono::milliseconds timeout) override;

 private:
  PostgresStore(std::unique_ptr<sql::Connection> writer, OpenConnection open_reader, int max_readers,
                std::unique_ptr<sql::TagDictionary> tags, int schema_version, std::size_t list_cache_bytes,
                OpenConnection reopen_writer,
                ConnectionTarget target, std::chrono::seconds connect_timeout);

  const ConnectionTarget target_;
  const std::chrono::seconds connect_timeout_;
  std::mutex listener_mutex_;
  std::unique_ptr<Connection> listener_;  // guarded by listener_mutex_; opened at first wait
};

}  // namespace biobridge::storage::postgres
