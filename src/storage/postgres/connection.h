// One connection to PostgreSQL through libpq (internal to storage/): the
// URL checked before anything is tried, statements with text parameters,
// transactions, and libpq's errors as Status — a server that cannot be
// reached is kUnavailable naming the host and the reason, never a hang
// (connect_timeout), and a password in the URL is never repeated.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "base/strings.h"
#include "storage/sql/connection.h"

struct pg_conn;
struct pg_result;

namespace biobridge::storage::postgres {

// A postgresql:// (or postgres://) URL as libpq reads it.
struct ConnectionTarget {
  std::string url;       // as given, for libpq
  std::string shown;     // user@host:port/database, without the password, for messages
  std::string host;
  std::string port;
  std::string database;
};

// Whether `text` is a postgresql:// (or postgres://) URL rather than, say, a
// SQLite file's path.
bool IsPostgresUrl(std::string_view text);

// kInvalidArgument naming what is wrong: not a postgresql:// URL, no
// database, or what libpq cannot parse.
Result<ConnectionTarget> ParseUrl(std::string_view url);

// The rows of a statement, every value as text (NULL as nullopt).
struct Rows {
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::int64_t affected = 0;  // rows an INSERT, UPDATE or DELETE changed
  std::size_t size() const { return rows.size(); }
  // The value at (row, column), "" for NULL.
  const std::string& Text(std::size_t row, std::size_t column) const;
};

using Parameter = std::optional<std::string>;

// One session with the server. As a sql::Connection it serves the SQL store:
// statements are prepared on the server once per connection (named
// prepared statements) and run with text parameters; writers take a
// transaction-level advisory lock, so that writers on every node run one at
// a time, as SQLite's do. Not thread-safe.
class Connection final : public sql::Connection {
 public:
  // Connects within `timeout`. kUnavailable naming the server and libpq's
  // reason when it cannot (no server, refused, wrong password, no database).
  // A `read_only` connection refuses writes.
  static Result<std::unique_ptr<Connection>> Open(const ConnectionTarget& target,
                                                  std::chrono::seconds timeout = std::chrono::seconds(5),
                                                  bool read_only = false);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // One statement with $1, $2, ... parameters.
  Result<Rows> Exec(std::string_view sql, const std::vector<Parameter>& parameters);
  // Several statements without parameters (a migration's file).
  Status ExecScript(std::string_view sql);

  Status Begin() { return ExecScript("BEGIN"); }
  Status Commit() { return ExecScript("COMMIT"); }
  // Never fails the caller: a rollback after an error is best effort.
  void Rollback();

  // Waits up to `timeout` for a notice on a channel this connection LISTENs
  // on: true when one (or several) came, false when none did.
  Result<bool> WaitForNotice(std::chrono::milliseconds timeout);

  // The server's major version, e.g. 15.
  int ServerMajorVersion() const;
  const ConnectionTarget& target() const { return target_; }

  // sql::Connection
  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
  Status Exec(std::string_view sql) override { return ExecScript(sql); }
  Result<sql::Statement> Prepare(std::string_view sql) override;
  // Single-row mode: until its last row is read (or it is reset), the
  // connection runs nothing else.
  Result<sql::Statement> PrepareStreaming(std::string_view sql) override;
  std::int64_t Changes() const override { return changes_; }
  Status BeginWrite() override;
  Status BeginRead() override;
  Result<std::optional<std::string>> IndexDefinition(std::string_view name) override;
  // From the column's identity sequence, in one round trip.
  Result<std::vector<std::int64_t>> NewKeys(std::string_view table, std::size_t n) override;
  // COPY FROM STDIN in text format: for bulk loads, far quicker than INSERTs.
  Result<std::int64_t> AppendRows(std::string_view table, std::span<const std::string_view> columns,
                                  const sql::RowSource& next) override;
  bool Usable() const override;
  std::uint64_t answered() const override { return answered_; }

 private:
  class PreparedStatement;
  Connection(ConnectionTarget target, pg_conn* connection);
  Result<sql::Statement> Prepared(std::string_view sql, bool streaming);
  // kUnavailable: the server closed the connection or cannot be reached.
  Status Lost() const;
  // A Status for a statement that failed, or for the connection it lost.
  Status Failure(const pg_result* result) const;
  // Ok when `result` is a success (counting it, and the rows it changed);
  // else Failure(result).
  Status Answered(const pg_result* result);

  ConnectionTarget target_;
  pg_conn* connection_ = nullptr;
  std::int64_t changes_ = 0;
  std::uint64_t answered_ = 0;  // statements the server answered with success
  std::unordered_map<std::string, std::unique_ptr<PreparedStatement>, StringHash, std::equal_to<>> statements_,
      streaming_statements_;
};

// SQL written with SQLite's `?` and `?N` placeholders, with PostgreSQL's `$1`,
// `$2`, ... instead (a bare `?` numbered after the largest before it, as
// SQLite does); a `?` inside a quoted literal or identifier stays as it is.
std::string ToPostgresPlaceholders(std::string_view sql);

// The key of the transaction-level advisory lock every write transaction
// takes ('BBWRITER' as a number).
inline constexpr std::int64_t kWriteLock = 0x4242575249544552;

}  // namespace biobridge::storage::postgres
