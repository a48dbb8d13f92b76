// Moving an installation from SQLite to PostgreSQL (`biobridge migrate`):
// every table of the SQLite database — records, accounts, sessions, deals,
// committees, events, notifications and mail, the audit and change history —
// copied into a new PostgreSQL database in one transaction, with COPY, then
// counted again on both sides. Internal to storage/ (the CLI calls it; the
// documents' files are copied beside it by the caller).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"

namespace biobridge::storage::postgres {

struct CopiedTable {
  std::string name;
  std::int64_t rows = 0;  // in SQLite, and the same in PostgreSQL
};

// Brings the SQLite database at `sqlite_path` to this binary's schema, then
// `postgres_url`'s database to its (both migrations run), and copies. The
// SQLite file is read in one snapshot (a server may keep serving from it,
// but what it writes after the snapshot is not copied: stop it first).
// kFailedPrecondition, with nothing written, when the PostgreSQL database
// has rows already (migrate into a new one, before any node started on it)
// or the two schemas differ in a table's columns; kInternal when a count
// differs after the copy (then nothing is committed either).
Result<std::vector<CopiedTable>> CopySqliteToPostgres(const std::string& sqlite_path, const std::string& postgres_url,
                                                      Timestamp now);

}  // namespace biobridge::storage::postgres
