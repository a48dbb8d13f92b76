// One connection to PostgreSQL through libpq (internal to storage/): the
// URL checked before anything is tried, statements with text parameters,
// transactions, and libpq's errors as Status — a server that cannot be
// reached is kUnavailable naming the host and the reason, never a hang
// (connect_timeout), and a password in the URL is never repeated.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

struct pg_conn;

namespace biobridge::storage::postgres {

// A postgresql:// (or postgres://) URL as libpq reads it.
struct ConnectionTarget {
  std::string url;       // as given, for libpq
  std::string shown;     // user@host:port/database, without the password, for messages
  std::string host;
  std::string port;
  std::string database;
};

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

class Connection {
 public:
  // Connects within `timeout`. kUnavailable naming the server and libpq's
  // reason when it cannot (no server, refused, wrong password, no database).
  static Result<Connection> Open(const ConnectionTarget& target, std::chrono::seconds timeout = std::chrono::seconds(5));

  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;
  ~Connection();

  // One statement with $1, $2, ... parameters.
  Result<Rows> Exec(std::string_view sql, const std::vector<Parameter>& parameters = {});
  // Several statements without parameters (a migration's file).
  Status ExecScript(std::string_view sql);

  Status Begin() { return ExecScript("BEGIN"); }
  Status Commit() { return ExecScript("COMMIT"); }
  // Never fails the caller: a rollback after an error is best effort.
  void Rollback();

  // The server's major version, e.g. 15.
  int ServerMajorVersion() const;
  const ConnectionTarget& target() const { return target_; }

 private:
  Connection(ConnectionTarget target, pg_conn* connection);
  ConnectionTarget target_;
  pg_conn* connection_ = nullptr;
};

// SQL written with SQLite's `?` placeholders, with PostgreSQL's `$1`, `$2`,
// ... instead; a `?` inside a quoted literal or identifier stays as it is.
std::string ToPostgresPlaceholders(std::string_view sql);

// A statement with the same surface as the SQLite store's
// (storage/sqlite/connection.h): 1-based Bind, Step through the rows,
// Text/Int/IsNull of the current row, Run for a statement without rows. It
// runs when first stepped, with the parameters bound by then; the SQL uses
// `?` placeholders, so that the store's statements can serve both engines.
class Statement {
 public:
  Statement(Connection& connection, std::string_view sql)
      : connection_(connection), sql_(ToPostgresPlaceholders(sql)) {}

  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::int64_t value);
  Statement& BindNull(int index);

  // Advances to the next row: true for a row, false when done.
  Result<bool> Step();
  Status Run();

  std::string_view Text(int column) const;
  std::int64_t Int(int column) const;
  bool IsNull(int column) const;
  // Rows the statement inserted, updated or deleted.
  std::int64_t Changes() const { return rows_.affected; }

 private:
  Parameter& At(int index);
  Connection& connection_;
  std::string sql_;
  std::vector<Parameter> parameters_;
  bool ran_ = false;
  Rows rows_;
  std::size_t next_ = 0;  // the row Step moves to
};

}  // namespace biobridge::storage::postgres
