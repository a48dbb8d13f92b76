// A thin RAII layer over the SQLite C API for the SQLite store: connections
// that cache their prepared statements, statements that reset themselves, and
// transactions that roll back unless committed. Internal to storage/sqlite.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>
#include <string_view>
#include <unordered_map>

#include "base/status.h"
#include "base/strings.h"

namespace biobridge::storage::sqlite {

// A prepared statement borrowed from its connection's cache. Resets and clears
// its bindings when it goes out of scope, so the cache can hand it out again.
// Not thread-safe (nor is its connection).
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite. Bind copies the text;
  // BindUnowned does not, so the text must stay alive until the statement
  // has run (for hot paths binding fields of a record in scope).
  Statement& Bind(int index, std::string_view text);
  Statement& BindUnowned(int index, std::string_view text);
  Statement& Bind(int index, std::int64_t value);
  Statement& BindNull(int index);

  // Advances to the next row: true for a row, false when done.
  Result<bool> Step();
  // Steps to the end, ignoring rows; for INSERT/UPDATE/DELETE.
  Status Run();

  std::string_view Text(int column) const;
  std::int64_t Int(int column) const;
  bool IsNull(int column) const;

 private:
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  // Opens (creating when `read_only` is false) the database at `path` and
  // applies the per-connection settings (foreign keys, busy timeout, WAL).
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool read_only,
                                                  bool synchronous_full);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements that return no rows.
  Status Exec(std::string_view sql);
  // Copies the whole database as it is at one moment into a new file at
  // `path` (SQLite's online backup); kAlreadyExists when the file exists.
  Status BackupTo(const std::string& path);
  // A statement for `sql`, prepared once per connection and cached.
  Result<Statement> Prepare(std::string_view sql);
  // Whether `sql` (a query with one parameter) finds a row for `value`.
  Result<bool> Exists(std::string_view sql, std::string_view value);
  std::int64_t Changes() const { return sqlite3_changes64(db_); }
  std::int64_t LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }

  // A Status for SQLite's last error on this connection, prefixed by `what`:
  // kUnavailable for busy/locked, kInternal otherwise.
  Status LastError(std::string_view what) const;

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  // Looked up by the SQL text without copying it (hot paths prepare per row).
  std::unordered_map<std::string, sqlite3_stmt*, StringHash, std::equal_to<>> statements_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back on destruction unless committed.
class Transaction {
 public:
  static Result<Transaction> Begin(Connection& connection, bool immediate = true);
  Transaction(Transaction&& other) noexcept
      : connection_(std::exchange(other.connection_, nullptr)) {}
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Connection* connection) : connection_(connection) {}
  Connection* connection_;
};

// "?, ?, ?": the placeholders of an IN list of `n` values.
std::string Placeholders(std::size_t n);

// Steps `stmt` to the end, appending the text of its first column of each row to `out`.
Status AppendTexts(Statement& stmt, std::vector<std::string>& out);

// SAVEPOINT inside a transaction: RELEASE on Release(), ROLLBACK TO otherwise.
class Savepoint {
 public:
  static Result<Savepoint> Begin(Connection& connection);
  Savepoint(Savepoint&& other) noexcept : connection_(std::exchange(other.connection_, nullptr)) {}
  ~Savepoint();
  Status Release();

 private:
  explicit Savepoint(Connection* connection) : connection_(connection) {}
  Connection* connection_;
};

}  // namespace biobridge::storage::sqlite
