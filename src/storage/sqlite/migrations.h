// Versioned schema migrations of the SQLite store. Each migration is an SQL
// file under migrations/, compiled into the binary, applied once, in order,
// in its own transaction, and recorded in schema_migrations.
#pragma once

#include <span>
#include <string_view>

#include "base/status.h"
#include "base/time.h"
#include "storage/sqlite/connection.h"

namespace biobridge::storage::sqlite {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// All migrations this binary knows, by ascending version.
std::span<const Migration> Migrations();

// Brings the database to the latest version and returns that version.
// kFailedPrecondition when the database was written by a newer BioBridge.
Result<int> ApplyMigrations(Connection& connection, Timestamp now);

}  // namespace biobridge::storage::sqlite
