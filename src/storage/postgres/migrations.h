// Versioned schema migrations of the PostgreSQL store (internal to
// storage/). Each migration is an SQL file under postgres/migrations/,
// compiled into the binary, applied once, in order, each in its own
// transaction, and recorded in schema_migrations. Several nodes may start
// at once: a session-level advisory lock makes one migrate while the others
// wait, then find nothing left to do.
#pragma once

#include <span>
#include <string_view>

#include "base/status.h"
#include "base/time.h"
#include "storage/postgres/connection.h"

namespace biobridge::storage::postgres {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// All migrations this binary knows, by ascending version.
std::span<const Migration> Migrations();

// Brings the database to the last of `migrations` and returns that version.
// kFailedPrecondition, changing nothing, when the database was brought
// further by a newer BioBridge: the message names both versions.
Result<int> ApplyMigrations(Connection& connection, Timestamp now, std::span<const Migration> migrations = Migrations());

// The key of the advisory lock migrations hold ('BBMIGRAT' as a number).
inline constexpr std::int64_t kMigrationLock = 0x42424D4947524154;

}  // namespace biobridge::storage::postgres
