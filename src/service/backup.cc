#include "service/backup.h"

#include <fmt/format.h>

#include <filesystem>
#include <set>

#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace biobridge::service {

Result<BackupReport> Backup(storage::Store& store, const files::BlobStore& blobs, const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return AlreadyExistsError(fmt::format("'{}' is not empty; back up into a new directory", dir));
  }
  fs::create_directories(dir, ec);
  if (ec) return UnavailableError(fmt::format("cannot create '{}': {}", dir, ec.message()));
  BackupReport report;
  report.database = (fs::path(dir) / kBackupDatabaseName).string();
  BB_RETURN_IF_ERROR(store.BackupTo(report.database));

  // The files the copy's documents name: read from the copy, not the live
  // database, so that rows and files agree.
  BB_ASSIGN_OR_RETURN(std::unique_ptr<storage::sqlite::SqliteStore> copy,
                      storage::sqlite::SqliteStore::Open({.path = report.database, .max_read_connections = 1},
                                                         Timestamp{}));
  BB_ASSIGN_OR_RETURN(std::unique_ptr<files::BlobStore> copied, files::BlobStore::Open(report.database + ".files"));
  std::set<std::string> done;
  BB_RETURN_IF_ERROR(copy->ForEachDocument([&](const domain::Document& d) -> Status {
    ++report.documents;
    if (!done.insert(d.sha256).second) return Status::Ok();
    Result<std::string> bytes = blobs.Read(d.sha256);
    if (!bytes.ok()) {
      if (bytes.status().code() == StatusCode::kNotFound) {
        return FailedPreconditionError(fmt::format(
            "the file of document '{}' ({}) is missing from {}; it was deleted during the backup or lost: run the "
            "backup again, and if it fails again restore that file from an older backup",
            d.id, d.name, blobs.dir()));
      }
      return InternalError(fmt::format("the file of document '{}' ({}): {}", d.id, d.name, bytes.status().message()));
    }
    BB_RETURN_IF_ERROR(copied->Put(*bytes).status());
    ++report.files;
    report.bytes += bytes->size();
    return Status::Ok();
  }));
  return report;
}

}  // namespace biobridge::service
