#include "service/migrate.h"

#include <fmt/format.h>

#include <filesystem>

#include "files/blob_store.h"
#include "storage/store.h"

namespace biobridge::service {

Result<MigrationReport> MigrateToPostgres(const std::string& sqlite_path, const std::string& source_files_dir,
                                          const std::string& postgres_url, const std::string& target_files_dir,
                                          Timestamp now) {
  if (!std::filesystem::exists(sqlite_path)) return NotFoundError(fmt::format("no database at '{}'", sqlite_path));
  MigrationReport report;
  BB_ASSIGN_OR_RETURN(report.tables, storage::postgres::CopySqliteToPostgres(sqlite_path, postgres_url, now));
  for (const auto& table : report.tables) report.rows += table.rows;
  if (!std::filesystem::exists(source_files_dir)) return report;  // no document was ever uploaded
  BB_ASSIGN_OR_RETURN(auto source, files::BlobStore::Open(source_files_dir));
  BB_ASSIGN_OR_RETURN(auto target, files::BlobStore::Open(target_files_dir));
  for (const std::string& hash : source->Hashes()) {
    if (target->Contains(hash)) continue;
    BB_ASSIGN_OR_RETURN(std::string bytes, source->Read(hash));  // checked against its hash
    BB_ASSIGN_OR_RETURN(std::string kept, target->Put(bytes));
    if (kept != hash) return InternalError(fmt::format("the file {} was kept as {}", hash, kept));
    ++report.files;
    report.bytes += bytes.size();
  }
  return report;
}

}  // namespace biobridge::service
