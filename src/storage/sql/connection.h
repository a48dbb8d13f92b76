// What the SQL store needs of a database engine (internal to storage/): a
// connection that prepares statements once and hands them out again, runs
// transactions, and says which dialect it speaks. SQLite
// (storage/sqlite/connection.h) and PostgreSQL (storage/postgres/) implement
// it, so that one store (sql_store.h) serves both. Statements are written
// with `?` or `?N` placeholders; PostgreSQL's connection turns them into $N.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "base/status.h"

namespace biobridge::storage::sql {

enum class Dialect { kSqlite, kPostgres };

// One value of a row handed to Connection::AppendRows: NULL, an integer, or
// text (viewed, not copied: it must outlive the call that fills the row).
using Value = std::variant<std::monostate, std::int64_t, std::string_view>;
// Fills `row` (sized to the columns) with the next row; false when there
// are no more rows.
using RowSource = std::function<Result<bool>(std::vector<Value>& row)>;

// One engine's prepared statement, owned by its connection's cache.
class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  // `copy` false: the text stays alive until the statement has run.
  virtual void BindText(int index, std::string_view text, bool copy) = 0;
  virtual void BindInt(int index, std::int64_t value) = 0;
  virtual void BindNull(int index) = 0;
  virtual Result<bool> Step() = 0;
  virtual std::string_view Text(int column) const = 0;
  virtual std::int64_t Int(int column) const = 0;
  virtual bool IsNull(int column) const = 0;
  // Ready to run again with the same bindings.
  virtual void Rewind() = 0;
  // Ready to run again with no bindings.
  virtual void Reset() = 0;
};

// A prepared statement borrowed from its connection's cache. Resets and clears
// its bindings when it goes out of scope, so the cache can hand it out again.
// Not thread-safe (nor is its connection).
class Statement {
 public:
  explicit Statement(StatementBackend* backend) : backend_(backend) {}
  Statement(Statement&& other) noexcept : backend_(std::exchange(other.backend_, nullptr)) {}
  Statement& operator=(Statement&&) = delete;
  ~Statement() {
    if (backend_) backend_->Reset();
  }

  // Parameters are 1-based. Bind copies the text; BindUnowned does not, so
  // the text must stay alive until the statement has run (for hot paths
  // binding fields of a record in scope).
  Statement& Bind(int index, std::string_view text) {
    backend_->BindText(index, text, /*copy=*/true);
    return *this;
  }
  Statement& BindUnowned(int index, std::string_view text) {
    backend_->BindText(index, text, /*copy=*/false);
    return *this;
  }
  Statement& Bind(int index, std::int64_t value) {
    backend_->BindInt(index, value);
    return *this;
  }
  Statement& BindNull(int index) {
    backend_->BindNull(index);
    return *this;
  }
  // Text is bound unowned.
  Statement& BindValue(int index, const Value& value);

  // Advances to the next row: true for a row, false when done.
  Result<bool> Step() { return backend_->Step(); }
  // Steps to the end, ignoring rows; for INSERT/UPDATE/DELETE. The statement
  // can then run again with new bindings.
  Status Run();
  // Runs an INSERT ... RETURNING of one integer (the new row's key) and
  // gives that integer.
  Result<std::int64_t> RunReturning();

  std::string_view Text(int column) const { return backend_->Text(column); }
  std::int64_t Int(int column) const { return backend_->Int(column); }
  bool IsNull(int column) const { return backend_->IsNull(column); }

 private:
  StatementBackend* backend_;
};

class Connection {
 public:
  virtual ~Connection() = default;

  virtual Dialect dialect() const = 0;
  // Runs one or more statements that take no parameters and return no rows.
  virtual Status Exec(std::string_view sql) = 0;
  // A statement for `sql`, prepared once per connection and cached.
  virtual Result<Statement> Prepare(std::string_view sql) = 0;
  // The same, for a query whose rows are many and read once, in order (a
  // whole table): they come as they are read, not all at once, so memory
  // stays that of one row. Until its last row is read or it goes out of
  // scope, nothing else may run on the connection. (SQLite's statements
  // always work so.)
  virtual Result<Statement> PrepareStreaming(std::string_view sql) { return Prepare(sql); }
  // Rows the last INSERT, UPDATE or DELETE changed.
  virtual std::int64_t Changes() const = 0;
  // A write transaction: writers, on every node, run one at a time, so that
  // change records are numbered in the order they commit.
  virtual Status BeginWrite() = 0;
  // A read transaction whose statements all see one snapshot.
  virtual Status BeginRead() = 0;
  // Ends the transaction BeginWrite or BeginRead started.
  virtual Status CommitTransaction() { return Exec("COMMIT"); }
  virtual Status RollbackTransaction() { return Exec("ROLLBACK"); }
  // The CREATE INDEX statement of the index `name`; nullopt when none.
  virtual Result<std::optional<std::string>> IndexDefinition(std::string_view name) = 0;
  // `n` keys for new rows of `table`'s integer key `seq`, in increasing
  // order, that no row has or will be given by default (inside a write
  // transaction).
  virtual Result<std::vector<std::int64_t>> NewKeys(std::string_view table, std::size_t n) = 0;
  // Inserts the rows `next` gives into `table` (`columns`), inside the
  // caller's transaction; for many rows at once. Here one prepared INSERT
  // per row, which costs nothing more in process (SQLite); PostgreSQL's
  // connection sends them in one COPY instead of a round trip each.
  // Returns the rows inserted.
  virtual Result<std::int64_t> AppendRows(std::string_view table, std::span<const std::string_view> columns,
                                          const RowSource& next);
  // False once the connection cannot serve again (its server went away);
  // a pool drops it rather than lend it out.
  virtual bool Usable() const { return true; }
  // How many statements the server has answered with success on this
  // connection (0 where the engine does not count them): so that a pool
  // can tell work that failed before doing anything, which it may run
  // again, from work that failed half-way, which it must not.
  virtual std::uint64_t answered() const { return 0; }

  // Whether `sql` (a query with one parameter) finds a row for `value`.
  Result<bool> Exists(std::string_view sql, std::string_view value);
};

// A transaction; rolls back on destruction unless committed.
class Transaction {
 public:
  enum class Kind { kWrite, kRead };
  static Result<Transaction> Begin(Connection& connection, Kind kind = Kind::kWrite);
  Transaction(Transaction&& other) noexcept : connection_(std::exchange(other.connection_, nullptr)) {}
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Connection* connection) : connection_(connection) {}
  Connection* connection_;
};

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

// "?, ?, ?": the placeholders of an IN list of `n` values.
std::string Placeholders(std::size_t n);

// Runs `select`, whose text has one "{}" where an IN list goes, for each of
// `ids` (duplicates ignored), a fixed number per query so that one statement
// is prepared once whatever the count (a round trip per few hundred ids,
// not per id); calls `visit` on each row, in no particular order.
Status ForEachRowWithIdIn(Connection& c, std::string_view select, std::vector<std::string_view> ids,
                          const std::function<Status(const Statement& row)>& visit);

// Steps `stmt` to the end, appending the text of its first column of each row to `out`.
Status AppendTexts(Statement& stmt, std::vector<std::string>& out);

}  // namespace biobridge::storage::sql
