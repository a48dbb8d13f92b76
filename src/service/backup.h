// Backups: the database as it is at one moment and every file its documents
// refer to, into a new directory that is itself a BioBridge data directory:
//
//   <dir>/biobridge.db        the database (SQLite's online backup)
//   <dir>/biobridge.db.files  the documents' files, content-addressed
//
// Restoring is serving from it (`biobridge serve --db <dir>/biobridge.db`);
// the search index is rebuilt there at first start. Each file is read back
// and checked against its SHA-256 as it is copied: a damaged or missing file
// fails the backup (kInternal / kFailedPrecondition, naming the document)
// instead of giving a backup that cannot be restored whole.
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"
#include "files/blob_store.h"
#include "storage/store.h"

namespace biobridge::service {

struct BackupReport {
  std::string database;   // the copy's path
  std::int64_t documents = 0;
  std::int64_t files = 0;  // distinct files (documents may share one)
  std::uint64_t bytes = 0;  // of the files
};

inline constexpr const char* kBackupDatabaseName = "biobridge.db";

// `dir` must not exist or be empty; it is created.
Result<BackupReport> Backup(storage::Store& store, const files::BlobStore& blobs, const std::string& dir);

}  // namespace biobridge::service
