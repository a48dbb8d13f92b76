// Moving an installation from its embedded SQLite database to PostgreSQL
// (`biobridge migrate`): every table copied and counted again on both sides
// (storage/postgres/copy_from_sqlite.h), then every document's file copied
// into the files directory the PostgreSQL nodes share, each read back
// checked against its hash.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "storage/postgres/copy_from_sqlite.h"

namespace biobridge::service {

struct MigrationReport {
  std::vector<storage::postgres::CopiedTable> tables;
  std::int64_t rows = 0;
  std::int64_t files = 0;  // copied (content already there is not copied again)
  std::uint64_t bytes = 0;
};

// `sqlite_path` must exist. Errors as CopySqliteToPostgres; the files are
// copied only once the rows are committed.
Result<MigrationReport> MigrateToPostgres(const std::string& sqlite_path, const std::string& source_files_dir,
                                          const std::string& postgres_url, const std::string& target_files_dir,
                                          Timestamp now);

}  // namespace biobridge::service
